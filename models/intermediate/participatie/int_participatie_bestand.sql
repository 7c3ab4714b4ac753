-- Unsuppressed figures of the Participatiewet stock and flows (kpi-definitions.md, Participatiewet):
-- per gemeente, reporting period (maand, kwartaal, jaar) and regeling, plus a 'totaal' row over all
-- regelingen. Counts of uitkeringen and huishouden are distinct over the whole period; event counts
-- (instroom, uitstroom) are the events in the period. Every dossier is counted twice on the way in:
-- once under its regeling and once under 'totaal', so distinct counts of the total are distinct over
-- all regelingen (a household with two regelingen counts once in 'totaal').
with

uitkeringen as {{ inline_cte() }} (select * from {{ ref('fct_uitkering') }}),

betalingen as (select * from {{ ref('fct_uitkering_maand') }}),

perioden as {{ inline_cte() }} (select * from {{ ref('int_rapportage_periode') }}),

regelingen as (select * from {{ ref('code_regeling') }}),

-- Each dossier once under its own regeling and once under 'totaal'.
dossiers as (

    select
        uitkeringen.uitkering_id,
        uitkeringen.huishouden_id,
        uitkeringen.gemeente_code,
        uitkeringen.regeling_code,
        uitkeringen.ingangsdatum,
        uitkeringen.einddatum,
        uitkeringen.is_uitstroom_naar_werk
    from uitkeringen
    union all
    select
        uitkeringen.uitkering_id,
        uitkeringen.huishouden_id,
        uitkeringen.gemeente_code,
        'totaal' as regeling_code,
        uitkeringen.ingangsdatum,
        uitkeringen.einddatum,
        uitkeringen.is_uitstroom_naar_werk
    from uitkeringen

),

-- The months of each period (a running quarter or year has only its months up to the knowledge date).
periode_maanden as (

    select
        perioden.periode_type,
        perioden.periode_start,
        maanden.periode_start as maand_start
    from perioden
    inner join perioden as maanden
        on
            maanden.periode_type = 'maand'
            and perioden.periode_start <= maanden.periode_start
            and perioden.periode_eind >= maanden.periode_start

),

aantal_maanden as (

    select
        periode_type,
        periode_start,
        count(*) as aantal_maanden
    from periode_maanden
    group by periode_type, periode_start

),

-- A dossier is active in a period by its dossier dates; a payment row is not required. A dossier
-- starting or ending in the period is active in it, so the flows are counted on the same rows. The
-- periods of a dossier are found by period number (macro expand_to_periods).
{{ expand_to_periods(
    'dossier_perioden', 'dossiers', 'ingangsdatum', 'einddatum', 'perioden',
    ['periode_type', 'periode_start', 'periode_eind']
) }},

actief as (

    select
        dossier_perioden.gemeente_code,
        dossier_perioden.regeling_code,
        dossier_perioden.uitkering_id,
        dossier_perioden.huishouden_id,
        dossier_perioden.periode_type,
        dossier_perioden.periode_start,
        {%- set periode = ['dossier_perioden.periode_start', 'dossier_perioden.periode_eind'] %}
        case when {{ falls_in_period('dossier_perioden.ingangsdatum', *periode) }} then 1 else 0 end as is_instroom,
        case when {{ falls_in_period('dossier_perioden.einddatum', *periode) }} then 1 else 0 end as is_uitstroom,
        case
            when
                {{ falls_in_period('dossier_perioden.einddatum', *periode) }}
                and dossier_perioden.is_uitstroom_naar_werk
                then 1
            else 0
        end as is_uitstroom_naar_werk
    from dossier_perioden

),

bestand as (

    select
        actief.gemeente_code,
        actief.regeling_code,
        actief.periode_type,
        actief.periode_start,
        count(distinct actief.uitkering_id) as aantal_uitkeringen,
        count(distinct actief.huishouden_id) as aantal_huishoudens_in_periode,
        sum(actief.is_instroom) as aantal_instroom,
        sum(actief.is_uitstroom) as aantal_uitstroom,
        sum(actief.is_uitstroom_naar_werk) as aantal_uitstroom_naar_werk
    from actief
    group by actief.gemeente_code, actief.regeling_code, actief.periode_type, actief.periode_start

),

