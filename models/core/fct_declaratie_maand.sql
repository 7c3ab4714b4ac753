-- Declaraties attributed to calendar months pro rata by the days of periode_begin .. periode_eind
-- that fall in each month (care delivered, not the day paid): the basis of realisatie.
with

declaraties as (select * from {{ ref('fct_declaratie') }}),

maanden as (

    select
        'maand' as periode_type,
        maand_start as periode_start,
        maand_eind as periode_eind,
        jaar,
        maand
    from {{ ref('dim_periode') }}
    where datum = maand_start

),

-- every declaratie once per month its period overlaps (macro is_active_in_period), found by
-- month number instead of by comparing every declaratie with every month
{{ expand_to_periods(
    'declaratie_maanden', 'declaraties', 'periode_begin', 'periode_eind', 'maanden',
    ['periode_start as maand_start', 'periode_eind as maand_eind', 'jaar', 'maand']
) }},

overlap as (

    select
        declaratie_maanden.declaratie_id,
        declaratie_maanden.maand_start,
        declaratie_maanden.maand_eind,
        declaratie_maanden.jaar,
        declaratie_maanden.maand,
        declaratie_maanden.client_id,
        declaratie_maanden.wet_code,
        declaratie_maanden.product_id,
        declaratie_maanden.productcategorie_code,
        declaratie_maanden.aanbieder_id,
        declaratie_maanden.is_toegewezen,
        declaratie_maanden.periode_dagen,
        declaratie_maanden.signed_bedrag,
        {{ dbt.datediff(
            'greatest(declaratie_maanden.periode_begin, declaratie_maanden.maand_start)',
            'least(declaratie_maanden.periode_eind, declaratie_maanden.maand_eind)',
            'day'
        ) }} + 1 as dagen_in_maand
    from declaratie_maanden

),

final as (

    select
        {{ declared_casts([
            'declaratie_id', 'maand_start', 'maand_eind', 'jaar', 'maand', 'client_id', 'wet_code',
            'product_id', 'productcategorie_code', 'aanbieder_id',
        ]) }},
        is_toegewezen,
        cast(dagen_in_maand as integer) as dagen_in_maand,
        cast(periode_dagen as integer) as periode_dagen,
        -- the exact product divided as a double on every engine (DuckDB's own decimal division;
        -- Spark would round the quotient to 7 decimals and a half cent could round the other way)
        cast(
            cast(cast(signed_bedrag as decimal(28, 8)) * dagen_in_maand as {{ type_double() }}) / periode_dagen
            as decimal(28, 8)
        ) as signed_bedrag_maand
    from overlap

)

select * from final
