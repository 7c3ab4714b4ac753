with

dagen as (

    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('periode_start') ~ "' as date)",
        dbt.dateadd('day', 1, "cast('" ~ var('periode_eind') ~ "' as date)")
    ) }}

),

datums as (

    select cast(date_day as date) as datum
    from dagen

),

final as (

    select
        datum,
        cast(extract(year from datum) as integer) as jaar,
        cast(extract(quarter from datum) as integer) as kwartaal,
        cast(extract(month from datum) as integer) as maand,
        cast(extract(day from datum) as integer) as dag,
        cast(substr(cast(datum as {{ dbt.type_string() }}), 1, 7) as {{ dbt.type_string() }}) as jaarmaand,
        cast({{ dbt.date_trunc('month', 'datum') }} as date) as maand_start,
        cast({{ dbt.last_day('datum', 'month') }} as date) as maand_eind,
        cast(extract(day from {{ dbt.last_day('datum', 'month') }}) as integer) as dagen_in_maand,
        cast({{ dbt.date_trunc('quarter', 'datum') }} as date) as kwartaal_start,
        cast({{ dbt.date_trunc('year', 'datum') }} as date) as jaar_start,
        cast({{ dbt.last_day('datum', 'year') }} as date) as jaar_eind,
        {{ iso_year('datum') }} as iso_jaar,
        {{ iso_week('datum') }} as iso_week,
        {{ iso_weekday('datum') }} as iso_weekdag,
        {{ declaratieperiode('datum') }} as declaratieperiode,
        {{ iso_year('datum') }} as declaratieperiode_jaar,
        datum = {{ dbt.last_day('datum', 'month') }} as is_maand_eind
    from datums

)

select * from final
