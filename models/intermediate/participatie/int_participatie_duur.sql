-- Unsuppressed households by duur in bijstand (kpi-definitions.md): per gemeente and month-end
-- peildatum, the households active on the peildatum by the length of their unbroken spell
-- (int_participatie_uitkering_spells) in completed years from the spell start up to the peildatum:
-- '<1' (0), '1-2' (1), '2-5' (2 to 4), '5+' (5 or more), plus 'totaal'. A household has at most one
-- spell on a day, so the classes partition the total.
{%- set duur_klassen = [['<1', 1], ['1-2', 2], ['2-5', 5], ['5+', none]] %}
with

spells as (select * from {{ ref('int_participatie_uitkering_spells') }}),

maanden as ({{ rapportage_perioden('maand') }}),

klassen as (

    {{ klassen_tabel('duur_klasse', duur_klassen) }}

),

-- the spells once per month whose peildatum they hold (macro expand_to_peildata)
{{ expand_to_peildata(
    'spell_maanden', 'spells', 'spell_start', 'spell_eind', 'maanden',
    ['periode_type', 'periode_start', 'peildatum']
) }},

actief as (

    select
        spell_maanden.gemeente_code,
        spell_maanden.huishouden_id,
        spell_maanden.periode_type,
        spell_maanden.periode_start,
        {{ participatie_volle_jaren('spell_maanden.spell_start', 'spell_maanden.peildatum') }} as duur_jaren
    from spell_maanden

),

ingedeeld as (

    select
        gemeente_code,
        huishouden_id,
        periode_type,
        periode_start,
        {{ klasse_van('duur_jaren', duur_klassen) }} as duur_klasse
    from actief

),

{{ klasse_figures(
    'ingedeeld', 'spells', 'klassen', ['duur_klasse', 'duur_klasse_volgorde:integer'],
    ['count(distinct huishouden_id) as aantal_huishoudens'],
    period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='maanden',
) }}

select * from final
