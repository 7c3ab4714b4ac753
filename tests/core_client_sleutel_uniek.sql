-- The number macro client_sleutel gives a client_id is unique over all clients, so distinct counts
-- over those numbers (int_gebruik_telling) equal distinct counts over the ids. Fails on any two
-- client_ids that share a number.
with

clienten as (

    select distinct client_id
    from {{ ref('dim_client') }}

),

final as (

    select
        count(*) as aantal_clienten,
        count(distinct {{ client_sleutel('client_id') }}) as aantal_sleutels
    from clienten
    having count(*) != count(distinct {{ client_sleutel('client_id') }})

)

select * from final
