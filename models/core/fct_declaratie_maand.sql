-- Declaraties attributed to calendar months pro rata by the days of periode_begin .. periode_eind
-- that fall in each month (care delivered, not the day paid): the basis of realisatie.
with

declaraties as (

    select * from {{ ref('fct_declaratie') }}

),

maanden as (

    select
        maand_start,
        maand_eind,
        jaar,
        maand
    from {{ ref('dim_periode') }}
    where datum = maand_start

),

overlap as (

    select
        declaraties.declaratie_id,
        maanden.maand_start,
        maanden.maand_eind,
        maanden.jaar,
        maanden.maand,
        declaraties.client_id,
        declaraties.wet_code,
        declaraties.product_id,
        declaraties.productcategorie_code,
        declaraties.aanbieder_id,
        declaraties.is_toegewezen,
        declaraties.periode_dagen,
        declaraties.signed_bedrag,
        {{ dbt.datediff(
            'greatest(declaraties.periode_begin, maanden.maand_start)',
            'least(declaraties.periode_eind, maanden.maand_eind)',
            'day'
        ) }} + 1 as dagen_in_maand
    from declaraties
    inner join maanden
        on {{ is_active_in_period(
            'declaraties.periode_begin', 'declaraties.periode_eind', 'maanden.maand_start', 'maanden.maand_eind'
        ) }}

),

final as (

    select
        cast(
            {{ dbt.concat(['declaratie_id', "'|'", 'cast(maand_start as ' ~ dbt.type_string() ~ ')']) }}
            as {{ dbt.type_string() }}
        ) as declaratie_maand_id,
        cast(declaratie_id as {{ dbt.type_string() }}) as declaratie_id,
        cast(maand_start as date) as maand_start,
        cast(maand_eind as date) as maand_eind,
        cast(jaar as integer) as jaar,
        cast(maand as integer) as maand,
        cast(client_id as {{ dbt.type_string() }}) as client_id,
        cast(wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(product_id as {{ dbt.type_string() }}) as product_id,
        cast(productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(aanbieder_id as {{ dbt.type_string() }}) as aanbieder_id,
        is_toegewezen,
        cast(dagen_in_maand as integer) as dagen_in_maand,
        cast(periode_dagen as integer) as periode_dagen,
        cast(cast(signed_bedrag as decimal(28, 8)) * dagen_in_maand / periode_dagen as decimal(28, 8))
            as signed_bedrag_maand
    from overlap

)

select * from final
