-- Use of Wmo and Jeugd (kpi-definitions.md, "Use"): unique clients, active voorzieningen and the
-- flows (instroom by type, uitstroom, netto) per gemeente, period, wet and productcategorie, plus
-- the wet's total row (productcategorie_code 'totaal'). Figures: int_gebruik_telling; this model
-- adds the share of returning instroom. Suppression (materialization suppressed_table) follows
-- the declaration in _gebruik__models.yml.
with

telling as (select * from {{ ref('int_gebruik_telling') }}),

figuren as (

    select
        telling.*,
        {{ aandeel(
            'telling.aantal_instroom_herindicatie + telling.aantal_instroom_geen_herindicatie',
            'telling.aantal_instroom',
        ) }} as aandeel_terugkerend
    from telling

),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
final as (

    {{ met_productcategorie_omschrijving('figuren') }}

)

select * from final
