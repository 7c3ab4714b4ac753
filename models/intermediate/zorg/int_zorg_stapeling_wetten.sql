-- Stapeling over wetten (kpi-definitions.md, as in the national stapelingsmonitor): per gemeente
-- and monthly peildatum, households (huishouden_id) by the combination of wetten in which they
-- have something active ON the peildatum: a voorziening (WMO, JW; huishouden_id on the
-- voorziening) or an uitkering dossier (PW: every regeling, by the dossier dates of
-- fct_uitkering; a payment row is not required). Combinations WMO, JW, PW, WMO+JW, WMO+PW, JW+PW,
-- WMO+JW+PW and the total 'totaal' (households with at least one); every cell present (0 shown).
-- Unsuppressed: mart_stapeling_wetten publishes it, reconciliation tests read it.
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

peildata as ({{ rapportage_perioden('maand') }}),

dossiers as (

    select
        voorzieningen.gemeente_code,
        voorzieningen.huishouden_id,
        voorzieningen.wet_code,
        voorzieningen.ingangsdatum,
        voorzieningen.einddatum
    from voorzieningen
    union all
    select
        uitkeringen.gemeente_code,
        uitkeringen.huishouden_id,
        'PW' as wet_code,
        uitkeringen.ingangsdatum,
        uitkeringen.einddatum
    from uitkeringen

),

combinaties as (

    select
        'WMO' as wetten_combinatie,
        1 as heeft_wmo,
        0 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'JW' as wetten_combinatie,
        0 as heeft_wmo,
        1 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'PW' as wetten_combinatie,
        0 as heeft_wmo,
        0 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'WMO+JW' as wetten_combinatie,
        1 as heeft_wmo,
        1 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'WMO+PW' as wetten_combinatie,
        1 as heeft_wmo,
        0 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'JW+PW' as wetten_combinatie,
        0 as heeft_wmo,
        1 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'WMO+JW+PW' as wetten_combinatie,
        1 as heeft_wmo,
        1 as heeft_jw,
        1 as heeft_pw

),

-- Sweep line per household instead of one row per dossier and peildatum (macro
-- interval_sweep_events): per household and wet, +1/-1 events of the days of the wet, whose parts
-- do not overlap, so on any day a wet has at most one part of the household.
{{ interval_sweep_events(
    'gebeurtenissen', 'dossiers', ['gemeente_code', 'huishouden_id', 'wet_code']
) }},

per_dag as (

    select
        gemeente_code,
        huishouden_id,
        datum,
        sum(case when wet_code = 'WMO' then verschil else 0 end) as verschil_wmo,
        sum(case when wet_code = 'JW' then verschil else 0 end) as verschil_jw,
        sum(case when wet_code = 'PW' then verschil else 0 end) as verschil_pw
    from gebeurtenissen
    group by gemeente_code, huishouden_id, datum

),

-- the wetten of the household from datum up to (not including) volgende_datum
standen as (

    select
        gemeente_code,
        huishouden_id,
        datum,
        lead(datum) over (
            partition by gemeente_code, huishouden_id order by datum
        ) as volgende_datum,
        sum(verschil_wmo) over (
            partition by gemeente_code, huishouden_id order by datum rows between unbounded preceding and current row
        ) as stand_wmo,
        sum(verschil_jw) over (
            partition by gemeente_code, huishouden_id order by datum rows between unbounded preceding and current row
        ) as stand_jw,
        sum(verschil_pw) over (
            partition by gemeente_code, huishouden_id order by datum rows between unbounded preceding and current row
        ) as stand_pw
    from per_dag

),

stukken as (

    select
        standen.gemeente_code,
        combinaties.wetten_combinatie,
        standen.datum,
        standen.volgende_datum
    from standen
    inner join combinaties
        on
            case when standen.stand_wmo > 0 then 1 else 0 end = combinaties.heeft_wmo
            and case when standen.stand_jw > 0 then 1 else 0 end = combinaties.heeft_jw
            and case when standen.stand_pw > 0 then 1 else 0 end = combinaties.heeft_pw

    union all

    select
        standen.gemeente_code,
        'totaal' as wetten_combinatie,
        standen.datum,
        standen.volgende_datum
    from standen
    where standen.stand_wmo > 0 or standen.stand_jw > 0 or standen.stand_pw > 0

),

-- households in a combination on each peildatum (macro count_on_peildata)
{{ count_on_peildata(
    'cellen', 'stukken', ['gemeente_code', 'wetten_combinatie'], 'peildata', 'aantal_huishoudens'
) }},

alle_combinaties as (

    select combinaties.wetten_combinatie
    from combinaties
    union all
    select 'totaal' as wetten_combinatie

),

leden as (

    {{ gemeente_leden('dossiers', {'alle_combinaties': ['wetten_combinatie']}) }}

),

final as (

    {{ figures_grid(
        'leden', ['wetten_combinatie'], {'cellen': ['aantal_huishoudens']},
        period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='peildata',
    ) }}

)

select * from final
