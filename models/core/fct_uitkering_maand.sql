with

uitkeringen as (

    select * from {{ ref('stg_extract__uitkeringen') }}

),

dossiers as (

    select * from {{ ref('prep_uitkering_dossiers') }}

),

final as (

    select
        cast(
            {{ dbt.concat(['uitkeringen.uitkering_id', "'|'", 'uitkeringen.betaalmaand']) }}
            as {{ dbt.type_string() }}
        ) as uitkering_maand_id,
        cast(uitkeringen.uitkering_id as {{ dbt.type_string() }}) as uitkering_id,
        cast(uitkeringen.betaalmaand as {{ dbt.type_string() }}) as betaalmaand,
        cast(uitkeringen.betaalmaand_start as date) as betaalmaand_start,
        cast(uitkeringen.registratiedatum as date) as registratiedatum,
        cast(uitkeringen.client_id as {{ dbt.type_string() }}) as client_id,
        cast(uitkeringen.huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(uitkeringen.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(uitkeringen.wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(uitkeringen.leefvorm_code as {{ dbt.type_string() }}) as leefvorm_code,
        cast(uitkeringen.bedrag as decimal(18, 2)) as bedrag,
        cast(uitkeringen.uren_per_week as decimal(18, 2)) as uren_per_week,
        cast(uitkeringen.uren_per_week / 36.0 as decimal(18, 4)) as werk_fte,
        cast(dossiers.regeling_code as {{ dbt.type_string() }}) as regeling_code,
        cast(dossiers.aanvraagdatum as date) as aanvraagdatum,
        cast(dossiers.besluitdatum as date) as besluitdatum,
        cast(dossiers.ingangsdatum as date) as ingangsdatum,
        cast(dossiers.einddatum as date) as einddatum,
        cast(dossiers.uitstroomreden_code as {{ dbt.type_string() }}) as uitstroomreden_code
    from uitkeringen
    inner join dossiers
        on uitkeringen.uitkering_id = dossiers.uitkering_id

)

select * from final
