-- Unsuppressed clients by leeftijd (kpi-definitions.md): per gemeente and month-end peildatum, the
-- applicants (client_id of fct_uitkering) of the uitkeringen active on the peildatum, by their age in
-- completed years on the peildatum (a birthday on the peildatum counts): '<27', '27-44', '45-54',
-- '55-AOW' (55 to 66), '67+', 'onbekend' (no date of birth known), plus 'totaal'. A client counts
-- once per peildatum. The date of birth is the client's current one in dim_client (a correction
-- applies to the whole history); it is only used here to derive the class.
{%- set leeftijd_klassen = [['<27', 27], ['27-44', 45], ['45-54', 55], ['55-AOW', 67], ['67+', none]] %}
with

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

clienten as (

    select * from {{ ref('dim_client') }}
    where is_current

),

maanden as ({{ rapportage_perioden('maand') }}),

klassen as (

    {{ klassen_tabel('leeftijd_klasse', leeftijd_klassen, onbekend='onbekend') }}

),

-- the uitkeringen once per month whose peildatum they hold (macro expand_to_peildata)
{{ expand_to_peildata(
    'uitkering_maanden', 'uitkeringen', 'ingangsdatum', 'einddatum', 'maanden',
    ['periode_type', 'periode_start', 'peildatum']
) }},

actief as (

    select distinct
        uitkering_maanden.gemeente_code,
        uitkering_maanden.client_id,
        uitkering_maanden.periode_type,
        uitkering_maanden.periode_start,
        uitkering_maanden.peildatum
    from uitkering_maanden

),

met_leeftijd as (

    select
        actief.gemeente_code,
        actief.client_id,
        actief.periode_type,
        actief.periode_start,
        {{ participatie_volle_jaren('clienten.geboortedatum', 'actief.peildatum') }} as leeftijd
    from actief
    left join clienten using (client_id)

),

ingedeeld as (

    select
        gemeente_code,
        client_id,
        periode_type,
        periode_start,
        {{ klasse_van('leeftijd', leeftijd_klassen, onbekend='onbekend') }} as leeftijd_klasse
    from met_leeftijd

),

{{ klasse_figures(
    'ingedeeld', 'uitkeringen', 'klassen', ['leeftijd_klasse', 'leeftijd_klasse_volgorde:integer'],
    ['count(distinct client_id) as aantal_clienten'],
    period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='maanden',
) }}

select * from final
