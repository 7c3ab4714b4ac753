-- The unsuppressed figures of mart_gebruik_instroom_verwijzer: instroom per gemeente, reporting
-- period, wet and verwijzer_type_code of the voorziening (every COD327 code of the code list,
-- 'onbekend' when a voorziening has no type, and the wet's total 'totaal'), with the nieuw part of
-- it (int_voorziening_stromen.instroom_type).
with

voorziening_perioden as {{ inline_cte() }} (

    select * from {{ ref('int_gebruik_voorziening_periode') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

verwijzer_types as {{ inline_cte() }} (

    select * from {{ ref('code_verwijzer_type') }}

),

instroom as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        coalesce(verwijzer_type_code, 'onbekend') as verwijzer_type_code,
        instroom_type
    from voorziening_perioden
    where is_instroom

),

wetten as (

    select distinct
        gemeente_code,
        wet_code
    from voorziening_perioden

),

types as (

    select
        wetten.gemeente_code,
        wetten.wet_code,
        cast(verwijzer_types.verwijzer_type_code as {{ dbt.type_string() }}) as verwijzer_type_code
    from wetten
    cross join verwijzer_types

    union

    select
        gemeente_code,
        wet_code,
        verwijzer_type_code
    from instroom

    union

    select
        gemeente_code,
        wet_code,
        'totaal' as verwijzer_type_code
    from wetten

),

rooster as (

    select
        types.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        types.wet_code,
        types.verwijzer_type_code
    from types
    cross join perioden

),

tellingen as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        verwijzer_type_code,
        count(*) as aantal_instroom,
        sum(case when instroom_type = 'nieuw' then 1 else 0 end) as aantal_instroom_nieuw
    from instroom
    group by gemeente_code, periode_type, periode_start, wet_code, verwijzer_type_code

    union all

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        'totaal' as verwijzer_type_code,
        count(*) as aantal_instroom,
        sum(case when instroom_type = 'nieuw' then 1 else 0 end) as aantal_instroom_nieuw
    from instroom
    group by gemeente_code, periode_type, periode_start, wet_code

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
        cast(
            case
                when rooster.verwijzer_type_code = 'totaal' then 'Totaal'
                when rooster.verwijzer_type_code = 'onbekend' then 'Onbekend'
                else verwijzer_types.verwijzer_type_omschrijving
            end as {{ dbt.type_string() }}
        ) as verwijzer_type_omschrijving,
        cast(coalesce(tellingen.aantal_instroom, 0) as {{ dbt.type_bigint() }}) as aantal_instroom,
        cast(coalesce(tellingen.aantal_instroom_nieuw, 0) as {{ dbt.type_bigint() }}) as aantal_instroom_nieuw
    from rooster
    left join verwijzer_types
        on rooster.verwijzer_type_code = cast(verwijzer_types.verwijzer_type_code as {{ dbt.type_string() }})
    left join tellingen
        on
            rooster.gemeente_code = tellingen.gemeente_code
            and rooster.periode_type = tellingen.periode_type
            and rooster.periode_start = tellingen.periode_start
            and rooster.wet_code = tellingen.wet_code
            and rooster.verwijzer_type_code = tellingen.verwijzer_type_code

)

select * from final
