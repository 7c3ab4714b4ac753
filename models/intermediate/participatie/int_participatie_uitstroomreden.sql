-- Unsuppressed uitstroom by uitstroomreden (kpi-definitions.md, uitstroomreden): per gemeente,
-- reporting period (kwartaal and jaar) and reden: every code of seed code_uitstroomreden, 'onbekend'
-- for an uitstroom without reden, and 'totaal' (all uitstroom). Event counts: dossiers whose
-- einddatum lies in the period.
with

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

perioden as {{ inline_cte() }} (select * from {{ ref('int_rapportage_periode') }}),

redenen as (select * from {{ ref('code_uitstroomreden') }}),

kwartalen_en_jaren as (

    select * from perioden
    where periode_type in ('kwartaal', 'jaar')

),

-- every ended uitkering once per quarter and year that holds its einddatum (found by period
-- number, macro expand_to_periods)
{{ expand_to_periods(
    'uitstroom_perioden', 'uitkeringen', 'einddatum', 'einddatum', 'kwartalen_en_jaren',
    ['periode_type', 'periode_start']
) }},

uitstroom as (

    select
        uitstroom_perioden.gemeente_code,
        coalesce(nullif(uitstroom_perioden.uitstroomreden_code, ''), 'onbekend') as uitstroomreden_code,
        uitstroom_perioden.periode_type,
        uitstroom_perioden.periode_start
    from uitstroom_perioden

),

reden_codes as (

    select
        uitstroomreden_code,
        is_werk
    from redenen
    union all
    select
        'onbekend' as uitstroomreden_code,
        false as is_werk
    union all
    select
        'totaal' as uitstroomreden_code,
        null as is_werk

),

{{ klasse_figures(
    'uitstroom', 'uitkeringen', 'reden_codes', ['uitstroomreden_code', 'is_werk:boolean'],
    ['count(*) as aantal_uitstroom'], additive=true, period_columns=['periode_eind:date', 'periode_label', 'jaar:integer'],
    period_filter="perioden.periode_type in ('kwartaal', 'jaar')",
) }}

select * from final
