-- Begroting vs realisatie per gemeente x year x kostenpost: begroting (seed), realisatie,
-- prognose, verschil (begroting - prognose; positive = voordeel). Amounts of a whole cost line are
-- not person-level, but are still suppressed when fewer than the threshold of voorzieningen /
-- clients lie behind the cost line. The begroting itself (a published budget) is never suppressed.
with

cijfers as (

    select * from {{ ref('int_financien_begroting') }}

),

final as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        kostenpost,
        bedrag_begroting,
        {{ suppress_derived(
            'cast(bedrag_realisatie as decimal(18, 2))',
            'bedrag_realisatie',
            counts=['aantal_voorzieningen', 'aantal_clienten', 'aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(bedrag_prognose as decimal(18, 2))',
            'bedrag_prognose',
            counts=['aantal_voorzieningen', 'aantal_clienten', 'aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'cast(bedrag_verschil as decimal(18, 2))',
            'bedrag_verschil',
            counts=['aantal_voorzieningen', 'aantal_clienten', 'aantal_clienten_realisatie'],
        ) }},
        {{ suppress_derived(
            'bedrag_verschil > 0',
            'is_voordeel',
            counts=['aantal_voorzieningen', 'aantal_clienten', 'aantal_clienten_realisatie'],
        ) }}
    from cijfers

)

select * from final
