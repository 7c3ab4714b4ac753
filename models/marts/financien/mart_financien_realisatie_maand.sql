-- Realisatie per gemeente x period (maand, kwartaal, jaar) x wet x productcategorie on the
-- declaratie (+ 'totaal' per wet), with the data-quality amounts of declaraties against an unknown
-- or withdrawn beschikking. Figures from int_realisatie_periode; suppressed as declared in
-- _financien__models.yml (the data-quality amounts on their own client counts, which are grouped
-- over the productcategorieen like the published counts but not published).
-- depends_on: {{ ref('mart_financien_productcategorie') }} (figures published there too: declaration `inherit`)
with

cijfers as (select * from {{ ref('int_realisatie_periode') }}),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
final as (

    {{ met_productcategorie_omschrijving('cijfers') }}

)

select * from final
