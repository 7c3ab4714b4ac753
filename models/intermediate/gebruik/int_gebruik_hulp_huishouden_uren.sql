-- The unsuppressed figures of mart_gebruik_hulp_huishouden_uren (kpi-definitions.md, "Wmo by
-- age"): per gemeente and month-end peildatum, the hulp bij het huishouden voorzieningen
-- (productcategorie 01, schoonmaakondersteuning) active on the peildatum (the month rows of
-- int_gebruik_voorziening_periode), those whose omvang converts to hours per week and those whose
-- omvang does not, the sum of their hours per week and the average, by the client's age band on the
-- peildatum (macro gebruik_leeftijd_klassen). Hours per week of one voorziening, from its omvang:
--   hours per eenheid   04 uur: 1; 01 minuut: 1/60; any other eenheid (etmaal, dagdeel, stuks,
--                       euro's) is no time spent on the client: no hours
--   x per week          frequentie 1 per dag: 7; 2 per week: 1; 4 per maand: 12/52 (a month is
--                       52/12 weeks); 6 totaal binnen de geldigheidsduur: 7 / the days of
--                       ingangsdatum..einddatum (open-ended: no hours)
--   x volume            (no volume: no hours)
-- The average is computed here, once: the sum of hours per week / the voorzieningen with hours.
-- The voorzieningen are additive over the bands (each belongs to one client with one age).
with

voorziening_perioden as {{ inline_cte() }} (

    select * from {{ ref('int_gebruik_voorziening_periode') }}
    where wet_code = 'WMO' and productcategorie_code = '01' and periode_type = 'maand'

),

-- every gemeente with a Wmo voorziening in the reporting window has the table's rows
wmo_gemeenten as (

    select distinct gemeente_code from {{ ref('int_gebruik_voorziening_periode') }}
    where wet_code = 'WMO'

),

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

clienten as (

    select * from {{ ref('dim_client') }}
    where is_current

),

maanden as ({{ rapportage_perioden('maand') }}),

klassen as (

    {{ gebruik_leeftijd_klassen() }}

),

-- active on the peildatum (the last day of the month), not just some day in the month
op_peildatum as (

    select
        voorziening_perioden.gemeente_code,
        voorziening_perioden.periode_type,
        voorziening_perioden.periode_start,
        voorziening_perioden.beschikking_id,
        voorziening_perioden.client_id,
        voorziening_perioden.ingangsdatum,
        voorziening_perioden.einddatum,
        maanden.peildatum
    from voorziening_perioden
    inner join maanden using (periode_start)
    where {{ is_active_in_period(
        'voorziening_perioden.ingangsdatum', 'voorziening_perioden.einddatum', 'maanden.peildatum', 'maanden.peildatum'
    ) }}

),

met_omvang as (

    select
        op_peildatum.gemeente_code,
        op_peildatum.periode_type,
        op_peildatum.periode_start,
        op_peildatum.beschikking_id,
        {{ participatie_volle_jaren('clienten.geboortedatum', 'op_peildatum.peildatum') }} as leeftijd,
        cast(voorzieningen.volume as {{ type_double() }}) as volume,
        -- in doubles on every engine: Spark divides decimal literals to six decimals only
        case voorzieningen.eenheid_code
            when '04' then cast(1 as {{ type_double() }})
            when '01' then cast(1 as {{ type_double() }}) / 60
        end as uren_per_eenheid,
        case voorzieningen.frequentie_code
            when '1' then cast(7 as {{ type_double() }})
            when '2' then cast(1 as {{ type_double() }})
            when '4' then cast(12 as {{ type_double() }}) / 52
            when '6'
                then
                    cast(7 as {{ type_double() }})
                    / ({{ dbt.datediff('op_peildatum.ingangsdatum', 'op_peildatum.einddatum', 'day') }} + 1)
        end as keer_per_week
    from op_peildatum
    inner join voorzieningen using (beschikking_id)
    left join clienten
        on op_peildatum.client_id = clienten.client_id

),

-- null when the omvang is not a time per period that converts to hours per week
met_uren as (

    select
        met_omvang.gemeente_code,
        met_omvang.periode_type,
        met_omvang.periode_start,
        met_omvang.beschikking_id,
        klassen.leeftijd_hoofdklasse,
        klassen.leeftijd_deelklasse,
        cast(
            met_omvang.volume * met_omvang.uren_per_eenheid * met_omvang.keer_per_week as {{ type_double() }}
        ) as uren_per_week
    from met_omvang
    inner join klassen
        on {{ gebruik_leeftijd_klasse('met_omvang.leeftijd') }} = klassen.leeftijd_klasse

),

{%- set sleutels = ['gemeente_code', 'periode_type', 'periode_start'] %}
{%- set maten = [
    'count(*) as aantal_voorzieningen',
    'count(uren_per_week) as aantal_voorzieningen_met_uren',
    'sum(case when uren_per_week is null then 1 else 0 end) as aantal_voorzieningen_zonder_uren',
    'sum(uren_per_week) as som_uren_per_week',
] %}

-- '<18', '18-64', '65-69', '70+', 'onbekend' and their 'totaal', and '70-74', '75-84', '85+' within
-- '70+' (macro gebruik_leeftijd_tellingen): counts and sums of voorzieningen, each in one band, so
-- the total is the sum of the bands
{{ gebruik_leeftijd_tellingen('tellingen', 'met_uren', sleutels, maten) }},

leden as (

    select
        wmo_gemeenten.gemeente_code,
        'WMO' as wet_code,
        '01' as productcategorie_code,
        klassen.leeftijd_klasse,
        klassen.leeftijd_hoofdklasse,
        klassen.leeftijd_deelklasse,
        klassen.leeftijd_klasse_volgorde
    from wmo_gemeenten
    cross join klassen

),

gevuld as (

    {{ figures_grid(
        'leden',
        [
            'wet_code', 'productcategorie_code', 'leeftijd_klasse', 'leeftijd_hoofdklasse', 'leeftijd_deelklasse',
            'leeftijd_klasse_volgorde:integer',
        ],
        {'tellingen': [
            'aantal_voorzieningen', 'aantal_voorzieningen_met_uren', 'aantal_voorzieningen_zonder_uren',
            'som_uren_per_week:double',
        ]},
        keys=['leeftijd_hoofdklasse', 'leeftijd_deelklasse'],
        period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'],
        periods='maanden',
    ) }}

),

-- the derived figure, once: average hours per week over the voorzieningen with hours
final as (

    select
        gevuld.*,
        cast(
            gevuld.som_uren_per_week / nullif(gevuld.aantal_voorzieningen_met_uren, 0) as {{ dbt.type_numeric() }}
        ) as gemiddeld_uren_per_week
    from gevuld

)

select * from final
