-- Seed bevolking: ages 0 to 100 (100 = 100 and over) and no negative number of inhabitants.
select
    gemeente_code,
    wijk_code,
    jaar,
    leeftijd,
    aantal_inwoners
from {{ ref('bevolking') }}
where
    leeftijd < 0
    or leeftijd > 100
    or aantal_inwoners < 0
