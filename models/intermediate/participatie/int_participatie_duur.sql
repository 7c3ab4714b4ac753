{{ config(materialized='table') }}
-- Unsuppressed households by duur in bijstand (kpi-definitions.md): per gemeente and month-end
-- peildatum, the households active on the peildatum by the length of their unbroken spell
-- (int_participatie_uitkering_spells) in completed years from the spell start up to the peildatum:
-- '<1' (0), '1-2' (1), '2-5' (2 to 4), '5+' (5 or more), plus 'totaal'. A household has at most one
-- spell on a day, so the classes partition the total.
with

spells as (

    select * from {{ ref('int_participatie_uitkering_spells') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

maanden as (

    select * from perioden
    where periode_type = 'maand'

),

klassen as (

    select
        '<1' as duur_klasse,
        1 as duur_klasse_volgorde
    union all
    select
        '1-2' as duur_klasse,
        2 as duur_klasse_volgorde
    union all
    select
        '2-5' as duur_klasse,
        3 as duur_klasse_volgorde
    union all
    select
        '5+' as duur_klasse,
        4 as duur_klasse_volgorde
    union all
    select
        'totaal' as duur_klasse,
        5 as duur_klasse_volgorde

),

-- the spells once per month whose peildatum they may hold (macro expand_to_periods), then the
-- exact rule: active on the peildatum
{{ expand_to_periods(
    'spell_maanden', 'spells', 'spell_start', 'spell_eind', 'maanden',
    ['periode_start', 'peildatum']
) }},

actief as (

    select
        spell_maanden.gemeente_code,
        spell_maanden.huishouden_id,
        spell_maanden.periode_start,
        {{ participatie_volle_jaren('spell_maanden.spell_start', 'spell_maanden.peildatum') }} as duur_jaren
    from spell_maanden
    where {{ is_active_in_period(
        'spell_maanden.spell_start', 'spell_maanden.spell_eind', 'spell_maanden.peildatum', 'spell_maanden.peildatum'
    ) }}

),

ingedeeld as (

    select
        gemeente_code,
        huishouden_id,
        periode_start,
        case
            when duur_jaren < 1 then '<1'
            when duur_jaren < 2 then '1-2'
            when duur_jaren < 5 then '2-5'
            else '5+'
        end as duur_klasse
    from actief

),

tellingen as (

    select
        gemeente_code,
        periode_start,
        duur_klasse,
        count(distinct huishouden_id) as aantal_huishoudens
    from ingedeeld
    group by gemeente_code, periode_start, duur_klasse
    union all
    select
        gemeente_code,
        periode_start,
        'totaal' as duur_klasse,
        count(distinct huishouden_id) as aantal_huishoudens
    from ingedeeld
    group by gemeente_code, periode_start

),

gemeenten as (

    select distinct gemeente_code from spells

),

rooster as (

    select
        gemeenten.gemeente_code,
        maanden.periode_type,
        maanden.periode_start,
        maanden.periode_eind,
        maanden.periode_label,
        maanden.peildatum,
        klassen.duur_klasse,
        klassen.duur_klasse_volgorde
    from gemeenten
    cross join maanden
    cross join klassen

),

final as (

    select
        cast(rooster.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(rooster.periode_type as {{ dbt.type_string() }}) as periode_type,
        cast(rooster.periode_start as date) as periode_start,
        cast(rooster.periode_eind as date) as periode_eind,
        cast(rooster.periode_label as {{ dbt.type_string() }}) as periode_label,
        cast(rooster.peildatum as date) as peildatum,
        cast(rooster.duur_klasse as {{ dbt.type_string() }}) as duur_klasse,
        cast(rooster.duur_klasse_volgorde as integer) as duur_klasse_volgorde,
        cast(coalesce(tellingen.aantal_huishoudens, 0) as {{ dbt.type_bigint() }}) as aantal_huishoudens
    from rooster
    left join tellingen
        on
            rooster.gemeente_code = tellingen.gemeente_code
            and rooster.periode_start = tellingen.periode_start
            and rooster.duur_klasse = tellingen.duur_klasse

)

select * from final
