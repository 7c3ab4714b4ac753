-- Jeugd: kosten per jeugdige met en zonder verblijf, published: int_financien_jeugd_kosten_verblijf,
-- suppressed as declared in _jeugd__models.yml. The verblijf classes add up the productcategorieen
-- whose realisatie mart_financien_productcategorie publishes, and so do the kostenposten of
-- mart_financien_begroting, so two helper columns (not published) tie this mart to what those
-- marts show:
--   productcategorie_code    'totaal' on the totaal row (the wet's total there), and on a class
--                            with realisatie on one productcategorie only, that productcategorie:
--                            the same figures, so their jeugdigen are locked to that mart's flags
--                            (declaration `inherit`)
--   aantal_jeugdigen_bedrag  the class's jeugdigen when its realisatie already follows from the
--                            amounts those two marts show; null otherwise, which suppresses the
--                            realisatie and the cost per jeugdige (declaration `derived`). The
--                            suppressed productcategorieen of a kostenpost are known together only,
--                            as the kostenpost minus the others (when mart_financien_begroting shows
--                            it), or with the other kostenposten as the wet's total minus the rest;
--                            so a class's realisatie follows when none of its productcategorieen is
--                            suppressed, or when every kostenpost holding one of them has all its
--                            suppressed productcategorieen in the class and either each such
--                            kostenpost is shown in mart_financien_begroting, or the wet's total is
--                            shown and every other kostenpost with a suppressed productcategorie is
--                            (for the totaal row: the total is shown, or every such kostenpost is).
--                            A class total shown beside the amounts shown would otherwise give a
--                            suppressed one away (the class minus the others), so this mart never
--                            shows an amount that cannot already be computed from those marts.
with

figuren as (select * from {{ ref('int_financien_jeugd_kosten_verblijf') }}),

productcategorieen as (

    select * from {{ ref('code_productcategorie') }}
    where wet = 'JW'

),

-- the realisatie of the Jeugd productcategorieen as published: shown or suppressed
gepubliceerd as {{ inline_cte() }} (

    select
        gepubliceerde_mart.gemeente_code,
        gepubliceerde_mart.periode_start,
        gepubliceerde_mart.wet_code,
        gepubliceerde_mart.productcategorie_code,
        productcategorieen.verblijf,
        coalesce(productcategorieen.kostenpost, '') as kostenpost,
        gepubliceerde_mart.bedrag_realisatie_is_onderdrukt
    from {{ ref('mart_financien_productcategorie') }} as gepubliceerde_mart
    left join productcategorieen using (productcategorie_code)
    where gepubliceerde_mart.wet_code = 'JW'

),

-- the realisatie per kostenpost as mart_financien_begroting publishes it: shown or suppressed
begroting as (

    select
        gemeente_code,
        periode_start,
        kostenpost,
        bedrag_realisatie_is_onderdrukt
    from {{ ref('mart_financien_begroting') }}

),

-- the Jeugd total as published
totaal as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        bedrag_realisatie_is_onderdrukt as is_totaal_onderdrukt
    from gepubliceerd
    where productcategorie_code = 'totaal'

),

-- per kostenpost: its suppressed productcategorieen, and whether mart_financien_begroting shows
-- their sum (the kostenpost's realisatie)
blokken as (

    select
        gepubliceerd.gemeente_code,
        gepubliceerd.periode_start,
        gepubliceerd.wet_code,
        gepubliceerd.kostenpost,
        count(*) as aantal_onderdrukt,
        max(case when begroting.bedrag_realisatie_is_onderdrukt = false then 1 else 0 end) as is_som_getoond
    from gepubliceerd
    left join begroting using (gemeente_code, periode_start, kostenpost)
    where gepubliceerd.productcategorie_code != 'totaal' and gepubliceerd.bedrag_realisatie_is_onderdrukt
    group by gepubliceerd.gemeente_code, gepubliceerd.periode_start, gepubliceerd.wet_code, gepubliceerd.kostenpost

),

-- per kostenpost and class: its suppressed productcategorieen in the class
blok_klassen as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        kostenpost,
        verblijf,
        count(*) as aantal_onderdrukt
    from gepubliceerd
    where productcategorie_code != 'totaal' and bedrag_realisatie_is_onderdrukt
    group by gemeente_code, periode_start, wet_code, kostenpost, verblijf

),

-- per class and kostenpost with a suppressed productcategorie: those in the class (all of them for
-- the totaal row)
in_klasse as (

    select
        figuren.gemeente_code,
        figuren.periode_start,
        figuren.wet_code,
        figuren.verblijf,
        blokken.aantal_onderdrukt,
        blokken.is_som_getoond,
        case
            when figuren.verblijf = 'totaal' then blokken.aantal_onderdrukt
            else coalesce(blok_klassen.aantal_onderdrukt, 0)
        end as aantal_in_klasse
    from figuren
    inner join blokken using (gemeente_code, periode_start, wet_code)
    left join blok_klassen using (gemeente_code, periode_start, wet_code, kostenpost, verblijf)

),

per_klasse as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        verblijf,
        sum(case when aantal_in_klasse > 0 then 1 else 0 end) as aantal_blokken,
        sum(case when aantal_in_klasse > 0 and aantal_in_klasse < aantal_onderdrukt then 1 else 0 end)
            as aantal_blokken_deels,
        sum(case when aantal_in_klasse > 0 and is_som_getoond = 0 then 1 else 0 end)
            as aantal_blokken_som_onderdrukt,
        sum(case when aantal_in_klasse = 0 and is_som_getoond = 0 then 1 else 0 end)
            as aantal_blokken_buiten_som_onderdrukt
    from in_klasse
    group by gemeente_code, periode_start, wet_code, verblijf

),

herleidbaar as (

    select
        figuren.*,
        coalesce(per_klasse.aantal_blokken, 0) = 0
        or (
            per_klasse.aantal_blokken_deels = 0
            and (
                per_klasse.aantal_blokken_som_onderdrukt = 0
                or (
                    coalesce(totaal.is_totaal_onderdrukt, true) = false
                    and per_klasse.aantal_blokken_buiten_som_onderdrukt = 0
                )
            )
        ) as is_bedrag_herleidbaar
    from figuren
    left join per_klasse using (gemeente_code, periode_start, wet_code, verblijf)
    left join totaal using (gemeente_code, periode_start, wet_code)

),

final as (

    select
        herleidbaar.*,
        case
            when herleidbaar.is_bedrag_herleidbaar then herleidbaar.aantal_jeugdigen_realisatie
        end as aantal_jeugdigen_bedrag
    from herleidbaar

)

select * from final
