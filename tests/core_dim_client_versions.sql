-- dim_client is a proper type 2 dimension: per client exactly one current version, and the
-- versions tile time without gaps or overlaps (each valid_to is the next version's valid_from).
with

versies as (

    select
        client_id,
        valid_from,
        valid_to,
        is_current,
        lead(valid_from) over (partition by client_id order by valid_from) as volgende_valid_from
    from {{ ref('dim_client') }}

),

per_client as (

    select
        client_id,
        sum(case when is_current then 1 else 0 end) as aantal_current
    from versies
    group by client_id

),

final as (

    select
        client_id,
        'not exactly one current version' as probleem
    from per_client
    where aantal_current != 1

    union all

    select
        client_id,
        'valid_to is not the next valid_from' as probleem
    from versies
    where
        valid_to is distinct from volgende_valid_from
        or valid_to <= valid_from

)

select * from final
