-- fct_voorziening holds exactly the voorzieningen of staging: one row per current, non-withdrawn
-- beschikking.
with

staging as (

    select count(*) as aantal from {{ ref('stg_extract__beschikkingen') }}

),

fct as (

    select count(*) as aantal from {{ ref('fct_voorziening') }}

),

final as (

    select
        staging.aantal as aantal_staging,
        fct.aantal as aantal_fct
    from staging
    cross join fct
    where staging.aantal != fct.aantal

)

select * from final
