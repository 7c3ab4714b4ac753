-- Stock and flow agree, per gemeente, wet, productcategorie (and 'totaal') and month after the
-- first reporting month: voorzieningen active in M = active in M-1 - uitstroom in M-1 + instroom
-- in M (kpi-definitions.md, actieve voorziening / instroom / uitstroom). Exact, on the unsuppressed
-- int_gebruik_telling. Fails with the months where it does not hold.
with

maanden as (

    select
        gemeente_code,
        wet_code,
        productcategorie_code,
        periode_start,
        aantal_actieve_voorzieningen,
        aantal_instroom,
        aantal_uitstroom,
        lag(aantal_actieve_voorzieningen) over (
            partition by gemeente_code, wet_code, productcategorie_code order by periode_start
        ) as vorige_actief,
        lag(aantal_uitstroom) over (
            partition by gemeente_code, wet_code, productcategorie_code order by periode_start
        ) as vorige_uitstroom
    from {{ ref('int_gebruik_telling') }}
    where periode_type = 'maand'

)

select *
from maanden
where
    vorige_actief is not null
    and aantal_actieve_voorzieningen != vorige_actief - vorige_uitstroom + aantal_instroom
