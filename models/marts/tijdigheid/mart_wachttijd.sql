-- Wachttijd, published: int_zorg_wachttijd with small-cell suppression as the last step. The
-- median and the share of more than 42 days are derived figures: suppressed (suppress_derived)
-- when a count they come from is suppressed or below the threshold. No additive group.
with

wachttijd as (

    select * from {{ ref('int_zorg_wachttijd') }}

),

onderdrukt as (

    {{ suppress_cells(
        'wachttijd',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'jaar', 'wet_code'],
        count_columns=['aantal_voorzieningen', 'aantal_wachttijd_langer_dan_42'],
    ) }}

),

final as (

    select
        onderdrukt.gemeente_code,
        onderdrukt.periode_type,
        onderdrukt.periode_start,
        onderdrukt.periode_eind,
        onderdrukt.periode_label,
        onderdrukt.jaar,
        onderdrukt.wet_code,
        onderdrukt.aantal_voorzieningen,
        onderdrukt.aantal_voorzieningen_is_onderdrukt,
        {{ suppress_derived(
            'wachttijd.mediaan_wachttijd_dagen',
            'mediaan_wachttijd_dagen',
            counts=['onderdrukt.aantal_voorzieningen'],
        ) }},
        onderdrukt.aantal_wachttijd_langer_dan_42,
        onderdrukt.aantal_wachttijd_langer_dan_42_is_onderdrukt,
        {{ suppress_derived(
            'cast(1.0 * onderdrukt.aantal_wachttijd_langer_dan_42 / nullif(onderdrukt.aantal_voorzieningen, 0) as '
                ~ dbt.type_numeric() ~ ')',
            'aandeel_wachttijd_langer_dan_42',
            counts=['onderdrukt.aantal_voorzieningen', 'onderdrukt.aantal_wachttijd_langer_dan_42'],
        ) }}
    from onderdrukt
    inner join wachttijd
        on
            onderdrukt.gemeente_code = wachttijd.gemeente_code
            and onderdrukt.periode_start = wachttijd.periode_start
            and onderdrukt.wet_code = wachttijd.wet_code

)

select * from final
