-- Realisatie per gemeente x period (maand, kwartaal, jaar) x wet x productcategorie on the
-- declaratie (+ 'totaal' per wet), with the data-quality amounts of declaraties against an unknown
-- or withdrawn beschikking. Suppression last.
{%- set count_columns = [
    'aantal_declaratieregels',
    'aantal_clienten',
    'aantal_clienten_onbekende_beschikking',
    'aantal_clienten_ingetrokken_beschikking',
] %}

with

cijfers as (

    select * from {{ ref('int_realisatie_periode') }}

),

onderdrukt as (

    {{ suppress_cells(
        'cijfers',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'wet_code', 'productcategorie_code'],
        count_columns=count_columns,
        additive_groups=[{
            'category': 'productcategorie_code',
            'total': "'totaal'",
            'partition_by': ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'],
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
        onderdrukt.aantal_declaratieregels,
        onderdrukt.aantal_declaratieregels_is_onderdrukt,
        onderdrukt.aantal_clienten,
        onderdrukt.aantal_clienten_is_onderdrukt,
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie as decimal(18, 2))',
            'bedrag_realisatie',
            counts=['onderdrukt.aantal_clienten'],
        ) }},
        -- the data-quality amounts: suppressed on their own (unpublished) client counts, which
        -- get secondary suppression over the productcategorieen like the published counts
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie_onbekende_beschikking as decimal(18, 2))',
            'bedrag_realisatie_onbekende_beschikking',
            counts=['onderdrukt.aantal_clienten_onbekende_beschikking', 'onderdrukt.aantal_clienten'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie_ingetrokken_beschikking as decimal(18, 2))',
            'bedrag_realisatie_ingetrokken_beschikking',
            counts=['onderdrukt.aantal_clienten_ingetrokken_beschikking', 'onderdrukt.aantal_clienten'],
        ) }}
    from cijfers
    inner join onderdrukt
        on
            cijfers.gemeente_code = onderdrukt.gemeente_code
            and cijfers.periode_type = onderdrukt.periode_type
            and cijfers.periode_start = onderdrukt.periode_start
            and cijfers.wet_code = onderdrukt.wet_code
            and cijfers.productcategorie_code = onderdrukt.productcategorie_code

)

select * from final
