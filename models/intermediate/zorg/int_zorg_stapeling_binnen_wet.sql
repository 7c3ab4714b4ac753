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

actief_op_peildatum as (

    select
        voorzieningen.gemeente_code,
        peildata.peildatum,
        voorzieningen.wet_code,
        voorzieningen.client_id,
        count(distinct voorzieningen.productcode) as aantal_productcodes
    from voorzieningen
    inner join peildata
        on {{ is_active_in_period(
            'voorzieningen.ingangsdatum', 'voorzieningen.einddatum', 'peildata.peildatum', 'peildata.peildatum'
        ) }}
    group by
        voorzieningen.gemeente_code,
        peildata.peildatum,
        voorzieningen.wet_code,
        voorzieningen.client_id

),

per_klasse as (

    select
        actief_op_peildatum.gemeente_code,
        actief_op_peildatum.peildatum,
        actief_op_peildatum.wet_code,
        case
            when actief_op_peildatum.aantal_productcodes >= 4 then '4+'
            else cast(actief_op_peildatum.aantal_productcodes as {{ dbt.type_string() }})
        end as stapeling_klasse,
        count(*) as aantal_clienten
    from actief_op_peildatum
    group by
        actief_op_peildatum.gemeente_code,
        actief_op_peildatum.peildatum,
        actief_op_peildatum.wet_code,
        case
            when actief_op_peildatum.aantal_productcodes >= 4 then '4+'
            else cast(actief_op_peildatum.aantal_productcodes as {{ dbt.type_string() }})
        end

),

totalen as (

    select
        actief_op_peildatum.gemeente_code,
        actief_op_peildatum.peildatum,
        actief_op_peildatum.wet_code,
        'totaal' as stapeling_klasse,
        count(*) as aantal_clienten
    from actief_op_peildatum
    group by
        actief_op_peildatum.gemeente_code,
        actief_op_peildatum.peildatum,
        actief_op_peildatum.wet_code

),

cellen as (

    select * from per_klasse
    union all
    select * from totalen

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
