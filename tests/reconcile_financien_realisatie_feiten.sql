-- Money in the marts = money in the facts: the realisatie of int_realisatie_declaratie_maand over
-- all months and categories equals sum(signed_bedrag) of the accepted declaraties in fct_declaratie,
-- overall and per wet (to the cent: the month parts carry 8 decimals), and per year and wet equals
-- fct_declaratie_maand exactly; the 'jaar' rows of int_realisatie_periode (totaal per wet) equal the
-- same per-year sums for the reporting years (summed over the gemeenten of a region).
with

regels as (

    select
        wet_code,
        jaar,
        signed_bedrag_maand
    from {{ ref('int_realisatie_declaratie_maand') }}

),

feiten as (

    select
        wet_code,
        sum(signed_bedrag) as bedrag
    from {{ ref('fct_declaratie') }}
    where is_toegewezen
    group by wet_code

),

feiten_maand as (

    select
        wet_code,
        jaar,
        sum(signed_bedrag_maand) as bedrag
    from {{ ref('fct_declaratie_maand') }}
    where is_toegewezen
    group by wet_code, jaar

),

per_wet as (

    select
        'per wet' as toets,
        coalesce(int_som.wet_code, feiten.wet_code) as wet_code,
        cast(null as integer) as jaar,
        int_som.bedrag as bedrag_int,
        feiten.bedrag as bedrag_feit
    from (
        select
            wet_code,
            sum(signed_bedrag_maand) as bedrag
        from regels
        group by wet_code
    ) as int_som
    full outer join feiten
        on int_som.wet_code = feiten.wet_code

),

totaal as (

    select
        'totaal' as toets,
        cast(null as {{ dbt.type_string() }}) as wet_code,
        cast(null as integer) as jaar,
        (select sum(signed_bedrag_maand) from regels) as bedrag_int,
        (select sum(bedrag) from feiten) as bedrag_feit

),

per_jaar as (

    select
        'per jaar en wet' as toets,
        coalesce(int_som.wet_code, feiten_maand.wet_code) as wet_code,
        coalesce(int_som.jaar, feiten_maand.jaar) as jaar,
        int_som.bedrag as bedrag_int,
        feiten_maand.bedrag as bedrag_feit
    from (
        select
            wet_code,
            jaar,
            sum(signed_bedrag_maand) as bedrag
        from regels
        group by wet_code, jaar
    ) as int_som
    full outer join feiten_maand
        on int_som.wet_code = feiten_maand.wet_code and int_som.jaar = feiten_maand.jaar

),

periode_jaar as (

    -- summed over the gemeenten of a region: the facts have no gemeente
    select
        'int_realisatie_periode jaar' as toets,
        periode.wet_code,
        periode.jaar,
        periode.bedrag_int,
        feiten_maand.bedrag as bedrag_feit
    from (
        select
            wet_code,
            jaar,
            sum(bedrag_realisatie) as bedrag_int
        from {{ ref('int_realisatie_periode') }}
        where periode_type = 'jaar' and productcategorie_code = 'totaal'
        group by wet_code, jaar
    ) as periode
    left join feiten_maand
        on periode.wet_code = feiten_maand.wet_code and periode.jaar = feiten_maand.jaar

),

final as (

    select * from per_wet
    where abs(coalesce(bedrag_int, 0) - coalesce(bedrag_feit, 0)) >= 0.005
    union all
    select * from totaal
    where abs(coalesce(bedrag_int, 0) - coalesce(bedrag_feit, 0)) >= 0.005
    union all
    select * from per_jaar
    where coalesce(bedrag_int, 0) != coalesce(bedrag_feit, 0)
    union all
    select * from periode_jaar
    where coalesce(bedrag_int, 0) != coalesce(bedrag_feit, 0)

)

select * from final
