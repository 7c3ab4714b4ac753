-- The unsuppressed figures of mart_gebruik_instroom_verwijzer: instroom per gemeente, reporting
-- period, wet and verwijzer_type_code of the voorziening (every COD327 code of the code list,
-- 'onbekend' when a voorziening has no type, and the wet's total 'totaal'), with the nieuw part of
-- it (int_voorziening_stromen.instroom_type).
with

voorziening_perioden as (select * from {{ ref('int_gebruik_voorziening_periode') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

verwijzer_types as {{ inline_cte() }} (select * from {{ ref('code_verwijzer_type') }}),

instroom as {{ inline_cte() }} (select * from {{ ref('int_gebruik_instroom') }}),

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

tellingen as (

    {{ group_with_total(
        'instroom', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'], 'verwijzer_type_code',
        ['count(*) as aantal_instroom', "sum(case when instroom_type = 'nieuw' then 1 else 0 end) as aantal_instroom_nieuw"],
        additive=true,
    ) }}

),

final as (

    {{ figures_grid(
        'types', ['wet_code', 'verwijzer_type_code'],
        {'tellingen': ['aantal_instroom', 'aantal_instroom_nieuw']},
        extra_columns=[
            'cast(' ~ code_omschrijving('verwijzer_types.verwijzer_type_omschrijving', 'leden.verwijzer_type_code')
            ~ ' as ' ~ dbt.type_string() ~ ') as verwijzer_type_omschrijving',
        ],
        extra_joins='left join verwijzer_types on leden.verwijzer_type_code = cast(verwijzer_types.verwijzer_type_code as '
            ~ dbt.type_string() ~ ')',
    ) }}

)

select * from final
