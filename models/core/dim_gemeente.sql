with

gemeenten as {{ inline_cte() }} (select * from {{ ref('gemeenten') }}),

beschikkingen as (

    select gemeente_code from {{ ref('stg_extract__beschikkingen') }}

),

uitkeringen as (

    select gemeente_code from {{ ref('stg_extract__uitkeringen') }}

),

-- municipalities in the data but not in the seed become inferred members
in_data as (

    select gemeente_code from beschikkingen
    union
    select gemeente_code from uitkeringen

),

onbekend as (

    select in_data.gemeente_code
    from in_data
    left join gemeenten using (gemeente_code)
    where gemeenten.gemeente_code is null and in_data.gemeente_code is not null

),

final as (

    select
        {{ declared_casts(['gemeente_code', 'gemeente_naam', 'inwoners']) }},
        true as is_bekend
    from gemeenten

    union all

    select
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast({{ dbt.concat(["'Onbekende gemeente '", 'gemeente_code']) }} as {{ dbt.type_string() }}) as gemeente_naam,
        cast(null as integer) as inwoners,
        false as is_bekend
    from onbekend

)

select * from final
