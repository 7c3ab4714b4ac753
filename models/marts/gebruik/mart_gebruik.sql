{#-
    Use of Wmo and Jeugd (kpi-definitions.md, "Use"): unique clients, active voorzieningen and the
    flows (instroom by type, uitstroom, netto) per gemeente, period, wet and productcategorie, plus
    the wet's total row (productcategorie_code 'totaal'). Figures: int_gebruik_telling. This model
    only suppresses (the last step) and derives the share of returning instroom.
-#}
{%- set dimensions = [
    'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'wet_code',
    'productcategorie_code', 'kwartaal_groep', 'jaar_groep',
] -%}
{%- set event_columns = [
    'aantal_instroom',
    'aantal_instroom_nieuw',
    'aantal_instroom_herindicatie',
    'aantal_instroom_geen_herindicatie',
    'aantal_netto_instroom',
    'aantal_uitstroom',
    'aantal_uitstroom_herindicatie',
    'aantal_netto_uitstroom',
] -%}
{%- set count_columns = [
    'aantal_unieke_clienten', 'aantal_nieuwe_clienten', 'aantal_actieve_voorzieningen',
] + event_columns -%}
{%- set additive_groups = [
    {
        'category': 'productcategorie_code',
        'total': "'totaal'",
        'columns': ['aantal_actieve_voorzieningen'] + event_columns,
        'partition_by': ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'],
    },
    {
        'total_column': 'aantal_instroom',
        'cell_columns': ['aantal_instroom_nieuw', 'aantal_instroom_herindicatie', 'aantal_instroom_geen_herindicatie'],
    },
    {'total_column': 'aantal_instroom', 'cell_columns': ['aantal_instroom_herindicatie', 'aantal_netto_instroom']},
    {'total_column': 'aantal_uitstroom', 'cell_columns': ['aantal_uitstroom_herindicatie', 'aantal_netto_uitstroom']},
] + gebruik_periode_groepen(event_columns, ['gemeente_code', 'wet_code', 'productcategorie_code']) -%}

with

telling as (

    select
        telling.*,
        {{ gebruik_periode_hulpkolommen('telling.periode_type', 'telling.periode_start') }}
    from {{ ref('int_gebruik_telling') }} as telling

),

onderdrukt as (
    {{ suppress_cells(
        'telling',
        dimensions=dimensions,
        count_columns=count_columns,
        additive_groups=additive_groups,
        passes=4,
    ) }}
),

final as (

    select
        onderdrukt.gemeente_code,
        onderdrukt.periode_type,
        onderdrukt.periode_start,
        onderdrukt.periode_eind,
        onderdrukt.periode_label,
        onderdrukt.wet_code,
        onderdrukt.productcategorie_code,
        onderdrukt.aantal_unieke_clienten,
        onderdrukt.aantal_unieke_clienten_is_onderdrukt,
        onderdrukt.aantal_nieuwe_clienten,
        onderdrukt.aantal_nieuwe_clienten_is_onderdrukt,
        onderdrukt.aantal_actieve_voorzieningen,
        onderdrukt.aantal_actieve_voorzieningen_is_onderdrukt,
        onderdrukt.aantal_instroom,
        onderdrukt.aantal_instroom_is_onderdrukt,
        onderdrukt.aantal_instroom_nieuw,
        onderdrukt.aantal_instroom_nieuw_is_onderdrukt,
        onderdrukt.aantal_instroom_herindicatie,
        onderdrukt.aantal_instroom_herindicatie_is_onderdrukt,
        onderdrukt.aantal_instroom_geen_herindicatie,
        onderdrukt.aantal_instroom_geen_herindicatie_is_onderdrukt,
        onderdrukt.aantal_netto_instroom,
        onderdrukt.aantal_netto_instroom_is_onderdrukt,
        onderdrukt.aantal_uitstroom,
        onderdrukt.aantal_uitstroom_is_onderdrukt,
        onderdrukt.aantal_uitstroom_herindicatie,
        onderdrukt.aantal_uitstroom_herindicatie_is_onderdrukt,
        onderdrukt.aantal_netto_uitstroom,
        onderdrukt.aantal_netto_uitstroom_is_onderdrukt,
        {{ suppress_derived(
            'cast(1.0 * (onderdrukt.aantal_instroom_herindicatie + onderdrukt.aantal_instroom_geen_herindicatie)'
                ~ ' / nullif(onderdrukt.aantal_instroom, 0) as ' ~ dbt.type_numeric() ~ ')',
            'aandeel_terugkerend',
            counts=[
                'onderdrukt.aantal_instroom_herindicatie',
                'onderdrukt.aantal_instroom_geen_herindicatie',
                'onderdrukt.aantal_instroom',
            ],
        ) }}
    from onderdrukt

)

select * from final
