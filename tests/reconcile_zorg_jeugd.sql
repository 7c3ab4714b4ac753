-- Reconciliation of the jeugd figures (unsuppressed int tables). Returns failing rows.
-- 1. alleen_gemeente + alleen_niet_gemeente + beide = totaal = the unique JW clients of the period,
--    counted from fct_client_maand (distinct over the months of the period, so a quarter or year
--    is distinct over the whole period).
-- 2. Zwaarte: licht + middel + zwaar + onbekend voorzieningen = totaal, and the zwaarte total of
--    unique jeugdigen equals the verwijzer total.
-- 3. Lange zorginzet: in zorg = the distinct jeugdigen with a JW voorziening active on the
--    peildatum (fct_voorziening), and lange zorginzet <= in zorg.
with

verwijzer as (

    select * from {{ ref('int_zorg_jeugd_verwijzer_split') }}

),

zwaarte as (

    select * from {{ ref('int_zorg_jeugd_zwaarte') }}

),

lange_zorg as (

    select * from {{ ref('int_zorg_jeugd_lange_zorg') }}

),

client_maand as (

    select * from {{ ref('fct_client_maand') }}

),

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

verwijzer_som as (

    select
        verwijzer.gemeente_code,
        verwijzer.periode_type,
        verwijzer.periode_start,
        max(verwijzer.periode_eind) as periode_eind,
        sum(case when verwijzer.verwijzer_groep <> 'totaal' then verwijzer.aantal_unieke_jeugdigen else 0 end)
            as som_groepen,
        max(case when verwijzer.verwijzer_groep = 'totaal' then verwijzer.aantal_unieke_jeugdigen end) as totaal
    from verwijzer
    group by verwijzer.gemeente_code, verwijzer.periode_type, verwijzer.periode_start

),

jeugdigen_direct as (

    select
        verwijzer_som.gemeente_code,
        verwijzer_som.periode_type,
        verwijzer_som.periode_start,
        count(distinct client_maand.client_id) as aantal
    from verwijzer_som
    inner join client_maand
        on
            verwijzer_som.gemeente_code = client_maand.gemeente_code
            and client_maand.wet_code = 'JW'
            and verwijzer_som.periode_start <= client_maand.maand_start
            and verwijzer_som.periode_eind >= client_maand.maand_start
    group by verwijzer_som.gemeente_code, verwijzer_som.periode_type, verwijzer_som.periode_start

),

zwaarte_som as (

    select
        zwaarte.gemeente_code,
        zwaarte.periode_type,
        zwaarte.periode_start,
        sum(case when zwaarte.zwaarte <> 'totaal' then zwaarte.aantal_actieve_voorzieningen else 0 end)
            as som_voorzieningen,
        max(case when zwaarte.zwaarte = 'totaal' then zwaarte.aantal_actieve_voorzieningen end)
            as totaal_voorzieningen,
        max(case when zwaarte.zwaarte = 'totaal' then zwaarte.aantal_unieke_jeugdigen end) as totaal_jeugdigen
    from zwaarte
    group by zwaarte.gemeente_code, zwaarte.periode_type, zwaarte.periode_start

),

peildata as (

    select distinct lange_zorg.peildatum
    from lange_zorg

),

in_zorg_direct as (

    select
        voorzieningen.gemeente_code,
        peildata.peildatum,
        count(distinct voorzieningen.client_id) as aantal
    from voorzieningen
    inner join peildata
        on
            voorzieningen.ingangsdatum <= peildata.peildatum
            and (voorzieningen.einddatum is null or voorzieningen.einddatum >= peildata.peildatum)
    where voorzieningen.wet_code = 'JW'
    group by voorzieningen.gemeente_code, peildata.peildatum

),

fouten as (

    select
        'verwijzer' as controle,
        verwijzer_som.gemeente_code,
        verwijzer_som.periode_type,
        verwijzer_som.periode_start,
        verwijzer_som.som_groepen as links,
        verwijzer_som.totaal as rechts,
        coalesce(jeugdigen_direct.aantal, 0) as direct
    from verwijzer_som
    left join jeugdigen_direct
        on
            verwijzer_som.gemeente_code = jeugdigen_direct.gemeente_code
            and verwijzer_som.periode_type = jeugdigen_direct.periode_type
            and verwijzer_som.periode_start = jeugdigen_direct.periode_start
    where
        verwijzer_som.som_groepen <> verwijzer_som.totaal
        or verwijzer_som.totaal <> coalesce(jeugdigen_direct.aantal, 0)
    union all
    select
        'zwaarte' as controle,
        zwaarte_som.gemeente_code,
        zwaarte_som.periode_type,
        zwaarte_som.periode_start,
        zwaarte_som.som_voorzieningen as links,
        zwaarte_som.totaal_voorzieningen as rechts,
        zwaarte_som.totaal_jeugdigen as direct
    from zwaarte_som
    left join verwijzer_som
        on
            zwaarte_som.gemeente_code = verwijzer_som.gemeente_code
            and zwaarte_som.periode_type = verwijzer_som.periode_type
            and zwaarte_som.periode_start = verwijzer_som.periode_start
    where
        zwaarte_som.som_voorzieningen <> zwaarte_som.totaal_voorzieningen
        or zwaarte_som.totaal_jeugdigen <> coalesce(verwijzer_som.totaal, 0)
    union all
    select
        'lange_zorg' as controle,
        lange_zorg.gemeente_code,
        lange_zorg.periode_type,
        lange_zorg.peildatum as periode_start,
        lange_zorg.aantal_jeugdigen_lange_zorginzet as links,
        lange_zorg.aantal_jeugdigen_in_zorg as rechts,
        coalesce(in_zorg_direct.aantal, 0) as direct
    from lange_zorg
    left join in_zorg_direct
        on
            lange_zorg.gemeente_code = in_zorg_direct.gemeente_code
            and lange_zorg.peildatum = in_zorg_direct.peildatum
    where
        lange_zorg.aantal_jeugdigen_lange_zorginzet > lange_zorg.aantal_jeugdigen_in_zorg
        or lange_zorg.aantal_jeugdigen_in_zorg <> coalesce(in_zorg_direct.aantal, 0)

)

select * from fouten
