-- fct_voorziening holds one row per beschikking whose current version (latest registratiedatum on
-- or before the kennisdatum, ties by load order) is not withdrawn: counted here from raw by
-- aggregates (macro latest_raw_rows), independently of staging's version selection, so a
-- filter or join added to the facts that drops or repeats voorzieningen fails this test.
with

raw_beschikkingen as (

    select * from {{ source('extract', 'beschikkingen') }}
    where {{ filter_kennisdatum('registratiedatum') }}

),

{{ latest_raw_rows('raw_beschikkingen', ['beschikking_id'], 'raw_huidig') }},

raw_telling as (

    select count(*) as aantal
    from raw_huidig
    where not coalesce(raw_huidig.ingetrokken, false)

),

fct_telling as (

    select count(*) as aantal from {{ ref('fct_voorziening') }}

),

final as (

    select
        raw_telling.aantal as aantal_raw,
        fct_telling.aantal as aantal_fct
    from raw_telling
    cross join fct_telling
    where raw_telling.aantal != fct_telling.aantal

)

select * from final
