-- The unsuppressed figures of mart_gebruik_wijk: per gemeente, reporting period, wet and wijk
-- (every wijk of the gemeente in dim_wijk, 'onbekend' for voorzieningen without wijk_code, and the
-- wet's total 'totaal'). Unique clients by the client's wijk in the period (one wijk per client, so
-- the wijken add up to the total: CTE client_wijken); instroom and uitstroom by the wijk_code of the
-- voorziening itself.
with

voorziening_perioden as {{ inline_cte() }} (select * from {{ ref('int_gebruik_voorziening_periode') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

dim_wijken as (select * from {{ ref('dim_wijk') }}),

wetten as (

    select distinct
        gemeente_code,
        wet_code
    from voorziening_perioden

),

wijken as (

    select
        wetten.gemeente_code,
        wetten.wet_code,
        dim_wijken.wijk_code
    from wetten
    inner join dim_wijken using (gemeente_code)

    union

    select
        gemeente_code,
        wet_code,
        coalesce(wijk_code, 'onbekend') as wijk_code
    from voorziening_perioden

    union

    select
        gemeente_code,
        wet_code,
        'onbekend' as wijk_code
    from wetten

    union

    select
        gemeente_code,
        wet_code,
        'totaal' as wijk_code
    from wetten

),

-- THE rule for "the wijk of a client in a period" (used by every wijk figure of the use flow):
-- per gemeente, wet and period, a client active with voorzieningen in several wijken gets the
-- wijk_code of the latest active voorziening in the period: the latest ingangsdatum, then the
-- latest einddatum (open-ended last), then the highest beschikking_id (macro latest_in_group). A
-- voorziening without wijk_code gives wijk 'onbekend'. One row per client, period and wet, counted
-- at once below (at 1M inhabitants 10 million rows, never written as a table).
-- The client is grouped on its 64-bit number (macro client_sleutel), not the 64-character pseudonym.
-- The order is given as whole numbers that fit latest_in_group's key_bits, so DuckDB can spill the
-- aggregate (179 million groups at the national size): the dates as day numbers, beschikking_id as
-- its place in the order of all beschikking_ids (CTE beschikking_volgorde).
beschikking_volgorde as (

    select
        beschikking_id,
        dense_rank() over (order by beschikking_id) as beschikking_volgnummer
    from voorzieningen

),

actieve_voorzieningen as (

    select
        voorziening_perioden.gemeente_code,
        voorziening_perioden.periode_type,
        voorziening_perioden.periode_start,
        voorziening_perioden.wet_code,
        {{ client_sleutel('voorziening_perioden.client_id') }} as client_nummer,
        {{ dbt.datediff("cast('0001-01-01' as date)", 'voorziening_perioden.ingangsdatum', 'day') }}
            as ingangsdag,
        case when voorziening_perioden.einddatum is null then 1 else 0 end as is_open_einde,
        {{ dbt.datediff("cast('0001-01-01' as date)", 'voorziening_perioden.einddatum', 'day') }}
            as einddag,
        beschikking_volgorde.beschikking_volgnummer,
        voorziening_perioden.wijk_code
    from voorziening_perioden
    left join beschikking_volgorde using (beschikking_id)
    where voorziening_perioden.is_actief

),

client_wijken as (

    {{ latest_in_group(
        'actieve_voorzieningen',
        ['gemeente_code', 'periode_type', 'periode_start', 'wet_code', 'client_nummer'],
        ['ingangsdag', 'is_open_einde', 'einddag', 'beschikking_volgnummer'],
        ["coalesce(wijk_code, 'onbekend') as wijk_code"],
        key_bits=[22, 2, 22, 40],
    ) }}

),

-- client_wijken has one row per client, period and wet, so the clients of the wijken add up to the
-- wet's distinct clients
clienten as (

    {{ group_with_total(
        'client_wijken', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'], 'wijk_code',
        ['count(*) as aantal_unieke_clienten'],
        additive=true,
    ) }}

),

-- instroom and uitstroom count voorzieningen, so the wet's total is the sum over the wijken
voorziening_wijken as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        coalesce(wijk_code, 'onbekend') as wijk_code,
        is_instroom,
        is_uitstroom
    from voorziening_perioden

),

stromen as (

    {{ group_with_total(
        'voorziening_wijken', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'], 'wijk_code',
        [
            'sum(case when is_instroom then 1 else 0 end) as aantal_instroom',
            'sum(case when is_uitstroom then 1 else 0 end) as aantal_uitstroom',
        ],
        additive=true,
    ) }}

),

final as (

    {{ figures_grid(
        'wijken', ['wet_code', 'wijk_code'],
        {'clienten': ['aantal_unieke_clienten'], 'stromen': ['aantal_instroom', 'aantal_uitstroom']},
    ) }}

)

select * from final
