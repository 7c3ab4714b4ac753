with

source as {{ inline_cte() }} (

    select * from {{ source('extract', 'verwijzers') }}

),

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
        _batch_id,
        _source_file,
        _row_number,
        _loaded_at
    from current_versions

)

select * from final
