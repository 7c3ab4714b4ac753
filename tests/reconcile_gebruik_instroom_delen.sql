-- The parts of the flows add up, in every row of the unsuppressed int_gebruik_telling (every
-- period type, category and the 'totaal' row): nieuw + herindicatie + geen herindicatie = instroom,
-- herindicatie + netto instroom = instroom, uitstroom herindicatie + netto uitstroom = uitstroom;
-- and no part is negative or larger than its whole (nieuwe cliënten as persons at most the nieuw
-- instroom events; unique clients at most the active voorzieningen).
select *
from {{ ref('int_gebruik_telling') }}
where
    aantal_instroom_nieuw + aantal_instroom_herindicatie + aantal_instroom_geen_herindicatie != aantal_instroom
    or aantal_instroom_herindicatie + aantal_netto_instroom != aantal_instroom
    or aantal_uitstroom_herindicatie + aantal_netto_uitstroom != aantal_uitstroom
    or aantal_netto_instroom < 0
    or aantal_netto_uitstroom < 0
    or aantal_nieuwe_clienten > aantal_instroom_nieuw
    or aantal_unieke_clienten > aantal_actieve_voorzieningen
