with

beschikkingen as {{ inline_cte() }} (select * from {{ ref('stg_extract__beschikkingen') }}),

declaraties as (select * from {{ ref('stg_extract__declaraties') }}),

agb_codes as (

    select aanbieder_agb from beschikkingen
    where aanbieder_agb is not null
    union
    select aanbieder_agb from declaraties
    where aanbieder_agb is not null

),

-- name: the one on the most recently registered beschikking that has one (macro
-- laatst_geregistreerd)
namen as (

    {{ laatst_geregistreerd(
        'beschikkingen', ['aanbieder_agb'], ['aanbieder_naam as aanbieder_naam'],
        'aanbieder_agb is not null and aanbieder_naam is not null',
    ) }}

),

leden as (

    select
        agb_codes.aanbieder_agb as aanbieder_id,
        agb_codes.aanbieder_agb,
        namen.aanbieder_naam,
        false as is_onbekend
    from agb_codes
    left join namen using (aanbieder_agb)

    union all

    -- the member for beschikkingen without AGB code (PGB, or not delivered)
    select
        {{ aanbieder_id('null') }} as aanbieder_id,
        cast(null as {{ dbt.type_string() }}) as aanbieder_agb,
        'Onbekend / PGB' as aanbieder_naam,
        true as is_onbekend

),

final as (

    select
        {{ declared_casts(['aanbieder_id', 'aanbieder_agb', 'aanbieder_naam']) }},
        is_onbekend
    from leden

)

select * from final
