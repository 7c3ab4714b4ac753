with

beschikkingen as (

    select * from {{ ref('stg_extract__beschikkingen') }}

),

final as (

    select
        cast(beschikking_id as {{ dbt.type_string() }}) as beschikking_id,
        cast(registratiedatum as date) as registratiedatum,
        cast(client_id as {{ dbt.type_string() }}) as client_id,
        cast(huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(
            {{ product_id('wet_code', 'productcategorie_code', 'productcode') }}
            as {{ dbt.type_string() }}
        ) as product_id,
        cast(productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(productcode as {{ dbt.type_string() }}) as productcode,
        cast(aanvraagdatum as date) as aanvraagdatum,
        cast(besluitdatum as date) as besluitdatum,
        cast(ingangsdatum as date) as ingangsdatum,
        cast(einddatum as date) as einddatum,
        cast(volume as {{ dbt.type_bigint() }}) as volume,
        cast(eenheid_code as {{ dbt.type_string() }}) as eenheid_code,
        cast(frequentie_code as {{ dbt.type_string() }}) as frequentie_code,
        cast(tarief as decimal(18, 2)) as tarief,
        cast(leveringsvorm_code as {{ dbt.type_string() }}) as leveringsvorm_code,
        cast({{ aanbieder_id('aanbieder_agb') }} as {{ dbt.type_string() }}) as aanbieder_id,
        cast({{ verwijzer_id('verwijzer_id') }} as {{ dbt.type_string() }}) as verwijzer_id,
        cast(verwijzer_type_code as {{ dbt.type_string() }}) as verwijzer_type_code,
        cast(reden_beeindiging_code as {{ dbt.type_string() }}) as reden_beeindiging_code,
        cast({{ dbt.datediff('aanvraagdatum', 'besluitdatum', 'day') }} as integer) as beslistermijn_dagen,
        cast(greatest({{ dbt.datediff('besluitdatum', 'ingangsdatum', 'day') }}, 0) as integer) as wachttijd_dagen
    from beschikkingen

)

select * from final
