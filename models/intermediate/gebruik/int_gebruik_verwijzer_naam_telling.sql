-- The unsuppressed figures of mart_gebruik_instroom_verwijzer_naam: instroom per gemeente,
-- calendar year (periode_type 'jaar'), wet, verwijzer_type_code of the voorziening and verwijzer
-- (verwijzer_id of the voorziening; 'onbekend' when none was registered). Every verwijzer that
-- referred an instroom of the gemeente and wet in the reporting window gets every year, with 0
-- where it referred nobody. The per type total is the instroom of int_gebruik_verwijzer_telling.
with

voorziening_perioden as (

    select * from {{ ref('int_gebruik_voorziening_periode') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

verwijzers as (

    select * from {{ ref('dim_verwijzer') }}

),

instroom as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        coalesce(verwijzer_type_code, 'onbekend') as verwijzer_type_code,
        verwijzer_id
    from voorziening_perioden
    where is_instroom and periode_type = 'jaar'

),

leden as (

    select distinct
        gemeente_code,
        wet_code,
        verwijzer_type_code,
        verwijzer_id
    from instroom

),

rooster as (

    select
        leden.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        leden.wet_code,
        leden.verwijzer_type_code,
        leden.verwijzer_id
    from leden
    cross join perioden
    where perioden.periode_type = 'jaar'

),

tellingen as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        verwijzer_type_code,
        verwijzer_id,
        count(*) as aantal_instroom
    from instroom
    group by gemeente_code, periode_start, wet_code, verwijzer_type_code, verwijzer_id

),

final as (

    select
        rooster.gemeente_code,
        rooster.periode_type,
        rooster.periode_start,
        rooster.periode_eind,
        rooster.periode_label,
        rooster.wet_code,
        rooster.verwijzer_type_code,
        rooster.verwijzer_id,
        verwijzers.verwijzer_naam,
        cast(coalesce(tellingen.aantal_instroom, 0) as {{ dbt.type_bigint() }}) as aantal_instroom
    from rooster
    left join verwijzers
        on rooster.verwijzer_id = verwijzers.verwijzer_id
    left join tellingen
        on
            rooster.gemeente_code = tellingen.gemeente_code
            and rooster.periode_start = tellingen.periode_start
            and rooster.wet_code = tellingen.wet_code
            and rooster.verwijzer_type_code = tellingen.verwijzer_type_code
            and rooster.verwijzer_id = tellingen.verwijzer_id

)

select * from final
