-- Wachttijd, published: int_zorg_wachttijd with the share of more than 42 days. The median and
-- the share are derived figures, suppressed when a count they come from is (declaration in
-- _tijdigheid__models.yml).
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

wachttijd as (select * from {{ ref('int_zorg_wachttijd') }}),

final as (

    select
        wachttijd.*,
        {{ aandeel('wachttijd.aantal_wachttijd_langer_dan_42', 'wachttijd.aantal_voorzieningen') }}
            as aandeel_wachttijd_langer_dan_42
    from wachttijd

)

select * from final
