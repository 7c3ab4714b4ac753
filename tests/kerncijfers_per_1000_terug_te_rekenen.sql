-- mart_kerncijfers_per_1000: a rate is the count per 1,000 inhabitants, so rate x population /
-- 1,000 rounds back to the count (the rounding to 4 decimals moves it by less than 0.5 for any
-- population under 10 million); a rate is shown exactly when its count is shown and its population
-- is known and not 0, and never beside a suppressed count.
select
    gemeente_code,
    periode_start,
    kerncijfer_code,
    wijk_code,
    leeftijd_klasse,
    aantal_kerncijfer,
    inwoners,
    per_1000_inwoners,
    inwoners_doelgroep,
    per_1000_doelgroep
from {{ ref('mart_kerncijfers_per_1000') }}
where
    (aantal_kerncijfer is null and (per_1000_inwoners is not null or per_1000_doelgroep is not null))
    or (
        aantal_kerncijfer is not null
        and ((coalesce(inwoners, 0) > 0) != (per_1000_inwoners is not null))
    )
    or (
        aantal_kerncijfer is not null
        and ((coalesce(inwoners_doelgroep, 0) > 0) != (per_1000_doelgroep is not null))
    )
    or round(per_1000_inwoners * inwoners / 1000) != aantal_kerncijfer
    or round(per_1000_doelgroep * inwoners_doelgroep / 1000) != aantal_kerncijfer
