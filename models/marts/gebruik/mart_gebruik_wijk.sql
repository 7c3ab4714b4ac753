-- Use of Wmo and Jeugd by wijk: unique clients (by the client's wijk in the period), instroom and
-- uitstroom (by the voorziening's wijk) per gemeente, period, wet and wijk, plus the wet's total
-- row (wijk_code 'totaal'). Figures: int_gebruik_wijk_telling; suppression as declared in
-- _gebruik__models.yml, the wet's totals as mart_gebruik publishes them.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

telling as (select * from {{ ref('int_gebruik_wijk_telling') }}),

wijken as (select * from {{ ref('wijken') }}),

final as (

    select
        telling.*,
        cast(
            {{ code_omschrijving('wijken.wijk_naam', 'telling.wijk_code') }} as {{ dbt.type_string() }}
        ) as wijk_naam
    from telling
    left join wijken using (gemeente_code, wijk_code)

)

select * from final
