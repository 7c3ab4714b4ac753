-- Every raw uitkeringen row is the current version of its (uitkering_id, betaalmaand) in staging,
-- a superseded version, or registered after the kennisdatum; the counts add up exactly.
{{ reconcile_raw_to_staging(
    source('extract', 'uitkeringen'), ['uitkering_id', 'betaalmaand'], ref('stg_extract__uitkeringen')
) }}
