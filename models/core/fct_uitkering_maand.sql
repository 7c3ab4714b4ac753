with

uitkeringen as (select * from {{ ref('stg_extract__uitkeringen') }}),

dossiers as (select * from {{ ref('prep_uitkering_dossiers') }}),

final as (

    select
        cast(
            {{ dbt.concat(['uitkeringen.uitkering_id', "'|'", 'uitkeringen.betaalmaand']) }}
            as {{ dbt.type_string() }}
        ) as uitkering_maand_id,
        {{ declared_casts([
            'uitkering_id', 'betaalmaand', 'betaalmaand_start', 'registratiedatum', 'client_id',
            'huishouden_id', 'gemeente_code', 'wijk_code', 'leefvorm_code', 'bedrag', 'uren_per_week',
        ], 'uitkeringen') }},
        cast(uitkeringen.uren_per_week / {{ var('uren_per_fte') | float }} as decimal(18, 4)) as werk_fte,
        {{ declared_casts([
            'regeling_code', 'aanvraagdatum', 'besluitdatum', 'ingangsdatum', 'einddatum',
            'uitstroomreden_code',
        ], 'dossiers') }}
    from uitkeringen
    inner join dossiers using (uitkering_id)

)

select * from final
