-- Begroting vs realisatie per gemeente x year x kostenpost: begroting (seed), realisatie,
-- prognose, verschil (begroting - prognose; positive = voordeel). The begroting itself (a published
-- budget) is never suppressed. The realisatie of a Wmo or Jeugd kostenpost is the sum of its
-- productcategorieen in mart_financien_productcategorie, which protects that sum as an additive
-- group (declaration `within` / `total_in` there); here (declaration in _financien__models.yml):
--   wet_code                 the kostenposten of a wet add up to the wet's totaal row of
--                            mart_financien_productcategorie and mart_financien_prognose: an
--                            additive group whose total those marts publish
--   productcategorie_code    helper (not published): the one productcategorie with realisatie in
--                            the kostenpost, when there is exactly one: the kostenpost's realisatie
--                            is then that productcategorie's, so its declaring clients are locked to
--                            that mart's flags (declaration `inherit`)
--   aantal_clienten_prognose helper (not published): the declaring clients when the prognose may be
--                            shown: in a year that ended (prognose = realisatie), for
--                            pw_uitkeringen, and in the running year when the kostenpost's
--                            prognose already follows from what mart_financien_prognose shows:
--                            none of its productcategorieen's prognose is suppressed there, or the
--                            wet's total is shown and every suppressed one is in this kostenpost,
--                            or the extrapolation of each (verplichting still to come x last year's
--                            graad) is shown, so that the prognose is the realisatie (shown here)
--                            plus known figures; NULL otherwise, which suppresses the prognose,
--                            verschil and voor/nadeel. The running year's prognose extrapolates
--                            verplichtingen suppressed on their voorzieningen (mart_gebruik's
--                            figures) with last year's graad, which no group of the kostenposten
--                            can protect.
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

figuren as (select * from {{ ref('int_financien_begroting') }}),

kostenposten as (

    select
        kostenpost,
        wet_code
    from {{ ref('kostenposten') }}

),

code_lijst as (

    select
        wet as wet_code,
        productcategorie_code,
        kostenpost
    from {{ ref('code_productcategorie') }}

),

categorieen as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}
    where productcategorie_code != 'totaal'

),

-- the kostenposten whose realisatie comes from one productcategorie only
enige_categorie as (

    select
        categorieen.gemeente_code,
        categorieen.periode_start,
        code_lijst.kostenpost,
        case
            when count(*) = 1 then min(categorieen.productcategorie_code)
        end as productcategorie_code
    from categorieen
    inner join code_lijst using (wet_code, productcategorie_code)
    where categorieen.aantal_clienten_realisatie > 0
    group by categorieen.gemeente_code, categorieen.periode_start, code_lijst.kostenpost

),

-- the prognose per productcategorie as mart_financien_prognose publishes it: shown or suppressed,
-- and whether its extrapolation (prognose - realisatie = verplichting still to come x last year's
-- graad: the category's, else the wet's on the totaal row) follows from the figures shown there
prognose_gepubliceerd as {{ inline_cte() }} (

    select
        gepubliceerde_mart.gemeente_code,
        gepubliceerde_mart.periode_start,
        gepubliceerde_mart.wet_code,
        gepubliceerde_mart.productcategorie_code,
        gepubliceerde_mart.kostenpost,
        gepubliceerde_mart.bedrag_prognose_is_onderdrukt,
        not gepubliceerde_mart.bedrag_prognose_is_onderdrukt
        or (
            not gepubliceerde_mart.bedrag_verplichting_rest_jaar_is_onderdrukt
            and (
                gepubliceerde_mart.bedrag_verplichting_rest_jaar = 0
                or gepubliceerde_mart.aandeel_verzilvering_vorig_jaar is not null
                or (
                    not gepubliceerde_mart.aandeel_verzilvering_vorig_jaar_is_onderdrukt
                    and wet_totaal.aandeel_verzilvering_vorig_jaar is not null
                )
            )
        ) as is_extrapolatie_getoond
    from {{ ref('mart_financien_prognose') }} as gepubliceerde_mart
    left join {{ ref('mart_financien_prognose') }} as wet_totaal
        on
            gepubliceerde_mart.gemeente_code = wet_totaal.gemeente_code
            and gepubliceerde_mart.periode_start = wet_totaal.periode_start
            and gepubliceerde_mart.wet_code = wet_totaal.wet_code
            and wet_totaal.productcategorie_code = 'totaal'

),

prognose_per_wet as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        sum(
            case when productcategorie_code != 'totaal' and bedrag_prognose_is_onderdrukt then 1 else 0 end
        ) as aantal_categorieen_onderdrukt,
        max(
            case when productcategorie_code = 'totaal' and bedrag_prognose_is_onderdrukt then 1 else 0 end
        ) as is_totaal_onderdrukt
    from prognose_gepubliceerd
    group by gemeente_code, periode_start, wet_code

),

prognose_per_kostenpost as (

    select
        gemeente_code,
        periode_start,
        kostenpost,
        sum(case when bedrag_prognose_is_onderdrukt then 1 else 0 end) as aantal_categorieen_onderdrukt,
        sum(case when is_extrapolatie_getoond then 0 else 1 end) as aantal_extrapolaties_onderdrukt
    from prognose_gepubliceerd
    where productcategorie_code != 'totaal'
    group by gemeente_code, periode_start, kostenpost

),

final as (

    select
        figuren.*,
        cast(kostenposten.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(enige_categorie.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        case
            when
                figuren.is_volledig
                or kostenposten.wet_code not in ('WMO', 'JW')
                or coalesce(per_kostenpost.aantal_categorieen_onderdrukt, 0) = 0
                or per_kostenpost.aantal_extrapolaties_onderdrukt = 0
                or (
                    coalesce(per_wet.is_totaal_onderdrukt, 0) = 0
                    and coalesce(per_wet.aantal_categorieen_onderdrukt, 0)
                    = coalesce(per_kostenpost.aantal_categorieen_onderdrukt, 0)
                )
                then figuren.aantal_clienten_realisatie
        end as aantal_clienten_prognose,
        figuren.bedrag_verschil > 0 as is_voordeel
    from figuren
    left join kostenposten using (kostenpost)
    left join enige_categorie using (gemeente_code, periode_start, kostenpost)
    left join prognose_per_wet as per_wet using (gemeente_code, periode_start, wet_code)
    left join prognose_per_kostenpost as per_kostenpost using (gemeente_code, periode_start, kostenpost)

)

select * from final
