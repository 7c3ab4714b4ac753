-- Stapeling binnen wet (kpi-definitions.md): per gemeente, monthly peildatum and wet, clients by
-- the number of distinct productcodes active ON the peildatum (a day): classes 1, 2, 3, 4+ and
-- the total 'totaal'. Overlapping voorzieningen stack; touching ones (one ends the day before the
-- other starts) do not: on any day only one of them is active. Every class is present (0 shown).
-- Unsuppressed: mart_stapeling_binnen_wet publishes it, reconciliation tests read it.
with

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

peildata as (

    select
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.peildatum
    from perioden
    where perioden.periode_type = 'maand'

),

gemeenten as (

    select distinct voorzieningen.gemeente_code
    from voorzieningen

),

wetten as (

    select 'WMO' as wet_code
    union all
    select 'JW' as wet_code

),

klassen as (

    select '1' as stapeling_klasse
    union all
    select '2' as stapeling_klasse
    union all
    select '3' as stapeling_klasse
    union all
    select '4+' as stapeling_klasse
    union all
    select 'totaal' as stapeling_klasse

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

-- clients in a class on a peildatum: the stukken begun on or before it minus those ended by then
begonnen as (

    select
        gemeente_code,
        wet_code,
        stapeling_klasse,
        datum,
        count(*) as aantal
    from stukken
    group by gemeente_code, wet_code, stapeling_klasse, datum

),

geeindigd as (

    select
        gemeente_code,
        wet_code,
        stapeling_klasse,
        volgende_datum as datum,
        count(*) as aantal
    from stukken
    where volgende_datum is not null
    group by gemeente_code, wet_code, stapeling_klasse, volgende_datum

),

verschillen as (

    select
        gemeente_code,
        wet_code,
        stapeling_klasse,
        datum,
        aantal
    from begonnen

    union all

    select
        gemeente_code,
        wet_code,
        stapeling_klasse,
        datum,
        -aantal as aantal
    from geeindigd

),

cellen as (

    select
        verschillen.gemeente_code,
        peildata.peildatum,
        verschillen.wet_code,
        verschillen.stapeling_klasse,
        sum(verschillen.aantal) as aantal_clienten
    from verschillen
    inner join peildata
        on verschillen.datum <= peildata.peildatum
    group by
        verschillen.gemeente_code,
        peildata.peildatum,
        verschillen.wet_code,
        verschillen.stapeling_klasse

),

final as (

    select
        gemeenten.gemeente_code,
        peildata.periode_type,
        peildata.periode_start,
        peildata.periode_eind,
        peildata.periode_label,
        peildata.peildatum,
        wetten.wet_code,
        klassen.stapeling_klasse,
        cast(coalesce(cellen.aantal_clienten, 0) as {{ dbt.type_bigint() }}) as aantal_clienten
    from gemeenten
    cross join peildata
    cross join wetten
    cross join klassen
    left join cellen
        on
            gemeenten.gemeente_code = cellen.gemeente_code
            and peildata.peildatum = cellen.peildatum
            and wetten.wet_code = cellen.wet_code
            and klassen.stapeling_klasse = cellen.stapeling_klasse

)

select * from final
