-- Participatiewet year figures per gemeente (grain and definitions in _participatie__models.yml):
-- afname bestand and uitstroom naar werk against their targets, and the gemiddelde uitkering per
-- huishouden. Figures from int_participatie_jaar; suppression last. A target flag is empty when the
-- figure it judges is suppressed.
{%- set count_columns = [
    'aantal_huishoudens_begin_jaar', 'aantal_huishoudens_peildatum', 'aantal_uitstroom_naar_werk',
] %}

with

jaar as (

    select * from {{ ref('int_participatie_jaar') }}

),

onderdrukt as (

    {{ suppress_cells(
        'jaar',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label'],
        count_columns=count_columns,
    ) }}

),

afgeleid as (

    select
        onderdrukt.*,
        jaar.jaar,
        jaar.begin_datum,
        jaar.peildatum,
        jaar.is_volledig,
        jaar.doel_uitstroom_naar_werk,
        jaar.is_doel_uitstroom_naar_werk_gehaald,
        jaar.doel_afname_bestand,
        jaar.is_doel_afname_bestand_gehaald,
        {{ suppress_derived(
            'jaar.aantal_afname_bestand',
            'aantal_afname_bestand',
            counts=['onderdrukt.aantal_huishoudens_begin_jaar', 'onderdrukt.aantal_huishoudens_peildatum'],
        ) }},
        {{ suppress_derived(
            'jaar.bedrag_uitkeringen_jaar',
            'bedrag_uitkeringen_jaar',
            counts=['jaar.aantal_huishoudens_jaar'],
        ) }},
        {{ suppress_derived(
            'jaar.gemiddeld_aantal_huishoudens',
            'gemiddeld_aantal_huishoudens',
            counts=['jaar.aantal_huishoudens_jaar', 'jaar.kleinste_maand_aantal_huishoudens'],
        ) }},
        {{ suppress_derived(
            'jaar.bedrag_gemiddelde_uitkering_per_huishouden',
            'bedrag_gemiddelde_uitkering_per_huishouden',
            counts=['jaar.aantal_huishoudens_jaar', 'jaar.kleinste_maand_aantal_huishoudens'],
        ) }}
    from onderdrukt
    inner join jaar
        on
            onderdrukt.gemeente_code = jaar.gemeente_code
            and onderdrukt.periode_start = jaar.periode_start

),

final as (

    select
        gemeente_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        jaar,
        begin_datum,
        peildatum,
        is_volledig,
        aantal_huishoudens_begin_jaar,
        aantal_huishoudens_begin_jaar_is_onderdrukt,
        aantal_huishoudens_peildatum,
        aantal_huishoudens_peildatum_is_onderdrukt,
        aantal_afname_bestand,
        aantal_afname_bestand_is_onderdrukt,
        doel_afname_bestand,
        case
            when aantal_afname_bestand_is_onderdrukt then null
            else is_doel_afname_bestand_gehaald
        end as is_doel_afname_bestand_gehaald,
        aantal_uitstroom_naar_werk,
        aantal_uitstroom_naar_werk_is_onderdrukt,
        doel_uitstroom_naar_werk,
        case
            when aantal_uitstroom_naar_werk_is_onderdrukt then null
            else is_doel_uitstroom_naar_werk_gehaald
        end as is_doel_uitstroom_naar_werk_gehaald,
        bedrag_uitkeringen_jaar,
        bedrag_uitkeringen_jaar_is_onderdrukt,
        gemiddeld_aantal_huishoudens,
        gemiddeld_aantal_huishoudens_is_onderdrukt,
        bedrag_gemiddelde_uitkering_per_huishouden,
        bedrag_gemiddelde_uitkering_per_huishouden_is_onderdrukt
    from afgeleid

)

select * from final
