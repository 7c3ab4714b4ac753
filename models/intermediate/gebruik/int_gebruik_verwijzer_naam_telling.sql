-- The unsuppressed figures of mart_gebruik_instroom_verwijzer_naam: instroom per gemeente,
-- calendar year (periode_type 'jaar'), wet, verwijzer_type_code of the voorziening and verwijzer
-- (verwijzer_id of the voorziening; 'onbekend' when none was registered). Every verwijzer that
-- referred an instroom of the gemeente and wet in the reporting window gets every year, with 0
-- where it referred nobody. The per type total is the instroom of int_gebruik_verwijzer_telling.
with

perioden as (select * from {{ ref('int_rapportage_periode') }}),

verwijzers as (select * from {{ ref('dim_verwijzer') }}),

instroom as (

    select * from {{ ref('int_gebruik_instroom') }}
    where periode_type = 'jaar'

),

leden as (

    select distinct
        gemeente_code,
        wet_code,
        verwijzer_type_code,
        verwijzer_id
    from instroom

),

tellingen as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        verwijzer_type_code,
        verwijzer_id,
        count(*) as aantal_instroom
    from instroom
    group by gemeente_code, periode_type, periode_start, wet_code, verwijzer_type_code, verwijzer_id

),

final as (

    {{ figures_grid(
        'leden', ['wet_code', 'verwijzer_type_code', 'verwijzer_id'], {'tellingen': ['aantal_instroom']},
        period_filter="perioden.periode_type = 'jaar'",
        extra_columns=['verwijzers.verwijzer_naam'],
        extra_joins='left join verwijzers on leden.verwijzer_id = verwijzers.verwijzer_id',
    ) }}

)

select * from final
