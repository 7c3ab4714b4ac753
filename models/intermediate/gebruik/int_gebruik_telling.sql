-- The unsuppressed figures of mart_gebruik: per gemeente, reporting period, wet and
-- productcategorie (plus the wet's total, productcategorie_code 'totaal'). Unique counts are
-- distinct over the whole period (a quarter is not the sum of its months; the 'totaal' row is
-- distinct over all categories), event counts (instroom, uitstroom) are counts of voorzieningen.
-- Every gemeente/wet/productcategorie seen in the reporting window gets every period, with 0
-- where nothing happened.
with

voorziening_perioden as {{ inline_cte() }} (

    select * from {{ ref('int_gebruik_voorziening_periode') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

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

rooster as (

    select
        categorieen.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        categorieen.wet_code,
        categorieen.productcategorie_code
    from categorieen
    cross join perioden

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
{%- set unieke_clienten %}
        count(distinct case when is_actief then {{ client_sleutel('client_id') }} end)
            as aantal_unieke_clienten,
        count(
            distinct case when is_instroom and instroom_type = 'nieuw' then {{ client_sleutel('client_id') }} end
        ) as aantal_nieuwe_clienten,
{%- endset %}

per_categorie as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        productcategorie_code,
        {{ unieke_clienten | trim }}
    {%- for kolom, conditie in sommen %}
        sum(case when {{ conditie }} then 1 else 0 end) as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from voorziening_perioden
    group by gemeente_code, periode_type, periode_start, wet_code, productcategorie_code

),

per_wet as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        'totaal' as productcategorie_code,
        {{ unieke_clienten | trim }}
    {%- for kolom, conditie in sommen %}
        sum(case when {{ conditie }} then 1 else 0 end) as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from voorziening_perioden
    group by gemeente_code, periode_type, periode_start, wet_code

),

tellingen as (

    select * from per_categorie
    union all
    select * from per_wet

),

final as (

    select
        rooster.gemeente_code,
        rooster.periode_type,
        rooster.periode_start,
        rooster.periode_eind,
        rooster.periode_label,
        rooster.wet_code,
        rooster.productcategorie_code,
        cast(coalesce(tellingen.aantal_unieke_clienten, 0) as {{ dbt.type_bigint() }}) as aantal_unieke_clienten,
        cast(coalesce(tellingen.aantal_actieve_voorzieningen, 0) as {{ dbt.type_bigint() }})
            as aantal_actieve_voorzieningen,
        cast(coalesce(tellingen.aantal_instroom, 0) as {{ dbt.type_bigint() }}) as aantal_instroom,
        cast(coalesce(tellingen.aantal_instroom_nieuw, 0) as {{ dbt.type_bigint() }}) as aantal_instroom_nieuw,
        cast(coalesce(tellingen.aantal_instroom_herindicatie, 0) as {{ dbt.type_bigint() }})
            as aantal_instroom_herindicatie,
        cast(coalesce(tellingen.aantal_instroom_geen_herindicatie, 0) as {{ dbt.type_bigint() }})
            as aantal_instroom_geen_herindicatie,
        cast(coalesce(tellingen.aantal_nieuwe_clienten, 0) as {{ dbt.type_bigint() }}) as aantal_nieuwe_clienten,
        cast(coalesce(tellingen.aantal_uitstroom, 0) as {{ dbt.type_bigint() }}) as aantal_uitstroom,
        cast(coalesce(tellingen.aantal_uitstroom_herindicatie, 0) as {{ dbt.type_bigint() }})
            as aantal_uitstroom_herindicatie,
        cast(
            coalesce(tellingen.aantal_instroom, 0) - coalesce(tellingen.aantal_instroom_herindicatie, 0)
            as {{ dbt.type_bigint() }}
        ) as aantal_netto_instroom,
        cast(
            coalesce(tellingen.aantal_uitstroom, 0) - coalesce(tellingen.aantal_uitstroom_herindicatie, 0)
            as {{ dbt.type_bigint() }}
        ) as aantal_netto_uitstroom
    from rooster
    left join tellingen
        on
            rooster.gemeente_code = tellingen.gemeente_code
            and rooster.periode_type = tellingen.periode_type
            and rooster.periode_start = tellingen.periode_start
            and rooster.wet_code = tellingen.wet_code
            and rooster.productcategorie_code = tellingen.productcategorie_code

)

select * from final
