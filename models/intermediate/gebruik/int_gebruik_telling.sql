-- The unsuppressed figures of mart_gebruik: per gemeente, reporting period, wet and
-- productcategorie (plus the wet's total, productcategorie_code 'totaal'). Unique counts are
-- distinct over the whole period (a quarter is not the sum of its months; the 'totaal' row is
-- distinct over all categories), event counts (instroom, uitstroom) are counts of voorzieningen.
-- Every gemeente/wet/productcategorie seen in the reporting window gets every period, with 0
-- where nothing happened.
with

voorziening_perioden as {{ inline_cte() }} (select * from {{ ref('int_gebruik_voorziening_periode') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

categorieen as (

    select distinct
        gemeente_code,
        wet_code,
        productcategorie_code
    from voorziening_perioden

    union all

    select distinct
        gemeente_code,
        wet_code,
        'totaal' as productcategorie_code
    from voorziening_perioden

),

-- Distinct clients per productcategorie and per wet (the wet's total counts a client once over
-- all its categories) as distinct counts over few groups, on the client's number (macro
-- client_sleutel, unique over all clients by test core_client_sleutel_uniek); the event and voorziening counts add up
-- over the categories. (Grouping per client first made a group per client, period and category:
-- as many groups as rows, the slowest step of the build at 1M inhabitants.)
{%- set sommen = [
    ('aantal_actieve_voorzieningen', 'is_actief'),
    ('aantal_instroom', 'is_instroom'),
    ('aantal_instroom_nieuw', "is_instroom and instroom_type = 'nieuw'"),
    ('aantal_instroom_herindicatie', "is_instroom and instroom_type = 'herindicatie'"),
    ('aantal_instroom_geen_herindicatie', "is_instroom and instroom_type = 'geen_herindicatie'"),
    ('aantal_uitstroom', 'is_uitstroom'),
    ('aantal_uitstroom_herindicatie', 'is_uitstroom and is_einde_voortgezet'),
] %}
{%- set unieke_clienten = [
    'count(distinct case when is_actief then ' ~ client_sleutel('client_id') ~ ' end) as aantal_unieke_clienten',
    "count(distinct case when is_instroom and instroom_type = 'nieuw' then "
        ~ client_sleutel('client_id') ~ ' end) as aantal_nieuwe_clienten',
] %}

tellingen as (

    {%- set maten = [] %}
    {%- for kolom, conditie in sommen %}
        {%- do maten.append('sum(case when ' ~ conditie ~ ' then 1 else 0 end) as ' ~ kolom) %}
    {%- endfor %}
    {{ group_with_total(
        'voorziening_perioden', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'],
        'productcategorie_code', unieke_clienten + maten,
    ) }}

),

gevuld as (

    {{ figures_grid(
        'categorieen', ['wet_code', 'productcategorie_code'],
        {'tellingen': [
            'aantal_unieke_clienten', 'aantal_actieve_voorzieningen', 'aantal_instroom', 'aantal_instroom_nieuw',
            'aantal_instroom_herindicatie', 'aantal_instroom_geen_herindicatie', 'aantal_nieuwe_clienten',
            'aantal_uitstroom', 'aantal_uitstroom_herindicatie',
        ]},
    ) }}

),

-- netto: the flows without herindicaties (kpi-definitions.md)
final as (

    select
        gevuld.*,
        cast(gevuld.aantal_instroom - gevuld.aantal_instroom_herindicatie as {{ dbt.type_bigint() }})
            as aantal_netto_instroom,
        cast(gevuld.aantal_uitstroom - gevuld.aantal_uitstroom_herindicatie as {{ dbt.type_bigint() }})
            as aantal_netto_uitstroom
    from gevuld

)

select * from final
