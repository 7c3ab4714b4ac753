-- The number macro client_sleutel gives a client_id is unique over all clients, so distinct counts
-- over those numbers (int_gebruik_telling, int_financien_declaratie_kwaliteit) equal distinct
-- counts over the ids. All clients: those of dim_client and those a declaratie names, which need
-- not have a version there (fct_declaratie checks that as a warning only). Fails on any two
-- client_ids that share a number.
with

clienten as (

    select client_id from {{ ref('dim_client') }}
    union
    select client_id from {{ ref('fct_declaratie') }}

),

final as (

    select
        count(*) as aantal_clienten,
        count(distinct {{ client_sleutel('client_id') }}) as aantal_sleutels
    from clienten
    having count(*) != count(distinct {{ client_sleutel('client_id') }})

)

select * from final
