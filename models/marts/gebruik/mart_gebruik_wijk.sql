-- Use of Wmo and Jeugd by wijk: unique clients (by the client's wijk in the period), instroom and
-- uitstroom (by the voorziening's wijk) per gemeente, period, wet and wijk, plus the wet's total
-- row (wijk_code 'totaal'). Figures: int_gebruik_wijk_telling; suppression as declared in
-- _gebruik__models.yml, the wet's totals as mart_gebruik publishes them.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

telling as (

    select * from {{ ref('int_gebruik_wijk_telling') }}

),

final as (

    select * from telling

)

select * from final
