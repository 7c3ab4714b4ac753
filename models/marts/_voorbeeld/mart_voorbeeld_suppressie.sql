{#-
    TEST FIXTURE, not a published mart: shows how a mart applies small-cell suppression, and gives
    the unit tests and the generic suppression tests something to run on. Made-up instroom counts
    (seed fixture_suppressie) per periode and productcategorie, with a total row per periode
    (productcategorie_code 'totaal').
-#}
{%- set count_columns = [
    'aantal_instroom',
    'aantal_nieuw',
    'aantal_herindicatie',
    'aantal_geen_herindicatie',
    'aantal_netto_instroom',
] -%}

with

cellen as (
    select
        fixture.periode,
        fixture.productcategorie_code,
        cast(
            fixture.aantal_nieuw + fixture.aantal_herindicatie + fixture.aantal_geen_herindicatie
            as {{ dbt.type_bigint() }}
        ) as aantal_instroom,
        cast(fixture.aantal_nieuw as {{ dbt.type_bigint() }}) as aantal_nieuw,
        cast(fixture.aantal_herindicatie as {{ dbt.type_bigint() }}) as aantal_herindicatie,
        cast(fixture.aantal_geen_herindicatie as {{ dbt.type_bigint() }}) as aantal_geen_herindicatie,
        cast(
            fixture.aantal_nieuw + fixture.aantal_geen_herindicatie as {{ dbt.type_bigint() }}
        ) as aantal_netto_instroom
    from {{ ref('fixture_suppressie') }} as fixture
),

met_totaal as (
    select
        cellen.periode,
        cellen.productcategorie_code,
        cellen.aantal_instroom,
        cellen.aantal_nieuw,
        cellen.aantal_herindicatie,
        cellen.aantal_geen_herindicatie,
        cellen.aantal_netto_instroom
    from cellen
    union all
    select
        cellen.periode,
        'totaal' as productcategorie_code,
        cast(sum(cellen.aantal_instroom) as {{ dbt.type_bigint() }}) as aantal_instroom,
        cast(sum(cellen.aantal_nieuw) as {{ dbt.type_bigint() }}) as aantal_nieuw,
        cast(sum(cellen.aantal_herindicatie) as {{ dbt.type_bigint() }}) as aantal_herindicatie,
        cast(sum(cellen.aantal_geen_herindicatie) as {{ dbt.type_bigint() }}) as aantal_geen_herindicatie,
        cast(sum(cellen.aantal_netto_instroom) as {{ dbt.type_bigint() }}) as aantal_netto_instroom
    from cellen
    group by cellen.periode
),

onderdrukt as (
    {{ suppress_cells(
        'met_totaal',
        dimensions=['periode', 'productcategorie_code'],
        count_columns=count_columns,
        additive_groups=[
            {'category': 'productcategorie_code', 'total': "'totaal'"},
            {
                'total_column': 'aantal_instroom',
                'cell_columns': ['aantal_nieuw', 'aantal_herindicatie', 'aantal_geen_herindicatie'],
            },
            {'total_column': 'aantal_instroom', 'cell_columns': ['aantal_herindicatie', 'aantal_netto_instroom']},
        ],
    ) }}
)

select
    onderdrukt.*,
    {{ suppress_derived(
        'cast(1.0 * onderdrukt.aantal_herindicatie / nullif(onderdrukt.aantal_instroom, 0) as '
            ~ dbt.type_numeric() ~ ')',
        'aandeel_herindicatie',
        counts=['onderdrukt.aantal_herindicatie', 'onderdrukt.aantal_instroom'],
    ) }}
from onderdrukt
