-- The data-quality figure of the declaraties (kpi-definitions.md, Money: "declaraties against a
-- withdrawn or unknown beschikking still count, and are reported as a data-quality figure"): per
-- gemeente, year, wet and beschikking status of the declaratie the number of declaraties (current
-- versions, any status), the number accepted (status toegewezen), their signed amount, and the
-- distinct clients behind them (all, and those with an accepted declaratie: the amount's own). A
-- declaratie counts once, in the year of its periode_begin, with its whole amount (realisatie
-- spreads it pro rata over months; this figure counts declaraties).
-- Every status of every wet found, and 'totaal', for every year of the reporting window. The
-- gemeente is the realisatie's (fct_declaratie.gemeente_code). Unsuppressed: the mart suppresses.
with

declaraties as (select * from {{ ref('fct_declaratie') }}),

jaren as ({{ rapportage_perioden('jaar') }}),

statussen as (

    select
        codes.status_code,
        codes.status_omschrijving
    from (
        values
        ('geldige_beschikking', 'Op een aangeleverde, niet ingetrokken beschikking'),
        ('ingetrokken_beschikking', 'Op een ingetrokken beschikking'),
        ('onbekende_beschikking', 'Op een beschikking die niet is aangeleverd'),
        ('totaal', 'Totaal')
    ) as codes (status_code, status_omschrijving)

),

per_declaratie as (

    select
        declaraties.gemeente_code,
        jaren.periode_type,
        jaren.periode_start,
        declaraties.wet_code,
        case
            when not declaraties.is_beschikking_bekend then 'onbekende_beschikking'
            when declaraties.is_beschikking_ingetrokken then 'ingetrokken_beschikking'
            else 'geldige_beschikking'
        end as beschikking_status_code,
        -- distinct clients counted on a 64-bit number, not the 64-character pseudonym
        {{ client_sleutel('declaraties.client_id') }} as client_nummer,
        declaraties.is_toegewezen,
        declaraties.signed_bedrag
    from declaraties
    -- the year of periode_begin as an equi-join (a hash join; by the two dates alone a range join
    -- over every declaratie, 40 % of the model at 1M inhabitants), the dates for a year cut off
    -- by the reporting window
    inner join jaren
        on
            jaren.jaar = extract(year from declaraties.periode_begin)
            and declaraties.periode_begin >= jaren.periode_start
            and declaraties.periode_begin <= jaren.periode_eind

),

tellingen as (

    {{ group_with_total(
        'per_declaratie', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'], 'beschikking_status_code',
        [
            'count(*) as aantal_declaraties',
            'sum(case when is_toegewezen then 1 else 0 end) as aantal_declaraties_toegewezen',
            'sum(case when is_toegewezen then signed_bedrag else 0 end) as bedrag_toegewezen',
            'count(distinct client_nummer) as aantal_clienten',
            'count(distinct case when is_toegewezen then client_nummer end) as aantal_clienten_toegewezen',
        ],
    ) }}

),

gemeente_wetten as (

    select distinct
        gemeente_code,
        wet_code
    from per_declaratie

),

leden as (

    select
        gemeente_wetten.gemeente_code,
        gemeente_wetten.wet_code,
        statussen.status_code as beschikking_status_code,
        statussen.status_omschrijving as beschikking_status_omschrijving
    from gemeente_wetten
    cross join statussen

),

final as (

    {{ figures_grid(
        'leden', ['wet_code', 'beschikking_status_code', 'beschikking_status_omschrijving'],
        {'tellingen': [
            'aantal_declaraties', 'aantal_declaraties_toegewezen', 'bedrag_toegewezen:decimal(18, 2)',
            'aantal_clienten', 'aantal_clienten_toegewezen',
        ]},
        keys=['wet_code', 'beschikking_status_code'], periods='jaren',
    ) }}

)

select * from final
