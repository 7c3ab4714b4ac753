-- No suppressed event count of the use-flow marts can be recovered over time: in every months ->
-- quarter and quarters -> year group (macro gebruik_periode_groepen) not exactly one member is
-- NULL. The generic test no_recoverable_cells, applied to those groups (the marts do not publish
-- the helper columns that form them). Fails with the recoverable cells and their values.
select
    'mart_gebruik' as mart,
    herleidbaar.*
from (
    {{ gebruik_periode_herleidbare_cellen(
        ref('mart_gebruik'),
        ['gemeente_code', 'wet_code', 'productcategorie_code'],
        [
            'aantal_instroom', 'aantal_instroom_nieuw', 'aantal_instroom_herindicatie',
            'aantal_instroom_geen_herindicatie', 'aantal_netto_instroom', 'aantal_uitstroom',
            'aantal_uitstroom_herindicatie', 'aantal_netto_uitstroom',
        ],
    ) }}
) as herleidbaar

union all

select
    'mart_gebruik_wijk' as mart,
    herleidbaar.*
from (
    {{ gebruik_periode_herleidbare_cellen(
        ref('mart_gebruik_wijk'),
        ['gemeente_code', 'wet_code', 'wijk_code'],
        ['aantal_instroom', 'aantal_uitstroom'],
    ) }}
) as herleidbaar

union all

select
    'mart_gebruik_instroom_verwijzer' as mart,
    herleidbaar.*
from (
    {{ gebruik_periode_herleidbare_cellen(
        ref('mart_gebruik_instroom_verwijzer'),
        ['gemeente_code', 'wet_code', 'verwijzer_type_code'],
        ['aantal_instroom', 'aantal_instroom_nieuw'],
    ) }}
) as herleidbaar
