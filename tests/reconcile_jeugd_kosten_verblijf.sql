-- Kosten per jeugdige met en zonder verblijf reconciles with the realisatie per productcategorie
-- (int_financien_jeugd_kosten_verblijf against int_financien_productcategorie_jaar, Jeugd). Per
-- gemeente and year, exact:
-- 1. each verblijf class's realisatie is the sum of its productcategorieen's realisatie (seed
--    code_productcategorie.verblijf), and the classes add up to 'totaal' (a Jeugd productcategorie
--    without a class fails);
-- 2. 'totaal' has the realisatie and the distinct clients of the wet's 'totaal' row;
-- 3. a class with realisatie on one productcategorie only has that productcategorie's clients.
-- Returns failing rows.
with

klassen as {{ inline_cte() }} (

    select * from {{ ref('int_financien_jeugd_kosten_verblijf') }}

),

categorieen as {{ inline_cte() }} (

    select
        jaar_cijfers.gemeente_code,
        jaar_cijfers.periode_start,
        jaar_cijfers.productcategorie_code,
        case
            when jaar_cijfers.productcategorie_code = 'totaal' then 'totaal' else productcategorieen.verblijf
        end as verblijf,
        jaar_cijfers.bedrag_realisatie,
        jaar_cijfers.aantal_clienten_realisatie
    from {{ ref('int_financien_productcategorie_jaar') }} as jaar_cijfers
    left join {{ ref('code_productcategorie') }} as productcategorieen
        on
            jaar_cijfers.wet_code = productcategorieen.wet
            and jaar_cijfers.productcategorie_code = productcategorieen.productcategorie_code
    where jaar_cijfers.wet_code = 'JW'

),

-- per class: the sum of its productcategorieen ('totaal': the wet's own row)
verwacht as (

    select
        gemeente_code,
        periode_start,
        verblijf,
        sum(bedrag_realisatie) as bedrag_realisatie
    from categorieen
    group by gemeente_code, periode_start, verblijf

),

klassen_som as (

    select
        gemeente_code,
        periode_start,
        sum(case when verblijf != 'totaal' then bedrag_realisatie else 0 end) as bedrag_klassen,
        sum(case when verblijf = 'totaal' then bedrag_realisatie else 0 end) as bedrag_totaal
    from klassen
    group by gemeente_code, periode_start

),

bedrag_verschillen as (

    select
        coalesce(klassen.gemeente_code, verwacht.gemeente_code) as gemeente_code,
        coalesce(klassen.periode_start, verwacht.periode_start) as periode_start,
        coalesce(klassen.verblijf, verwacht.verblijf) as verblijf,
        'bedrag_realisatie' as kolom,
        klassen.bedrag_realisatie as waarde,
        coalesce(verwacht.bedrag_realisatie, 0) as verwacht
    from klassen
    full outer join verwacht
        on
            klassen.gemeente_code = verwacht.gemeente_code
            and klassen.periode_start = verwacht.periode_start
            and klassen.verblijf = verwacht.verblijf
    where
        coalesce(klassen.bedrag_realisatie, 0) != coalesce(verwacht.bedrag_realisatie, 0)
        or (klassen.gemeente_code is null and verwacht.verblijf is null)

),

som_verschillen as (

    select
        gemeente_code,
        periode_start,
        'totaal' as verblijf,
        'som der klassen' as kolom,
        bedrag_klassen as waarde,
        bedrag_totaal as verwacht
    from klassen_som
    where bedrag_klassen != bedrag_totaal

),

client_verschillen as (

    select
        klassen.gemeente_code,
        klassen.periode_start,
        klassen.verblijf,
        'aantal_jeugdigen_realisatie' as kolom,
        klassen.aantal_jeugdigen_realisatie as waarde,
        categorieen.aantal_clienten_realisatie as verwacht
    from klassen
    inner join categorieen
        on
            klassen.gemeente_code = categorieen.gemeente_code
            and klassen.periode_start = categorieen.periode_start
            and klassen.productcategorie_code = categorieen.productcategorie_code
    where klassen.aantal_jeugdigen_realisatie != categorieen.aantal_clienten_realisatie

)

select * from bedrag_verschillen
union all
select * from som_verschillen
union all
select * from client_verschillen
