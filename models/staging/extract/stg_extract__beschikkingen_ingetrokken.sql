-- The beschikkingen whose current version is withdrawn. They count nowhere; this model exists so
-- that declaraties against a withdrawn beschikking can be told apart from unknown ones, and for
-- the raw-to-staging reconciliation.
with

source as {{ inline_cte() }} (select * from {{ source('extract', 'beschikkingen') }}),

current_versions as (

    {{ select_current_version('source', ['beschikking_id']) }}

),

final as (

    select
        beschikking_id,
        registratiedatum,
        bsn_pseudoniem as client_id,
        wet as wet_code,
        {{ lineage_kolommen() }}
    from current_versions
    where coalesce(ingetrokken, false)

)

select * from final