-- Payment months of the dossiers, attributed to the dossier's gemeente and regeling (and 'totaal').
betaalde_maanden as (

    select
        dossiers.gemeente_code,
        dossiers.regeling_code,
        dossiers.uitkering_id,
        betalingen.betaalmaand_start,
        betalingen.bedrag,
        betalingen.uren_per_week
    from betalingen
    inner join dossiers using (uitkering_id)

),

bedragen as (

    select
        betaalde_maanden.gemeente_code,
        betaalde_maanden.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start,
        sum(betaalde_maanden.bedrag) as bedrag_uitkeringen,
        count(distinct betaalde_maanden.uitkering_id) as aantal_uitkeringen_betaald
    from betaalde_maanden
    inner join periode_maanden
        on betaalde_maanden.betaalmaand_start = periode_maanden.maand_start
    group by
        betaalde_maanden.gemeente_code,
        betaalde_maanden.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start

),

-- Part-time work per active dossier and month: the dossier is active in the month by its dossier
-- dates and its payment row of that month reports hours of work. FTE is uren_per_week / 36, divided
-- (and rounded) once on the sum of the hours, not per uitkering.
werk_maand as (

    select
        betaalde_maanden.gemeente_code,
        betaalde_maanden.regeling_code,
        betaalde_maanden.uitkering_id,
        betaalde_maanden.betaalmaand_start as maand_start,
        betaalde_maanden.uren_per_week
    from betaalde_maanden
    inner join actief
        on
            betaalde_maanden.uitkering_id = actief.uitkering_id
            and betaalde_maanden.regeling_code = actief.regeling_code
            and betaalde_maanden.betaalmaand_start = actief.periode_start
            and actief.periode_type = 'maand'
    where betaalde_maanden.uren_per_week > 0

),

werk_per_maand as (

    select
        gemeente_code,
        regeling_code,
        maand_start,
        count(distinct uitkering_id) as aantal_uitkeringen_met_werk
    from werk_maand
    group by gemeente_code, regeling_code, maand_start

),

-- Per period: distinct dossiers with work in any of its months; FTE of a quarter or year is the
-- average of its monthly FTE (months without work count as 0); the smallest non-zero monthly count
-- of dossiers with work is kept for the suppression of that average.
werk as (

    select
        werk_maand.gemeente_code,
        werk_maand.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start,
        count(distinct werk_maand.uitkering_id) as aantal_uitkeringen_met_werk,
        sum(werk_maand.uren_per_week) / {{ var('uren_per_fte') | float }}
        / max(aantal_maanden.aantal_maanden) as werk_fte
    from werk_maand
    inner join periode_maanden using (maand_start)
    inner join aantal_maanden using (periode_type, periode_start)
    group by
        werk_maand.gemeente_code,
        werk_maand.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start

),

werk_kleinste_maand as (

    select
        werk_per_maand.gemeente_code,
        werk_per_maand.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start,
        min(werk_per_maand.aantal_uitkeringen_met_werk) as kleinste_maand_aantal_uitkeringen_met_werk
    from werk_per_maand
    inner join periode_maanden using (maand_start)
    group by
        werk_per_maand.gemeente_code,
        werk_per_maand.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start

),

-- Complete grid: every gemeente with uitkeringen x every period x every regeling and 'totaal'.
alle_regelingen as (

    select regeling_code from regelingen
    union all
    select 'totaal' as regeling_code

),

regeling_codes as (

    {{ gemeente_leden('uitkeringen', {'alle_regelingen': ['regeling_code']}) }}

),

final as (

    {{ figures_grid(
        'regeling_codes', ['regeling_code'],
        {
            'bestand': [
                'aantal_uitkeringen', 'aantal_huishoudens_in_periode', 'aantal_instroom', 'aantal_uitstroom',
                'aantal_uitstroom_naar_werk',
            ],
            'bedragen': ['bedrag_uitkeringen:decimal(18, 2)', 'aantal_uitkeringen_betaald'],
            'werk': ['aantal_uitkeringen_met_werk', 'werk_fte:decimal(18, 4)'],
            'werk_kleinste_maand': ['kleinste_maand_aantal_uitkeringen_met_werk'],
        },
        period_columns=['periode_eind:date', 'periode_label', 'jaar:integer'],
    ) }}

)

select * from final
