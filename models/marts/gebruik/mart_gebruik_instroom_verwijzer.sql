-- Instroom of Wmo and Jeugd by verwijzer type (kpi-definitions.md, verwijzer van instroom) per
-- gemeente, period, wet and verwijzer_type_code of the voorziening, plus the wet's total row
-- (verwijzer_type_code 'totaal'). Figures: int_gebruik_verwijzer_telling; suppression as
-- declared in _gebruik__models.yml.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

telling as (select * from {{ ref('int_gebruik_verwijzer_telling') }}),

final as (

    select * from telling

)

select * from final
