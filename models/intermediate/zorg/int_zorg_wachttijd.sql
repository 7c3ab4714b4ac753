-- Wachttijd (kpi-definitions.md, source 004), per gemeente, year of ingangsdatum (the 'jaar'
-- periods of int_rapportage_periode) and wet: voorzieningen starting in the year, the median of
-- their wachttijd (fct_voorziening.wachttijd_dagen: days from besluitdatum to ingangsdatum, 0 when
-- the start is retroactive; median = mean of the two middle values for an even count, macro
-- zorg_median) and how many waited strictly more than 42 days. Every (year, wet) present.
-- Unsuppressed: mart_wachttijd publishes it, reconciliation tests read it.
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

jaren as ({{ rapportage_perioden('jaar') }}),

wet_codes as (

    {{ values_table(['wet_code'], [['WMO'], ['JW']]) }}

),

wetten as (

    {{ gemeente_leden('voorzieningen', {'wet_codes': ['wet_code']}) }}

),

-- every voorziening once, in the year of its ingangsdatum (found by period number, macro
-- expand_to_periods)
{{ expand_to_periods(
    'voorziening_jaren', 'voorzieningen', 'ingangsdatum', 'ingangsdatum', 'jaren',
    ['periode_type', 'periode_start']
) }},

per_jaar as (

    select
        voorziening_jaren.gemeente_code,
        voorziening_jaren.periode_type,
        voorziening_jaren.periode_start,
        voorziening_jaren.wet_code,
        count(*) as aantal_voorzieningen,
        {{ zorg_median('voorziening_jaren.wachttijd_dagen') }} as mediaan_wachttijd_dagen,
        sum(case when voorziening_jaren.wachttijd_dagen > 42 then 1 else 0 end) as aantal_wachttijd_langer_dan_42
    from voorziening_jaren
    group by
        voorziening_jaren.gemeente_code,
        voorziening_jaren.periode_type,
        voorziening_jaren.periode_start,
        voorziening_jaren.wet_code

),

final as (

    {{ figures_grid(
        'wetten', ['wet_code'],
        {'per_jaar': ['aantal_voorzieningen', 'mediaan_wachttijd_dagen:as_is', 'aantal_wachttijd_langer_dan_42']},
        period_columns=['periode_eind:date', 'periode_label', 'jaar:integer'], periods='jaren',
    ) }}

)

select * from final
