-- Hulp bij het huishouden (schoonmaakondersteuning) on the month-end peildatum by age band
-- (kpi-definitions.md, "Wmo by age"): active voorzieningen, those with and without an omvang in
-- hours, and the average hours per week. Figures: int_gebruik_hulp_huishouden_uren (the average is
-- computed there, once); suppression as declared in _gebruik__models.yml: the hoofdklassen add up to
-- 'totaal', 70-74 + 75-84 + 85+ to '70+', met + zonder uren to all voorzieningen; the average is
-- suppressed with the count it is computed from.
with

figuren as (select * from {{ ref('int_gebruik_hulp_huishouden_uren') }}),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
final as (

    {{ met_productcategorie_omschrijving('figuren') }}

)

select * from final
