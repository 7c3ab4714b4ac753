-- noqa: disable=LT02
-- (the union is written by a jinja loop, whose indentation sqlfluff misjudges)
-- The suppression of the fixture is exactly the hand-traced expectation (seed
-- fixture_suppressie_verwacht): every cell suppressed or shown as expected, a suppressed cell is
-- NULL and a shown one is not; the derived figures (aandeel_herindicatie with its flag,
-- is_vooral_herindicatie without) are NULL exactly when herindicatie or instroom is suppressed.
-- Fails with every cell that differs.
{%- set kolommen = [
    'aantal_instroom', 'aantal_nieuw', 'aantal_herindicatie', 'aantal_geen_herindicatie', 'aantal_netto_instroom',
] %}

with

uitkomst as (

    {%- for kolom in kolommen %}
    select
        periode,
        productcategorie_code,
        '{{ kolom }}' as kolom,
        {{ kolom }}_is_onderdrukt as is_onderdrukt,
        {{ kolom }} is null as is_leeg
    from {{ ref('fixture_suppressie_voorbeeld') }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

verwacht as (

    select * from {{ ref('fixture_suppressie_verwacht') }}

),

afgeleid as (

    select
        periode,
        productcategorie_code,
        'afgeleid' as kolom,
        aandeel_herindicatie_is_onderdrukt as is_onderdrukt,
        aandeel_herindicatie is null and is_vooral_herindicatie is null as is_leeg,
        aantal_herindicatie_is_onderdrukt or aantal_instroom_is_onderdrukt as verwacht_onderdrukt
    from {{ ref('fixture_suppressie_voorbeeld') }}
    where aantal_instroom is null or aantal_instroom > 0

),

vergelijking as (

    {{ sdc_expected_differences('uitkomst', 'verwacht', ['periode', 'productcategorie_code', 'kolom']) }}

),

final as (

    select * from vergelijking

    union all

    select * from afgeleid
    where is_onderdrukt != verwacht_onderdrukt or is_leeg != verwacht_onderdrukt

)

select * from final
