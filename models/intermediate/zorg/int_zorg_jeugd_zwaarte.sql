-- Jeugd: zwaarte (kpi-definitions.md, source 001): JW voorzieningen active in the period by
-- zwaarte licht / middel / zwaar (seed zwaarte_jeugd via dim_product; 'onbekend' when the
-- productcategorie is not mapped) and 'totaal'. aantal_actieve_voorzieningen is additive over the
-- zwaarte classes; aantal_unieke_jeugdigen is not (a jeugdige with a licht and a zwaar
-- voorziening counts in both, once in 'totaal'). Per maand, kwartaal and jaar (unique counts
-- distinct over the whole period). Every cell present (0 shown).
-- Unsuppressed: mart_jeugd_zwaarte publishes it, reconciliation tests read it.
with

actief as {{ inline_cte() }} (

    select * from {{ ref('int_zorg_jeugd_actief_in_periode') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

gemeenten as (

    select distinct actief.gemeente_code
    from actief

),

klassen as (

    select 'licht' as zwaarte
    union all
    select 'middel' as zwaarte
    union all
    select 'zwaar' as zwaarte
    union all
    select 'onbekend' as zwaarte
    union all
    select 'totaal' as zwaarte

),

cellen as (

    select
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        actief.zwaarte,
        count(*) as aantal_actieve_voorzieningen,
        count(distinct actief.client_id) as aantal_unieke_jeugdigen
    from actief
    group by
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        actief.zwaarte
    union all
    select
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        'totaal' as zwaarte,
        count(*) as aantal_actieve_voorzieningen,
        count(distinct actief.client_id) as aantal_unieke_jeugdigen
    from actief
    group by
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start

),

final as (

    select
        gemeenten.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        klassen.zwaarte,
        cast(coalesce(cellen.aantal_actieve_voorzieningen, 0) as {{ dbt.type_bigint() }})
            as aantal_actieve_voorzieningen,
        cast(coalesce(cellen.aantal_unieke_jeugdigen, 0) as {{ dbt.type_bigint() }}) as aantal_unieke_jeugdigen
    from gemeenten
    cross join perioden
    cross join klassen
    left join cellen
        on
            gemeenten.gemeente_code = cellen.gemeente_code
            and perioden.periode_type = cellen.periode_type
            and perioden.periode_start = cellen.periode_start
            and klassen.zwaarte = cellen.zwaarte

)

select * from final
