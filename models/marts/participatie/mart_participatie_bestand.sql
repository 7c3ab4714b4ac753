-- Participatiewet stock and flows per gemeente, period and regeling (grain and definitions in
-- _participatie__models.yml). Figures from int_participatie_bestand; suppression is the last step.
{%- set dimensions = [
    'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'regeling_code',
] -%}
{%- set count_columns = [
    'aantal_uitkeringen',
    'aantal_huishoudens',
    'aantal_instroom',
    'aantal_uitstroom',
    'aantal_uitstroom_naar_werk',
    'aantal_uitkeringen_met_werk',
] %}

with

bestand as (

    select * from {{ ref('int_participatie_bestand') }}

),

onderdrukt as (

    {{ suppress_cells(
        'bestand',
        dimensions=dimensions,
        count_columns=count_columns,
        additive_groups=[
            {
                'category': 'regeling_code',
                'total': "'totaal'",
                'columns': [
                    'aantal_uitkeringen',
                    'aantal_instroom',
                    'aantal_uitstroom',
                    'aantal_uitstroom_naar_werk',
                    'aantal_uitkeringen_met_werk',
                ],
            },
        ],
    ) }}

),

final as (

    select
        onderdrukt.gemeente_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        onderdrukt.periode_type,
        onderdrukt.periode_start,
        onderdrukt.periode_eind,
        onderdrukt.periode_label,
        onderdrukt.regeling_code,
        onderdrukt.aantal_uitkeringen,
        onderdrukt.aantal_uitkeringen_is_onderdrukt,
        onderdrukt.aantal_huishoudens,
        onderdrukt.aantal_huishoudens_is_onderdrukt,
        onderdrukt.aantal_instroom,
        onderdrukt.aantal_instroom_is_onderdrukt,
        onderdrukt.aantal_uitstroom,
        onderdrukt.aantal_uitstroom_is_onderdrukt,
        onderdrukt.aantal_uitstroom_naar_werk,
        onderdrukt.aantal_uitstroom_naar_werk_is_onderdrukt,
        onderdrukt.aantal_uitkeringen_met_werk,
        onderdrukt.aantal_uitkeringen_met_werk_is_onderdrukt,
        {{ suppress_derived(
            'bestand.bedrag_uitkeringen',
            'bedrag_uitkeringen',
            counts=['onderdrukt.aantal_uitkeringen', 'bestand.aantal_uitkeringen_betaald'],
        ) }},
        {{ suppress_derived(
            'bestand.werk_fte',
            'werk_fte',
            counts=['onderdrukt.aantal_uitkeringen_met_werk', 'bestand.kleinste_maand_aantal_uitkeringen_met_werk'],
        ) }}
    from onderdrukt
    inner join bestand
        on
            onderdrukt.gemeente_code = bestand.gemeente_code
            and onderdrukt.periode_type = bestand.periode_type
            and onderdrukt.periode_start = bestand.periode_start
            and onderdrukt.regeling_code = bestand.regeling_code

)

select * from final
