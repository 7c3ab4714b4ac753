with

source as {{ inline_cte() }} (select * from {{ source('extract', 'beschikkingen') }}),

code_geslacht as (select * from {{ ref('code_geslacht') }}),

current_versions as (

    {{ select_current_version('source', ['beschikking_id']) }}

),

renamed as (

    select
        current_versions.beschikking_id,
        current_versions.registratiedatum,
        {{ extract_client_kolommen('current_versions', 'code_geslacht') }},
        current_versions.wet as wet_code,
        current_versions.aanvraagdatum,
        current_versions.besluitdatum,
        current_versions.ingangsdatum,
        current_versions.einddatum,
        current_versions.productcategorie as productcategorie_code,
        current_versions.productcode,
        current_versions.product_omschrijving,
        cast(current_versions.volume as {{ dbt.type_bigint() }}) as volume,
        current_versions.eenheid as eenheid_code,
        current_versions.frequentie as frequentie_code,
        cast(current_versions.tarief as decimal(18, 2)) as tarief,
        current_versions.leveringsvorm as leveringsvorm_code,
        current_versions.aanbieder_agb,
        current_versions.aanbieder_naam,
        current_versions.verwijzer_id,
        current_versions.verwijzer_type as verwijzer_type_code,
        current_versions.reden_beeindiging as reden_beeindiging_code,
        coalesce(current_versions.ingetrokken, false) as is_ingetrokken,
        {{ lineage_kolommen('current_versions') }}
    from current_versions
    left join code_geslacht
        on upper(current_versions.geslacht) = code_geslacht.geslacht_bron

),

final as (

    -- A withdrawn beschikking counts nowhere; judged on the current version only, so a
    -- beschikking withdrawn earlier and reinstated by a later version is kept.
    select *
    from renamed
    where not is_ingetrokken

)

select * from final
