-- Prognose per gemeente x year x wet x productcategorie (+ 'totaal' per wet): realisatie so far,
-- verplichting still to come, last year's verzilveringsgraad and the prognose. Suppression last.
{%- set count_columns = ["aantal_voorzieningen", "aantal_clienten_realisatie"] %}

with

cijfers as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}

),

vorig_jaar as (

    -- the counts behind last year's verzilveringsgraad
    select
        gemeente_code,
        jaar + 1 as jaar,
        wet_code,
        productcategorie_code,
        aantal_voorzieningen,
        aantal_clienten_realisatie
    from cijfers

),

onderdrukt as (

    {{ suppress_cells(
        'cijfers',
        dimensions=['gemeente_code', 'periode_start', 'wet_code', 'productcategorie_code'],
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
        cijfers.is_volledig,
        cijfers.wet_code,
        cijfers.productcategorie_code,
        onderdrukt.aantal_voorzieningen,
        onderdrukt.aantal_voorzieningen_is_onderdrukt,
        onderdrukt.aantal_clienten_realisatie,
        onderdrukt.aantal_clienten_realisatie_is_onderdrukt,
        {{ suppress_derived(
            'cast(cijfers.bedrag_realisatie as decimal(18, 2))',
            'bedrag_realisatie_tot_nu',
            counts=['onderdrukt.aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_verplichting_rest_jaar as decimal(18, 2))',
            'bedrag_verplichting_rest_jaar',
            counts=['onderdrukt.aantal_voorzieningen'],
        ) }},
        {{ suppress_derived(
            'cijfers.aandeel_verzilvering_vorig_jaar',
            'aandeel_verzilvering_vorig_jaar',
            counts=['vorig_jaar.aantal_voorzieningen', 'vorig_jaar.aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(cijfers.bedrag_prognose as decimal(18, 2))',
            'bedrag_prognose',
            counts=['onderdrukt.aantal_voorzieningen', 'onderdrukt.aantal_clienten_realisatie'],
        ) }}
    from cijfers
    inner join onderdrukt
        on
            cijfers.gemeente_code = onderdrukt.gemeente_code
            and cijfers.periode_start = onderdrukt.periode_start
            and cijfers.wet_code = onderdrukt.wet_code
            and cijfers.productcategorie_code = onderdrukt.productcategorie_code
    left join vorig_jaar
        on
            cijfers.gemeente_code = vorig_jaar.gemeente_code
            and cijfers.jaar = vorig_jaar.jaar
            and cijfers.wet_code = vorig_jaar.wet_code
            and cijfers.productcategorie_code = vorig_jaar.productcategorie_code

)

select * from final
