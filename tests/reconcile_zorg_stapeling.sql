-- Reconciliation of the stapeling figures (unsuppressed int tables). Returns failing rows.
-- 1. Binnen wet: classes 1 + 2 + 3 + 4+ = totaal, and totaal = the distinct clients with a
--    voorziening of the wet active on the peildatum, counted straight from fct_voorziening.
-- 2. Over wetten: the seven combinations = totaal, and totaal = the distinct households with a
--    voorziening or uitkering dossier active on the peildatum.
with

binnen_wet as (

    select * from {{ ref('int_zorg_stapeling_binnen_wet') }}

),

wetten as (

    select * from {{ ref('int_zorg_stapeling_wetten') }}

),

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

binnen_wet_som as (

    select
        binnen_wet.gemeente_code,
        binnen_wet.peildatum,
        binnen_wet.wet_code,
        sum(case when binnen_wet.stapeling_klasse <> 'totaal' then binnen_wet.aantal_clienten else 0 end)
            as som_klassen,
        max(case when binnen_wet.stapeling_klasse = 'totaal' then binnen_wet.aantal_clienten end) as totaal
    from binnen_wet
    group by binnen_wet.gemeente_code, binnen_wet.peildatum, binnen_wet.wet_code

),

peildata as (

    select distinct binnen_wet.peildatum
    from binnen_wet

),

clienten_direct as (

    select
        voorzieningen.gemeente_code,
        peildata.peildatum,
        voorzieningen.wet_code,
        -- on the client's 64-bit number (macro client_sleutel; core_client_sleutel_uniek)
        count(distinct {{ client_sleutel('voorzieningen.client_id') }}) as aantal
    from voorzieningen
    inner join peildata
        on
            voorzieningen.ingangsdatum <= peildata.peildatum
            and (voorzieningen.einddatum is null or voorzieningen.einddatum >= peildata.peildatum)
    group by voorzieningen.gemeente_code, peildata.peildatum, voorzieningen.wet_code

),

wetten_som as (

    select
        wetten.gemeente_code,
        wetten.peildatum,
        sum(case when wetten.wetten_combinatie <> 'totaal' then wetten.aantal_huishoudens else 0 end) as som_klassen,
        max(case when wetten.wetten_combinatie = 'totaal' then wetten.aantal_huishoudens end) as totaal
    from wetten
    group by wetten.gemeente_code, wetten.peildatum

),

dossiers as (

    select
        voorzieningen.gemeente_code,
        voorzieningen.huishouden_id,
        voorzieningen.ingangsdatum,
        voorzieningen.einddatum
    from voorzieningen
    union all
    select
        uitkeringen.gemeente_code,
        uitkeringen.huishouden_id,
        uitkeringen.ingangsdatum,
        uitkeringen.einddatum
    from uitkeringen

),

huishoudens_direct as (

    select
        dossiers.gemeente_code,
        peildata.peildatum,
        count(distinct dossiers.huishouden_id) as aantal
    from dossiers
    inner join peildata
        on
            dossiers.ingangsdatum <= peildata.peildatum
            and (dossiers.einddatum is null or dossiers.einddatum >= peildata.peildatum)
    group by dossiers.gemeente_code, peildata.peildatum

),

fouten as (

    select
        'binnen_wet' as controle,
        binnen_wet_som.gemeente_code,
        binnen_wet_som.peildatum,
        binnen_wet_som.wet_code as groep,
        binnen_wet_som.som_klassen,
        binnen_wet_som.totaal,
        coalesce(clienten_direct.aantal, 0) as direct
    from binnen_wet_som
    left join clienten_direct
        on
            binnen_wet_som.gemeente_code = clienten_direct.gemeente_code
            and binnen_wet_som.peildatum = clienten_direct.peildatum
            and binnen_wet_som.wet_code = clienten_direct.wet_code
    where
        binnen_wet_som.som_klassen <> binnen_wet_som.totaal
        or binnen_wet_som.totaal <> coalesce(clienten_direct.aantal, 0)
    union all
    select
        'wetten' as controle,
        wetten_som.gemeente_code,
        wetten_som.peildatum,
        'alle' as groep,
        wetten_som.som_klassen,
        wetten_som.totaal,
        coalesce(huishoudens_direct.aantal, 0) as direct
    from wetten_som
    left join huishoudens_direct
        on
            wetten_som.gemeente_code = huishoudens_direct.gemeente_code
            and wetten_som.peildatum = huishoudens_direct.peildatum
    where
        wetten_som.som_klassen <> wetten_som.totaal
        or wetten_som.totaal <> coalesce(huishoudens_direct.aantal, 0)

)

select * from fouten
