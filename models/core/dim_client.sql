with

versies as (

    select * from {{ ref('prep_client_versies') }}

),

final as (

    select
        cast(
            {{ dbt.hash(dbt.concat(['client_id', "'|'", 'cast(valid_from as ' ~ dbt.type_string() ~ ')'])) }}
            as {{ dbt.type_string() }}
        ) as client_versie_id,
        cast(client_id as {{ dbt.type_string() }}) as client_id,
        cast(valid_from as date) as valid_from,
        cast(valid_to as date) as valid_to,
        valid_to is null as is_current,
        cast(geboortedatum as date) as geboortedatum,
        cast(geslacht_code as {{ dbt.type_string() }}) as geslacht_code,
        cast(postcode as {{ dbt.type_string() }}) as postcode,
        cast(wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code
    from versies

)

select * from final
