with

versies as (select * from {{ ref('prep_client_versies') }}),

final as (

    select
        cast(
            {{ dbt.hash(dbt.concat(['client_id', "'|'", 'cast(valid_from as ' ~ dbt.type_string() ~ ')'])) }}
            as {{ dbt.type_string() }}
        ) as client_versie_id,
        {{ declared_casts(['client_id', 'valid_from', 'valid_to']) }},
        valid_to is null as is_current,
        {{ declared_casts([
            'geboortedatum', 'geslacht_code', 'postcode', 'wijk_code', 'huishouden_id', 'gemeente_code',
        ]) }}
    from versies

)

select * from final
