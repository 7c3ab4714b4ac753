-- The sum of signed bedrag in fct_declaratie equals the same sum computed directly from raw on
-- the current versions (latest registratiedatum on or before the kennisdatum, ties by load order),
-- overall and per wet and status. Set-based: the current versions by aggregates and equi-joins.
with

raw_declaraties as {{ inline_cte() }} (

    select * from {{ source('extract', 'declaraties') }}
    where {{ filter_kennisdatum('registratiedatum') }}

),

-- the raw rows of the latest version per declaratie_id, by aggregates (macro latest_raw_rows),
-- independent of the window function of select_current_version
{{ latest_raw_rows('raw_declaraties', ['declaratie_id'], 'raw_huidig') }},

raw_som as (

    select
        wet as wet_code,
        status as status_code,
        sum(case when debet_credit = 'C' then -bedrag else bedrag end) as bedrag_raw
    from raw_huidig
    group by wet, status

),

fct_som as (

    select
        wet_code,
        status_code,
        sum(signed_bedrag) as bedrag_fct
    from {{ ref('fct_declaratie') }}
    group by wet_code, status_code

),

final as (

    select
        coalesce(raw_som.wet_code, fct_som.wet_code) as wet_code,
        coalesce(raw_som.status_code, fct_som.status_code) as status_code,
        raw_som.bedrag_raw,
        fct_som.bedrag_fct
    from raw_som
    full outer join fct_som
        on raw_som.wet_code = fct_som.wet_code and raw_som.status_code = fct_som.status_code
    where coalesce(raw_som.bedrag_raw, 0) != coalesce(fct_som.bedrag_fct, 0)

)

select * from final
