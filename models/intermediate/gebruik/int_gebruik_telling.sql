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

-- every row once for its own productcategorie and once for the wet's total, so one aggregation
-- gives both (distinct counts of the total are distinct over all categories)
rijen as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        productcategorie_code,
        client_id,
        instroom_type,
        is_einde_voortgezet,
        is_actief,
        is_instroom,
        is_uitstroom
    from voorziening_perioden

    union all

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        'totaal' as productcategorie_code,
        client_id,
        instroom_type,
        is_einde_voortgezet,
        is_actief,
        is_instroom,
        is_uitstroom
    from voorziening_perioden

),

tellingen as (
    select
        rijen.gemeente_code,
        rijen.periode_type,
        rijen.periode_start,
        rijen.wet_code,
        rijen.productcategorie_code,
        count(distinct case when rijen.is_actief then rijen.client_id end)
            as aantal_unieke_clienten,
        sum(case when rijen.is_actief then 1 else 0 end) as aantal_actieve_voorzieningen,
        sum(case when rijen.is_instroom then 1 else 0 end) as aantal_instroom,
        sum(
            case when rijen.is_instroom and rijen.instroom_type = 'nieuw' then 1 else 0 end
        ) as aantal_instroom_nieuw,
        sum(
            case
                when rijen.is_instroom and rijen.instroom_type = 'herindicatie' then 1
                else 0
            end
        ) as aantal_instroom_herindicatie,
        sum(
            case
                when rijen.is_instroom and rijen.instroom_type = 'geen_herindicatie' then 1
                else 0
            end
        ) as aantal_instroom_geen_herindicatie,
        count(
            distinct case
                when rijen.is_instroom and rijen.instroom_type = 'nieuw'
                    then rijen.client_id
            end
        ) as aantal_nieuwe_clienten,
        sum(case when rijen.is_uitstroom then 1 else 0 end) as aantal_uitstroom,
        sum(
            case when rijen.is_uitstroom and rijen.is_einde_voortgezet then 1 else 0 end
        ) as aantal_uitstroom_herindicatie
    from rijen
    group by
        rijen.gemeente_code,
        rijen.periode_type,
        rijen.periode_start,
        rijen.wet_code,
        rijen.productcategorie_code

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
