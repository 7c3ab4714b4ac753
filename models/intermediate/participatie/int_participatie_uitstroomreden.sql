{{ config(materialized='table') }}
-- Unsuppressed uitstroom by uitstroomreden (kpi-definitions.md, uitstroomreden): per gemeente,
-- reporting period (kwartaal and jaar) and reden: every code of seed code_uitstroomreden, 'onbekend'
-- for an uitstroom without reden, and 'totaal' (all uitstroom). Event counts: dossiers whose
-- einddatum lies in the period.
with

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

perioden as {{ inline_cte() }} (

    select * from {{ ref('int_rapportage_periode') }}

),

redenen as (

    select * from {{ ref('code_uitstroomreden') }}

),

kwartalen_en_jaren as (

    select * from perioden
    where periode_type in ('kwartaal', 'jaar')

),

-- every ended uitkering once per quarter and year that holds its einddatum (found by period
-- number, macro expand_to_periods)
{{ expand_to_periods(
    'uitstroom_perioden', 'uitkeringen', 'einddatum', 'einddatum', 'kwartalen_en_jaren',
    ['periode_type', 'periode_start']
) }},

uitstroom as (

    select
        uitstroom_perioden.gemeente_code,
        coalesce(nullif(uitstroom_perioden.uitstroomreden_code, ''), 'onbekend') as uitstroomreden_code,
        uitstroom_perioden.periode_type,
        uitstroom_perioden.periode_start
    from uitstroom_perioden

),

per_reden as (

    select
        gemeente_code,
        uitstroomreden_code,
        periode_type,
        periode_start,
        count(*) as aantal_uitstroom
    from uitstroom
    group by gemeente_code, uitstroomreden_code, periode_type, periode_start
    union all
    select
        gemeente_code,
        'totaal' as uitstroomreden_code,
        periode_type,
        periode_start,
        count(*) as aantal_uitstroom
    from uitstroom
    group by gemeente_code, periode_type, periode_start

),

reden_codes as (

    select
        uitstroomreden_code,
        is_werk
    from redenen
    union all
    select
        'onbekend' as uitstroomreden_code,
        false as is_werk
    union all
    select
        'totaal' as uitstroomreden_code,
        null as is_werk

),

gemeenten as (

    select distinct gemeente_code from uitkeringen

),

rooster as (

    select
        gemeenten.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.jaar,
        reden_codes.uitstroomreden_code,
        reden_codes.is_werk
    from gemeenten
    cross join perioden
    cross join reden_codes
    where perioden.periode_type in ('kwartaal', 'jaar')

),

final as (

    select
        cast(rooster.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(rooster.periode_type as {{ dbt.type_string() }}) as periode_type,
        cast(rooster.periode_start as date) as periode_start,
        cast(rooster.periode_eind as date) as periode_eind,
        cast(rooster.periode_label as {{ dbt.type_string() }}) as periode_label,
        cast(rooster.jaar as integer) as jaar,
        cast(rooster.uitstroomreden_code as {{ dbt.type_string() }}) as uitstroomreden_code,
        cast(rooster.is_werk as {{ dbt.type_boolean() }}) as is_werk,
        cast(coalesce(per_reden.aantal_uitstroom, 0) as {{ dbt.type_bigint() }}) as aantal_uitstroom
    from rooster
    left join per_reden
        on
            rooster.gemeente_code = per_reden.gemeente_code
            and rooster.uitstroomreden_code = per_reden.uitstroomreden_code
            and rooster.periode_type = per_reden.periode_type
            and rooster.periode_start = per_reden.periode_start

)

select * from final
