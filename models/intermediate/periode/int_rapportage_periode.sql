-- The reporting periods of the marts: every month, quarter and year from var('rapportage_start')
-- up to and including the month of the knowledge date (kpi-definitions.md: figures are produced
-- for months up to the month of K, never after it). The peildatum of a period is its last day.
with

dagen as (select * from {{ ref('dim_periode') }}),

kennisdatum as {{ inline_cte() }} (select * from {{ ref('dim_kennisdatum') }}),

binnen_venster as (

    select dagen.*
    from dagen
    cross join kennisdatum
    where
        dagen.datum >= cast('{{ var("rapportage_start") }}' as date)
        and dagen.datum <= kennisdatum.laatste_maand_eind

),

maanden as (

    select
        'maand' as periode_type,
        min(datum) as periode_start,
        max(datum) as periode_eind,
        min(jaarmaand) as periode_label,
        min(jaar) as jaar
    from binnen_venster
    group by jaar, maand

),

kwartalen as (

    select
        'kwartaal' as periode_type,
        min(datum) as periode_start,
        max(datum) as periode_eind,
        {{ dbt.concat([
            "cast(min(jaar) as " ~ dbt.type_string() ~ ")",
            "'-K'",
            "cast(min(kwartaal) as " ~ dbt.type_string() ~ ")"
        ]) }} as periode_label,
        min(jaar) as jaar
    from binnen_venster
    group by jaar, kwartaal

),

jaren as (

    select
        'jaar' as periode_type,
        min(datum) as periode_start,
        max(datum) as periode_eind,
        cast(min(jaar) as {{ dbt.type_string() }}) as periode_label,
        min(jaar) as jaar
    from binnen_venster
    group by jaar

),

alle as (

    select * from maanden
    union all
    select * from kwartalen
    union all
    select * from jaren

),

final as (

    select
        alle.periode_type,
        alle.periode_start,
        alle.periode_eind,
        alle.periode_label,
        alle.jaar,
        alle.periode_eind as peildatum,
        alle.periode_eind <= kennisdatum.kennisdatum as is_volledig
    from alle
    cross join kennisdatum

)

select * from final
