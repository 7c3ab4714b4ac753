-- Stapeling binnen wet (kpi-definitions.md): per gemeente, monthly peildatum and wet, clients by
-- the number of distinct productcodes active ON the peildatum (a day): classes 1, 2, 3, 4+ and
-- the total 'totaal'. Overlapping voorzieningen stack; touching ones (one ends the day before the
-- other starts) do not: on any day only one of them is active. Every class is present (0 shown).
-- Unsuppressed: mart_stapeling_binnen_wet publishes it, reconciliation tests read it.
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

peildata as ({{ rapportage_perioden('maand') }}),

wetten as (

    {{ values_table(['wet_code'], [['WMO'], ['JW']]) }}

),

klassen as (

    {{ values_table(['stapeling_klasse'], [['1'], ['2'], ['3'], ['4+'], ['totaal']]) }}

),

-- Sweep line per client instead of one row per voorziening and peildatum (macro
-- interval_sweep_events): per client and wet, +1/-1 events of the days of each productcode, whose
-- parts do not overlap, so on any day the parts that hold it are the distinct productcodes active.
{{ interval_sweep_events(
    'gebeurtenissen', 'voorzieningen', ['gemeente_code', 'wet_code', 'client_id'],
    part_by=['productcode'], order_by=['beschikking_id']
) }},

per_dag as (

    select
        gemeente_code,
        wet_code,
        client_id,
        datum,
        sum(verschil) as verschil
    from gebeurtenissen
    group by gemeente_code, wet_code, client_id, datum

),

-- the client's number of distinct productcodes from datum up to (not including) volgende_datum
standen as (

    select
        gemeente_code,
        wet_code,
        client_id,
        datum,
        lead(datum) over (
            partition by gemeente_code, wet_code, client_id order by datum
        ) as volgende_datum,
        sum(verschil) over (
            partition by gemeente_code, wet_code, client_id
            order by datum
            rows between unbounded preceding and current row
        ) as aantal_productcodes
    from per_dag

),

stukken as (

    select
        gemeente_code,
        wet_code,
        case
            when aantal_productcodes >= 4 then '4+'
            else cast(aantal_productcodes as {{ dbt.type_string() }})
        end as stapeling_klasse,
        datum,
        volgende_datum
    from standen
    where aantal_productcodes > 0

    union all

    select
        gemeente_code,
        wet_code,
        'totaal' as stapeling_klasse,
        datum,
        volgende_datum
    from standen
    where aantal_productcodes > 0

),

-- clients in a class on each peildatum (macro count_on_peildata)
{{ count_on_peildata(
    'cellen', 'stukken', ['gemeente_code', 'wet_code', 'stapeling_klasse'], 'peildata', 'aantal_clienten'
) }},

leden as (

    {{ gemeente_leden('voorzieningen', {'wetten': ['wet_code'], 'klassen': ['stapeling_klasse']}) }}

),

final as (

    {{ figures_grid(
        'leden', ['wet_code', 'stapeling_klasse'], {'cellen': ['aantal_clienten']},
        period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='peildata',
    ) }}

)

select * from final
