-- The realisatie of the begroting cost lines adds up: per gemeente and year, the sum over the Wmo
-- and Jeugd kostenposten of int_financien_begroting equals the realisatie of all productcategorieen
-- (the 'totaal' rows of int_financien_productcategorie_jaar), and pw_uitkeringen equals the
-- payments of fct_uitkering_maand in the year. Exact.
with

begroting as (

    select
        gemeente_code,
        jaar,
        sum(case when kostenpost != 'pw_uitkeringen' then bedrag_realisatie else 0 end) as bedrag_zorg,
        sum(case when kostenpost = 'pw_uitkeringen' then bedrag_realisatie else 0 end) as bedrag_pw
    from {{ ref('int_financien_begroting') }}
    group by gemeente_code, jaar

),

categorieen as (

    select
        gemeente_code,
        jaar,
        sum(bedrag_realisatie) as bedrag_zorg
    from {{ ref('int_financien_productcategorie_jaar') }}
    where productcategorie_code = 'totaal'
    group by gemeente_code, jaar

),

uitkeringen as (

    select
        uitkering_maanden.gemeente_code,
        cast(extract(year from uitkering_maanden.betaalmaand_start) as integer) as jaar,
        sum(uitkering_maanden.bedrag) as bedrag_pw
    from {{ ref('fct_uitkering_maand') }} as uitkering_maanden
    group by uitkering_maanden.gemeente_code, extract(year from uitkering_maanden.betaalmaand_start)

),

final as (

    select
        begroting.gemeente_code,
        begroting.jaar,
        begroting.bedrag_zorg,
        categorieen.bedrag_zorg as bedrag_zorg_categorieen,
        begroting.bedrag_pw,
        uitkeringen.bedrag_pw as bedrag_pw_feiten
    from begroting
    left join categorieen
        on begroting.gemeente_code = categorieen.gemeente_code and begroting.jaar = categorieen.jaar
    left join uitkeringen
        on begroting.gemeente_code = uitkeringen.gemeente_code and begroting.jaar = uitkeringen.jaar
    where
        begroting.bedrag_zorg != coalesce(categorieen.bedrag_zorg, 0)
        or begroting.bedrag_pw != coalesce(uitkeringen.bedrag_pw, 0)

)

select * from final
