-- The type total rows of mart_gebruik_instroom_verwijzer_naam are exactly the year figures of
-- mart_gebruik_instroom_verwijzer (value and suppression flag), so the two marts never disagree
-- on which type figure is hidden. Fails with the rows that differ.
select
    naam.gemeente_code,
    naam.periode_start,
    naam.wet_code,
    naam.verwijzer_type_code,
    naam.aantal_instroom,
    types.aantal_instroom as type_aantal_instroom
from {{ ref('mart_gebruik_instroom_verwijzer_naam') }} as naam
left join {{ ref('mart_gebruik_instroom_verwijzer') }} as types
    on
        naam.gemeente_code = types.gemeente_code
        and naam.periode_type = types.periode_type
        and naam.periode_start = types.periode_start
        and naam.wet_code = types.wet_code
        and naam.verwijzer_type_code = types.verwijzer_type_code
where
    naam.verwijzer_id = 'totaal'
    and (
        types.wet_code is null
        or naam.aantal_instroom_is_onderdrukt != types.aantal_instroom_is_onderdrukt
        or coalesce(naam.aantal_instroom, -1) != coalesce(types.aantal_instroom, -1)
    )
