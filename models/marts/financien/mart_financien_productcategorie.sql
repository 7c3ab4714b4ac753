-- Money per gemeente x year x wet x productcategorie (+ 'totaal' per wet): verplichting,
-- realisatie, verzilveringsgraad, unique clients and average cost per client. Suppression last.
{%- set count_columns = [
    'aantal_voorzieningen',
    'aantal_voorzieningen_verplichting_onbekend',
    'aantal_unieke_clienten',
    'aantal_clienten_realisatie',
] %}
{%- set dimensions = ['gemeente_code', 'periode_start', 'wet_code', 'productcategorie_code'] %}

with

cijfers as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}

),

onderdrukt as (

    {{ suppress_cells(
        'cijfers',
        dimensions=dimensions,
        count_columns=count_columns,
        additive_groups=[{
            'category': 'productcategorie_code',
            'total': "'totaal'",
            'partition_by': ['gemeente_code', 'periode_start', 'wet_code'],
        }],
    ) }}

),

final as (

    select
        cijfers.gemeente_code,
        cijfers.periode_type,
        cijfers.periode_start,
        cijfers.periode_eind,
        cijfers.periode_label,
        cijfers.wet_code,
        cijfers.productcategorie_code,
        onderdrukt.aantal_voorzieningen,
        onderdrukt.aantal_voorzieningen_is_onderdrukt,
        onderdrukt.aantal_voorzieningen_verplichting_onbekend,
        onderdrukt.aantal_voorzieningen_verplichting_onbekend_is_onderdrukt,
        onderdrukt.aantal_unieke_clienten,
        onderdrukt.aantal_unieke_clienten_is_onderdrukt,
        onderdrukt.aantal_clienten_realisatie,
        onderdrukt.aantal_clienten_realisatie_is_onderdrukt,
        {{ suppress_derived(
            'cast(cijfers.bedrag_verplichting as decimal(18, 2))',
            'bedrag_verplichting',
            counts=['onderdrukt.aantal_voorzieningen'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie as decimal(18, 2))',
            'bedrag_realisatie',
            counts=['onderdrukt.aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie / nullif(cijfers.bedrag_verplichting, 0) as decimal(18, 6))',
            'aandeel_verzilvering',
            counts=['onderdrukt.aantal_voorzieningen', 'onderdrukt.aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie / nullif(cijfers.aantal_unieke_clienten, 0) as decimal(18, 2))',
            'bedrag_gemiddelde_kosten_per_client',
            counts=['onderdrukt.aantal_unieke_clienten', 'onderdrukt.aantal_clienten_realisatie'],
        ) }}
    from cijfers
    inner join onderdrukt
        on
            cijfers.gemeente_code = onderdrukt.gemeente_code
            and cijfers.periode_start = onderdrukt.periode_start
            and cijfers.wet_code = onderdrukt.wet_code
            and cijfers.productcategorie_code = onderdrukt.productcategorie_code

)

select * from final
