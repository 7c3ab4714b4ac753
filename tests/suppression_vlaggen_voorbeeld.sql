-- Every count of the suppression example agrees with its flag: suppressed (flag true) exactly when
-- the published value is NULL. Fails with the rows where a suppressed value still shows, or where
-- a value is missing without being flagged.
{%- set count_columns = [
    'aantal_instroom',
    'aantal_nieuw',
    'aantal_herindicatie',
    'aantal_geen_herindicatie',
    'aantal_netto_instroom',
] %}

select
    voorbeeld.periode,
    voorbeeld.productcategorie_code
from {{ ref('mart_voorbeeld_suppressie') }} as voorbeeld
where
    {%- for col in count_columns %}
        {{ "or " if not loop.first }}(voorbeeld.{{ col }}_is_onderdrukt and voorbeeld.{{ col }} is not null)
        or (not voorbeeld.{{ col }}_is_onderdrukt and voorbeeld.{{ col }} is null)
    {%- endfor %}
