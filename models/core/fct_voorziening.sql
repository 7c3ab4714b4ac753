with

beschikkingen as (select * from {{ ref('stg_extract__beschikkingen') }}),

final as (

    select
        {{ declared_casts([
            'beschikking_id', 'registratiedatum', 'client_id', 'huishouden_id', 'gemeente_code', 'wijk_code',
            'wet_code',
        ]) }},
        cast(
            {{ product_id('wet_code', 'productcategorie_code', 'productcode') }}
            as {{ dbt.type_string() }}
        ) as product_id,
        {{ declared_casts([
            'productcategorie_code', 'productcode', 'aanvraagdatum', 'besluitdatum', 'ingangsdatum',
            'einddatum', 'volume', 'eenheid_code', 'frequentie_code', 'tarief', 'leveringsvorm_code',
        ]) }},
        cast({{ aanbieder_id('aanbieder_agb') }} as {{ dbt.type_string() }}) as aanbieder_id,
        cast({{ verwijzer_id('verwijzer_id') }} as {{ dbt.type_string() }}) as verwijzer_id,
        cast(verwijzer_type_code as {{ dbt.type_string() }}) as verwijzer_type_code,
        cast(reden_beeindiging_code as {{ dbt.type_string() }}) as reden_beeindiging_code,
        cast({{ dbt.datediff('aanvraagdatum', 'besluitdatum', 'day') }} as integer) as beslistermijn_dagen,
        cast(greatest({{ dbt.datediff('besluitdatum', 'ingangsdatum', 'day') }}, 0) as integer) as wachttijd_dagen
    from beschikkingen

)

select * from final
