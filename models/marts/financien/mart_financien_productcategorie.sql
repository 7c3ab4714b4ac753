-- Money per gemeente x year x wet x productcategorie (+ 'totaal' per wet): verplichting,
-- realisatie, verzilveringsgraad, unique clients and average cost per client. Figures from
-- int_financien_productcategorie_jaar (verzilveringsgraad is computed there, once); suppressed as
-- declared in _financien__models.yml. The kostenpost and the verblijf class of the productcategorie
-- (code list) are published beside it: mart_financien_begroting publishes the realisatie per
-- kostenpost and mart_jeugd_kosten_verblijf per verblijf class, the sums of these rows, so both are
-- additive groups of this mart's realisatie whose total another mart publishes (declaration
-- `within` / `total_in`).
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

cijfers as (select * from {{ ref('int_financien_productcategorie_jaar') }}),

code_lijst as (select * from {{ ref('code_productcategorie') }}),

figuren as (

    select
        cijfers.*,
        cast(
            cijfers.bedrag_realisatie / nullif(cijfers.aantal_unieke_clienten, 0) as decimal(18, 2)
        ) as bedrag_gemiddelde_kosten_per_client
    from cijfers

),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
omschreven as (

    {{ met_productcategorie_omschrijving('figuren') }}

),

final as (

    select
        omschreven.*,
        cast(code_lijst.kostenpost as {{ dbt.type_string() }}) as kostenpost,
        cast(nullif(code_lijst.verblijf, '') as {{ dbt.type_string() }}) as verblijf
    from omschreven
    left join code_lijst
        on
            omschreven.wet_code = code_lijst.wet
            and omschreven.productcategorie_code = code_lijst.productcategorie_code

)

select * from final
