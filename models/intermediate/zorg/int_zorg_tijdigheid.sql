-- Tijdigheid (kpi-definitions.md, sources 000 and 001), per gemeente, period of besluitdatum
-- (maand, kwartaal, jaar: event counts, so a quarter or year is the sum of its months) and wet:
-- besluiten = every current, non-withdrawn beschikking (WMO, JW; fct_voorziening) and every
-- uitkering dossier (PW; fct_uitkering); tijdig when besluitdatum - aanvraagdatum <= 56 calendar
-- days (beslistermijn_dagen of the facts; the 56 is var('beslistermijn_dagen')). A besluit without
-- aanvraagdatum cannot be shown to be tijdig and counts as niet tijdig, so tijdig + niet tijdig =
-- besluiten always. Every (period, wet) present (0 shown). Unsuppressed: mart_tijdigheid publishes
-- it, reconciliation tests read it.
-- The same figures without herindicaties (a beschikking that continues the client's voorziening,
-- instroom_type herindicatie in int_voorziening_stromen), as the netto flows do: a mass
-- re-decision (every indication renewed on one date) would otherwise show as a period with many
-- times the usual besluiten, nearly all tijdig. Such a period is flagged: is_herindicatiegolf when
-- its herindicaties are more than half of its besluiten and more than twice the median number of
-- herindicaties of the wet's periods of that type in the reporting window.
with

alle_besluiten as (select * from {{ ref('int_zorg_besluiten') }}),

-- the source as a column: the join below is on two equalities (a constant in its condition made
-- DuckDB compare every besluit with every beschikking: 124 s at 260k instead of 2)
stromen as (

    select
        cast('beschikking' as {{ dbt.type_string() }}) as bron,
        beschikking_id,
        instroom_type
    from {{ ref('int_voorziening_stromen') }}

),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

besluiten as (

    select
        alle_besluiten.gemeente_code,
        alle_besluiten.wet_code,
        alle_besluiten.besluitdatum,
        coalesce(alle_besluiten.beslistermijn_dagen <= {{ var('beslistermijn_dagen') }}, false) as is_tijdig,
        coalesce(stromen.instroom_type = 'herindicatie', false) as is_herindicatie
    from alle_besluiten
    left join stromen
        on
            alle_besluiten.bron = stromen.bron
            and alle_besluiten.besluit_id = stromen.beschikking_id
    where alle_besluiten.besluitdatum is not null

),

wet_codes as (

    {{ values_table(['wet_code'], [['WMO'], ['JW'], ['PW']]) }}

),

wetten as (

    {{ gemeente_leden('besluiten', {'wet_codes': ['wet_code']}) }}

),

-- every besluit once per period that holds its besluitdatum (found by period number, macro
-- expand_to_periods)
{{ expand_to_periods(
    'besluit_perioden', 'besluiten', 'besluitdatum', 'besluitdatum', 'perioden',
    ['periode_type', 'periode_start']
) }},

per_periode as (

    select
        besluit_perioden.gemeente_code,
        besluit_perioden.periode_type,
        besluit_perioden.periode_start,
        besluit_perioden.wet_code,
        count(*) as aantal_besluiten,
        sum(case when besluit_perioden.is_tijdig then 1 else 0 end) as aantal_besluiten_tijdig,
        sum(case when besluit_perioden.is_tijdig then 0 else 1 end) as aantal_besluiten_niet_tijdig,
        sum(case when besluit_perioden.is_herindicatie then 1 else 0 end) as aantal_besluiten_herindicatie,
        sum(
            case when besluit_perioden.is_herindicatie and besluit_perioden.is_tijdig then 1 else 0 end
        ) as aantal_besluiten_herindicatie_tijdig
    from besluit_perioden
    group by
        besluit_perioden.gemeente_code,
        besluit_perioden.periode_type,
        besluit_perioden.periode_start,
        besluit_perioden.wet_code

),

tellingen as (

    {{ figures_grid(
        'wetten', ['wet_code'],
        {'per_periode': [
            'aantal_besluiten', 'aantal_besluiten_tijdig', 'aantal_besluiten_niet_tijdig',
            'aantal_besluiten_herindicatie', 'aantal_besluiten_herindicatie_tijdig',
        ]},
    ) }}

),

-- the usual number of herindicaties: the median over the wet's periods of one type
gewoon as (

    select
        gemeente_code,
        wet_code,
        periode_type,
        {{ zorg_median('aantal_besluiten_herindicatie') }} as mediaan_herindicatie
    from tellingen
    group by gemeente_code, wet_code, periode_type

),

final as (

    select
        tellingen.gemeente_code,
        tellingen.periode_type,
        tellingen.periode_start,
        tellingen.periode_eind,
        tellingen.periode_label,
        tellingen.wet_code,
        tellingen.aantal_besluiten,
        tellingen.aantal_besluiten_tijdig,
        tellingen.aantal_besluiten_niet_tijdig,
        tellingen.aantal_besluiten_herindicatie,
        tellingen.aantal_besluiten_herindicatie_tijdig,
        cast(
            tellingen.aantal_besluiten_herindicatie - tellingen.aantal_besluiten_herindicatie_tijdig
            as {{ dbt.type_bigint() }}
        ) as aantal_besluiten_herindicatie_niet_tijdig,
        cast(
            tellingen.aantal_besluiten - tellingen.aantal_besluiten_herindicatie as {{ dbt.type_bigint() }}
        ) as aantal_besluiten_zonder_herindicatie,
        cast(
            tellingen.aantal_besluiten_tijdig - tellingen.aantal_besluiten_herindicatie_tijdig
            as {{ dbt.type_bigint() }}
        ) as aantal_besluiten_zonder_herindicatie_tijdig,
        cast(
            tellingen.aantal_besluiten_niet_tijdig
            - (tellingen.aantal_besluiten_herindicatie - tellingen.aantal_besluiten_herindicatie_tijdig)
            as {{ dbt.type_bigint() }}
        ) as aantal_besluiten_zonder_herindicatie_niet_tijdig,
        (
            2 * tellingen.aantal_besluiten_herindicatie > tellingen.aantal_besluiten
            and tellingen.aantal_besluiten_herindicatie > 2 * gewoon.mediaan_herindicatie
        ) as is_herindicatiegolf
    from tellingen
    inner join gewoon using (gemeente_code, wet_code, periode_type)

)

select * from final
