-- Jeugd: kosten per jeugdige met en zonder verblijf, published: int_financien_jeugd_kosten_verblijf,
-- suppressed as declared in _jeugd__models.yml. The verblijf classes add up the productcategorieen
-- whose realisatie mart_financien_productcategorie publishes, so two helper columns (not
-- published) tie this mart to what that mart shows:
--   productcategorie_code    'totaal' on the totaal row (the wet's total there), and on a class
--                            with realisatie on one productcategorie only, that productcategorie:
--                            the same figures, so their jeugdigen are locked to that mart's flags
--                            (declaration `inherit`)
--   aantal_jeugdigen_bedrag  the class's jeugdigen when its realisatie already follows from the
--                            amounts mart_financien_productcategorie shows: none of the class's
--                            productcategorieen is suppressed there, or the wet's total is shown
--                            and every suppressed productcategorie lies in the class (for the
--                            totaal row: the total is shown, or no productcategorie is suppressed);
--                            null otherwise, which suppresses the realisatie and the cost per
--                            jeugdige (declaration `derived`). A class total shown beside the
--                            productcategorieen shown would otherwise give a suppressed one away
--                            (the class minus the others), so this mart never shows an amount that
--                            cannot already be computed from that mart.
with

figuren as (

    select * from {{ ref('int_financien_jeugd_kosten_verblijf') }}

),

productcategorieen as (

    select
        productcategorie_code,
        verblijf
    from {{ ref('code_productcategorie') }}
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
        gepubliceerde_mart.bedrag_realisatie_is_onderdrukt
    from {{ ref('mart_financien_productcategorie') }} as gepubliceerde_mart
    left join productcategorieen
        on gepubliceerde_mart.productcategorie_code = productcategorieen.productcategorie_code
    where gepubliceerde_mart.wet_code = 'JW'

),

onderdrukt_per_jaar as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        sum(
            case when productcategorie_code != 'totaal' and bedrag_realisatie_is_onderdrukt then 1 else 0 end
        ) as aantal_categorieen_onderdrukt,
        max(
            case when productcategorie_code = 'totaal' and bedrag_realisatie_is_onderdrukt then 1 else 0 end
        ) as is_totaal_onderdrukt
    from gepubliceerd
    group by gemeente_code, periode_start, wet_code

),

onderdrukt_per_klasse as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        verblijf,
        sum(case when bedrag_realisatie_is_onderdrukt then 1 else 0 end) as aantal_categorieen_onderdrukt
    from gepubliceerd
    where productcategorie_code != 'totaal'
    group by gemeente_code, periode_start, wet_code, verblijf

),

herleidbaar as (

    select
        figuren.*,
        case
            when figuren.verblijf = 'totaal'
                then
                    coalesce(per_jaar.is_totaal_onderdrukt, 0) = 0
                    or coalesce(per_jaar.aantal_categorieen_onderdrukt, 0) = 0
            else
                coalesce(per_klasse.aantal_categorieen_onderdrukt, 0) = 0
                or (
                    coalesce(per_jaar.is_totaal_onderdrukt, 0) = 0
                    and coalesce(per_jaar.aantal_categorieen_onderdrukt, 0)
                    = coalesce(per_klasse.aantal_categorieen_onderdrukt, 0)
                )
        end as is_bedrag_herleidbaar
    from figuren
    left join onderdrukt_per_jaar as per_jaar
        on
            figuren.gemeente_code = per_jaar.gemeente_code
            and figuren.periode_start = per_jaar.periode_start
            and figuren.wet_code = per_jaar.wet_code
    left join onderdrukt_per_klasse as per_klasse
        on
            figuren.gemeente_code = per_klasse.gemeente_code
            and figuren.periode_start = per_klasse.periode_start
            and figuren.wet_code = per_klasse.wet_code
            and figuren.verblijf = per_klasse.verblijf

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
