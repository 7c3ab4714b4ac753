-- Every raw beschikkingen row is the current version in staging, the current but withdrawn
-- version, a superseded version, or registered after the kennisdatum; the counts add up exactly.
{{ reconcile_raw_to_staging(
    source('extract', 'beschikkingen'),
    ['beschikking_id'],
    ref('stg_extract__beschikkingen'),
    ref('stg_extract__beschikkingen_ingetrokken')
) }}
