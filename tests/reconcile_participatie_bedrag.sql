-- The payments in int_participatie_bestand ('totaal', per month) add up exactly to the sum of
-- fct_uitkering_maand.bedrag of the betaalmaanden in the reporting window; and each year's payments
-- in int_participatie_jaar equal the sum of that year's payment rows. Returns mismatches.
with

betalingen as (

    select * from {{ ref('fct_uitkering_maand') }}

),

maanden as (

    select * from {{ ref('int_participatie_bestand') }}
    where periode_type = 'maand' and regeling_code = 'totaal'

),

jaren as (

    select * from {{ ref('int_participatie_jaar') }}

),

venster as (

    select
        min(periode_start) as eerste_maand,
        max(periode_start) as laatste_maand
    from maanden

),

fct_totaal as (

    select sum(betalingen.bedrag) as bedrag
    from betalingen
    cross join venster
    where
        betalingen.betaalmaand_start >= venster.eerste_maand
        and betalingen.betaalmaand_start <= venster.laatste_maand

),

mart_totaal as (

    select sum(bedrag_uitkeringen) as bedrag from maanden

),

fct_per_jaar as (

    select
        extract(year from betaalmaand_start) as jaar,
        sum(bedrag) as bedrag
    from betalingen
    group by extract(year from betaalmaand_start)

),

jaar_afwijkingen as (

    select
        'jaar ' || cast(jaren.jaar as {{ dbt.type_string() }}) as controle,
        fct_per_jaar.bedrag as bedrag_fct,
        sum(jaren.bedrag_uitkeringen_jaar) as bedrag_int
    from jaren
    left join fct_per_jaar
        on jaren.jaar = fct_per_jaar.jaar
    group by jaren.jaar, fct_per_jaar.bedrag
    having coalesce(fct_per_jaar.bedrag, 0) != sum(jaren.bedrag_uitkeringen_jaar)

),

final as (

    select
        'totaal' as controle,
        fct_totaal.bedrag as bedrag_fct,
        mart_totaal.bedrag as bedrag_int
    from fct_totaal
    cross join mart_totaal
    where coalesce(fct_totaal.bedrag, 0) != coalesce(mart_totaal.bedrag, 0)
    union all
    select * from jaar_afwijkingen

)

select * from final
