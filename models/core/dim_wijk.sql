with

wijken as {{ inline_cte() }} (select * from {{ ref('wijken') }}),

waarnemingen as (

    select
        wijk_code,
        gemeente_code
    from {{ ref('prep_client_waarnemingen') }}

),

-- wijken in the data but not in the seed become inferred members
onbekend as (

    select
        waarnemingen.wijk_code,
        max(waarnemingen.gemeente_code) as gemeente_code
    from waarnemingen
    left join wijken using (wijk_code)
    where wijken.wijk_code is null and waarnemingen.wijk_code is not null
    group by waarnemingen.wijk_code

),

final as (

    select
        {{ declared_casts(['wijk_code', 'wijk_naam', 'gemeente_code', 'inwoneraandeel']) }},
        true as is_bekend
    from wijken

    union all

    select
        cast(wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast({{ dbt.concat(["'Onbekende wijk '", 'wijk_code']) }} as {{ dbt.type_string() }}) as wijk_naam,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(null as decimal(9, 4)) as inwoneraandeel,
        false as is_bekend
    from onbekend

)

select * from final
