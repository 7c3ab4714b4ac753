{{ config(materialized='table') }}
-- Unsuppressed figures of the Participatiewet stock and flows (kpi-definitions.md, Participatiewet):
-- per gemeente, reporting period (maand, kwartaal, jaar) and regeling, plus a 'totaal' row over all
-- regelingen. Counts of uitkeringen and huishouden are distinct over the whole period; event counts
-- (instroom, uitstroom) are the events in the period. Every dossier is counted twice on the way in:
-- once under its regeling and once under 'totaal', so distinct counts of the total are distinct over
-- all regelingen (a household with two regelingen counts once in 'totaal').
with

uitkeringen as {{ inline_cte() }} (

    select * from {{ ref('fct_uitkering') }}

),

betalingen as (

    select * from {{ ref('fct_uitkering_maand') }}

),

perioden as {{ inline_cte() }} (

    select * from {{ ref('int_rapportage_periode') }}

),

regelingen as (

    select * from {{ ref('code_regeling') }}

),

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
        case
            when
                dossier_perioden.ingangsdatum >= dossier_perioden.periode_start
                and dossier_perioden.ingangsdatum <= dossier_perioden.periode_eind
                then 1
            else 0
        end as is_instroom,
        case
            when
                dossier_perioden.einddatum >= dossier_perioden.periode_start
                and dossier_perioden.einddatum <= dossier_perioden.periode_eind
                then 1
            else 0
        end as is_uitstroom,
        case
            when
                dossier_perioden.einddatum >= dossier_perioden.periode_start
                and dossier_perioden.einddatum <= dossier_perioden.periode_eind
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
    inner join dossiers
        on betalingen.uitkering_id = dossiers.uitkering_id

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
        sum(werk_maand.uren_per_week) as werk_uren_som
    from werk_maand
    inner join periode_maanden
        on werk_maand.maand_start = periode_maanden.maand_start
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
    inner join periode_maanden
        on werk_per_maand.maand_start = periode_maanden.maand_start
    group by
        werk_per_maand.gemeente_code,
        werk_per_maand.regeling_code,
        periode_maanden.periode_type,
        periode_maanden.periode_start

),

-- Complete grid: every gemeente with uitkeringen x every period x every regeling and 'totaal'.
gemeenten as (

    select distinct gemeente_code from uitkeringen

),

regeling_codes as (

    select regeling_code from regelingen
    union all
    select 'totaal' as regeling_code

),

rooster as (

    select
        gemeenten.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.jaar,
        regeling_codes.regeling_code
    from gemeenten
    cross join perioden
    cross join regeling_codes

),

final as (

    select
        cast(rooster.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(rooster.periode_type as {{ dbt.type_string() }}) as periode_type,
        cast(rooster.periode_start as date) as periode_start,
        cast(rooster.periode_eind as date) as periode_eind,
        cast(rooster.periode_label as {{ dbt.type_string() }}) as periode_label,
        cast(rooster.jaar as integer) as jaar,
        cast(rooster.regeling_code as {{ dbt.type_string() }}) as regeling_code,
        cast(coalesce(bestand.aantal_uitkeringen, 0) as {{ dbt.type_bigint() }}) as aantal_uitkeringen,
        cast(
            coalesce(bestand.aantal_huishoudens_in_periode, 0) as {{ dbt.type_bigint() }}
        ) as aantal_huishoudens_in_periode,
        cast(coalesce(bestand.aantal_instroom, 0) as {{ dbt.type_bigint() }}) as aantal_instroom,
        cast(coalesce(bestand.aantal_uitstroom, 0) as {{ dbt.type_bigint() }}) as aantal_uitstroom,
        cast(
            coalesce(bestand.aantal_uitstroom_naar_werk, 0) as {{ dbt.type_bigint() }}
        ) as aantal_uitstroom_naar_werk,
        cast(coalesce(bedragen.bedrag_uitkeringen, 0) as decimal(18, 2)) as bedrag_uitkeringen,
        cast(
            coalesce(bedragen.aantal_uitkeringen_betaald, 0) as {{ dbt.type_bigint() }}
        ) as aantal_uitkeringen_betaald,
        cast(
            coalesce(werk.aantal_uitkeringen_met_werk, 0) as {{ dbt.type_bigint() }}
        ) as aantal_uitkeringen_met_werk,
        cast(
            coalesce(werk.werk_uren_som, 0) / 36.0 / aantal_maanden.aantal_maanden as decimal(18, 4)
        ) as werk_fte,
        cast(
            -- no month with work: 0 (an FTE of 0 is shown, like any zero count)
            coalesce(werk_kleinste_maand.kleinste_maand_aantal_uitkeringen_met_werk, 0)
            as {{ dbt.type_bigint() }}
        ) as kleinste_maand_aantal_uitkeringen_met_werk
    from rooster
    inner join aantal_maanden
        on
            rooster.periode_type = aantal_maanden.periode_type
            and rooster.periode_start = aantal_maanden.periode_start
    left join bestand
        on
            rooster.gemeente_code = bestand.gemeente_code
            and rooster.regeling_code = bestand.regeling_code
            and rooster.periode_type = bestand.periode_type
            and rooster.periode_start = bestand.periode_start
    left join bedragen
        on
            rooster.gemeente_code = bedragen.gemeente_code
            and rooster.regeling_code = bedragen.regeling_code
            and rooster.periode_type = bedragen.periode_type
            and rooster.periode_start = bedragen.periode_start
    left join werk
        on
            rooster.gemeente_code = werk.gemeente_code
            and rooster.regeling_code = werk.regeling_code
            and rooster.periode_type = werk.periode_type
            and rooster.periode_start = werk.periode_start
    left join werk_kleinste_maand
        on
            rooster.gemeente_code = werk_kleinste_maand.gemeente_code
            and rooster.regeling_code = werk_kleinste_maand.regeling_code
            and rooster.periode_type = werk_kleinste_maand.periode_type
            and rooster.periode_start = werk_kleinste_maand.periode_start

)

select * from final
