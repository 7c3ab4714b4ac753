with

source as {{ inline_cte() }} (select * from {{ source('extract', 'verwijzers') }}),

current_versions as (

    {{ select_current_version('source', ['verwijzer_id']) }}

),

final as (

    select
        verwijzer_id,
        registratiedatum,
        verwijzer_type as verwijzer_type_code,
        naam as verwijzer_naam,
        agb_code as verwijzer_agb,
        {{ lineage_kolommen() }}
    from current_versions

)

select * from final
