with

source as {{ inline_cte() }} (select * from {{ source('extract', 'declaraties') }}),

current_versions as (

    {{ select_current_version('source', ['declaratie_id']) }}

),

final as (

    select
        declaratie_id,
        registratiedatum,
        beschikking_id,
        bsn_pseudoniem as client_id,
        wet as wet_code,
        productcategorie as productcategorie_code,
        productcode,
        periode_begin,
        periode_eind,
        cast(volume as decimal(18, 2)) as volume,
        eenheid as eenheid_code,
        cast(bedrag as decimal(18, 2)) as bedrag,
        upper(debet_credit) as debet_credit_code,
        lower(status) as status_code,
        aanbieder_agb,
        ingediend_op,
        {{ lineage_kolommen() }}
    from current_versions

)

select * from final
