-- The unsuppressed figures of mart_gebruik: per gemeente, reporting period, wet and
-- productcategorie (plus the wet's total, productcategorie_code 'totaal'). Unique counts are
-- distinct over the whole period (a quarter is not the sum of its months; the 'totaal' row is
-- distinct over all categories), event counts (instroom, uitstroom) are counts of voorzieningen.
-- Every gemeente/wet/productcategorie seen in the reporting window gets every period, with 0
-- where nothing happened.
with

voorziening_perioden as (

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

-- Per client first (one row per client, period, wet and productcategorie), then per
-- productcategorie and per wet: distinct clients become sums of per-client flags, and the wet's
-- total counts a client once over all its categories (a client with the flag in any category).
-- The event and voorziening counts add up over the categories.
per_client as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        productcategorie_code,
        client_id,
        max(case when is_actief and client_id is not null then 1 else 0 end) as is_actieve_client,
        max(
            case when is_instroom and instroom_type = 'nieuw' and client_id is not null then 1 else 0 end
        ) as is_nieuwe_client,
        sum(case when is_actief then 1 else 0 end) as aantal_actieve_voorzieningen,
        sum(case when is_instroom then 1 else 0 end) as aantal_instroom,
        sum(case when is_instroom and instroom_type = 'nieuw' then 1 else 0 end) as aantal_instroom_nieuw,
        sum(case when is_instroom and instroom_type = 'herindicatie' then 1 else 0 end)
            as aantal_instroom_herindicatie,
        sum(case when is_instroom and instroom_type = 'geen_herindicatie' then 1 else 0 end)
            as aantal_instroom_geen_herindicatie,
        sum(case when is_uitstroom then 1 else 0 end) as aantal_uitstroom,
        sum(case when is_uitstroom and is_einde_voortgezet then 1 else 0 end) as aantal_uitstroom_herindicatie
    from voorziening_perioden
    group by gemeente_code, periode_type, periode_start, wet_code, productcategorie_code, client_id

),

per_client_wet as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        client_id,
        max(is_actieve_client) as is_actieve_client,
        max(is_nieuwe_client) as is_nieuwe_client
    from per_client
    group by gemeente_code, periode_type, periode_start, wet_code, client_id

),

{%- set sommen = [
    'aantal_actieve_voorzieningen', 'aantal_instroom', 'aantal_instroom_nieuw', 'aantal_instroom_herindicatie',
    'aantal_instroom_geen_herindicatie', 'aantal_uitstroom', 'aantal_uitstroom_herindicatie',
] %}

per_categorie as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        productcategorie_code,
        sum(is_actieve_client) as aantal_unieke_clienten,
        sum(is_nieuwe_client) as aantal_nieuwe_clienten,
    {%- for kolom in sommen %}
        sum({{ kolom }}) as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from per_client
    group by gemeente_code, periode_type, periode_start, wet_code, productcategorie_code

),

clienten_per_wet as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        sum(is_actieve_client) as aantal_unieke_clienten,
        sum(is_nieuwe_client) as aantal_nieuwe_clienten
    from per_client_wet
    group by gemeente_code, periode_type, periode_start, wet_code

),

per_wet as (

    select
        per_categorie.gemeente_code,
        per_categorie.periode_type,
        per_categorie.periode_start,
        per_categorie.wet_code,
        'totaal' as productcategorie_code,
        max(clienten_per_wet.aantal_unieke_clienten) as aantal_unieke_clienten,
        max(clienten_per_wet.aantal_nieuwe_clienten) as aantal_nieuwe_clienten,
    {%- for kolom in sommen %}
        sum(per_categorie.{{ kolom }}) as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from per_categorie
    inner join clienten_per_wet
        on
            per_categorie.gemeente_code = clienten_per_wet.gemeente_code
            and per_categorie.periode_type = clienten_per_wet.periode_type
            and per_categorie.periode_start = clienten_per_wet.periode_start
            and per_categorie.wet_code = clienten_per_wet.wet_code
    group by
        per_categorie.gemeente_code,
        per_categorie.periode_type,
        per_categorie.periode_start,
        per_categorie.wet_code

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
