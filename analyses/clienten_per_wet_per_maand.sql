-- Unique clients per wet per month, straight from the client-month fact (not suppressed: for
-- analysts with warehouse access, never for publication).
select
    jaarmaand,
    wet_code,
    count(distinct client_id) as aantal_clienten
from {{ ref('fct_client_maand') }}
group by jaarmaand, wet_code
order by jaarmaand, wet_code
