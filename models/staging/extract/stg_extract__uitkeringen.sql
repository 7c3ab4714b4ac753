with

source as {{ inline_cte() }} (select * from {{ source('extract', 'uitkeringen') }}),

code_geslacht as (select * from {{ ref('code_geslacht') }}),

current_versions as (

    {{ select_current_version('source', ['uitkering_id', 'betaalmaand']) }}

),

final as (

    select
        current_versions.uitkering_id,
        current_versions.betaalmaand,
        cast({{ dbt.concat(['current_versions.betaalmaand', "'-01'"]) }} as date) as betaalmaand_start,
        current_versions.registratiedatum,
        {{ extract_client_kolommen('current_versions', 'code_geslacht') }},
        current_versions.regeling as regeling_code,
        current_versions.leefvorm as leefvorm_code,
        current_versions.aanvraagdatum,
        current_versions.besluitdatum,
        current_versions.ingangsdatum,
        current_versions.einddatum,
        current_versions.uitstroomreden as uitstroomreden_code,
        cast(current_versions.bedrag as decimal(18, 2)) as bedrag,
        cast(current_versions.uren_per_week as decimal(18, 2)) as uren_per_week,
        {{ lineage_kolommen('current_versions') }}
    from current_versions
    left join code_geslacht
        on upper(current_versions.geslacht) = code_geslacht.geslacht_bron

)

select * from final
