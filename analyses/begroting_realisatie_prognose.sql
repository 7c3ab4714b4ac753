-- Begroting vs realisatie vs prognose per cost line for the latest year: the council's table.
select
    kostenpost,
    bedrag_begroting,
    bedrag_realisatie,
    bedrag_prognose,
    bedrag_verschil,
    is_voordeel
from {{ ref('mart_financien_begroting') }}
where
    periode_start = (
        select max(laatste.periode_start) from {{ ref('mart_financien_begroting') }} as laatste
    )
order by kostenpost
