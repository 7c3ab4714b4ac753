-- THE rule for "the wijk of a client in a period" (used by every wijk figure of the use flow):
-- per gemeente, wet and period, a client active with voorzieningen in several wijken gets the
-- wijk_code of the latest active voorziening in the period: the latest ingangsdatum, then the
-- latest einddatum (open-ended last), then the highest beschikking_id. A voorziening without
-- wijk_code gives wijk 'onbekend'. So the wijken partition the clients of a period: they add up
-- to the distinct clients of the wet.
with

voorziening_perioden as (

    select * from {{ ref('int_gebruik_voorziening_periode') }}

),

-- the wijk of the client's latest active voorziening in the period (macro latest_in_group: the
-- row with the largest ingangsdatum, then open-ended, then einddatum, then beschikking_id)
final as (

    {{ latest_in_group(
        'voorziening_perioden',
        ['gemeente_code', 'periode_type', 'periode_start', 'wet_code', 'client_id'],
        [
            'ingangsdatum',
            'case when einddatum is null then 1 else 0 end',
            'einddatum',
            'beschikking_id',
        ],
        ["coalesce(wijk_code, 'onbekend') as wijk_code"],
        'is_actief',
    ) }}

)

select * from final
