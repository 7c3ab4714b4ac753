-- Every raw verwijzers row is the current version in staging, a superseded version, or registered
-- after the kennisdatum; the counts add up exactly.
{{ reconcile_raw_to_staging(source('extract', 'verwijzers'), ['verwijzer_id'], ref('stg_extract__verwijzers')) }}
