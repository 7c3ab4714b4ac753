-- Wmo instroom per month with and without herindicaties: the netto figure is free of the
-- administrative stop/restart of indications (e.g. January 2021).
select
    periode_label,
    aantal_instroom,
    aantal_instroom_herindicatie,
    aantal_netto_instroom,
    aantal_netto_instroom_is_onderdrukt
from {{ ref('mart_gebruik') }}
where
    wet_code = 'WMO'
    and productcategorie_code = 'totaal'
    and periode_type = 'maand'
order by periode_start
