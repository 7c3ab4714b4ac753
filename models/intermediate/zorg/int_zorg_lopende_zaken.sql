-- Lopende zaken (kpi-definitions.md, "Tijdigheid"): per gemeente, month-end peildatum and wet, the
-- aanvragen in behandeling on the peildatum: aanvraagdatum on or before it, besluitdatum after it.
-- Aanvragen are the besluiten of tijdigheid (int_zorg_besluiten): every current, non-withdrawn
-- beschikking (WMO, JW) and every uitkering dossier (PW). Of those, the ones open longer than the
-- beslistermijn of 56 days (var beslistermijn_dagen) on the peildatum (aanvraagdatum + 57 days on
-- or before it), the aanvragen that can no longer be decided in time. The extracts hold decided
-- aanvragen only: one still undecided on the knowledge date is not in them, so a peildatum less
-- than 56 days before the knowledge date is provisional (is_voorlopig). Every (peildatum, wet)
-- present (0 shown). Unsuppressed: mart_lopende_zaken publishes it.
with

besluiten as (select * from {{ ref('int_zorg_besluiten') }}),

kennisdatum as (select * from {{ ref('dim_kennisdatum') }}),

peildata as ({{ rapportage_perioden('maand') }}),

aanvragen as (

    select
        gemeente_code,
        wet_code,
        aanvraagdatum,
        besluitdatum
    from besluiten
    where aanvraagdatum is not null and besluitdatum is not null

),

-- an aanvraag is in behandeling from its aanvraagdatum up to (not including) its besluitdatum, and
-- over the beslistermijn from its 57th day on
stukken as (

    select
        gemeente_code,
        wet_code,
        'lopend' as soort,
        aanvraagdatum as datum,
        besluitdatum as volgende_datum
    from aanvragen
    where besluitdatum > aanvraagdatum

    union all

    select
        gemeente_code,
        wet_code,
        'over_termijn' as soort,
        cast({{ dbt.dateadd('day', var('beslistermijn_dagen') | int + 1, 'aanvraagdatum') }} as date) as datum,
        besluitdatum as volgende_datum
    from aanvragen
    where besluitdatum > cast({{ dbt.dateadd('day', var('beslistermijn_dagen') | int + 1, 'aanvraagdatum') }} as date)

),

-- open aanvragen on each peildatum (macro count_on_peildata)
{{ count_on_peildata('open', 'stukken', ['gemeente_code', 'wet_code', 'soort'], 'peildata', 'aantal') }},

per_wet as (

    select
        gemeente_code,
        wet_code,
        periode_type,
        periode_start,
        sum(case when soort = 'lopend' then aantal else 0 end) as aantal_lopende_aanvragen,
        sum(case when soort = 'over_termijn' then aantal else 0 end) as aantal_lopende_aanvragen_over_termijn
    from open
    group by gemeente_code, wet_code, periode_type, periode_start

),

wet_codes as (

    {{ values_table(['wet_code'], [['WMO'], ['JW'], ['PW']]) }}

),

wetten as (

    {{ gemeente_leden('aanvragen', {'wet_codes': ['wet_code']}) }}

),

final as (

    {{ figures_grid(
        'wetten', ['wet_code'],
        {'per_wet': ['aantal_lopende_aanvragen', 'aantal_lopende_aanvragen_over_termijn']},
        period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='peildata',
        extra_columns=[
            'cast(' ~ dbt.dateadd('day', var('beslistermijn_dagen'), 'perioden.peildatum') ~ ' > kennisdatum.kennisdatum as '
            ~ dbt.type_boolean() ~ ') as is_voorlopig',
        ],
        extra_joins='cross join kennisdatum',
    ) }}

)

select * from final
