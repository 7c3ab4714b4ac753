-- Instroom per reporting period, the one place it is taken with its verwijzer: every voorziening
-- once per period holding its ingangsdatum (int_gebruik_voorziening_periode, is_instroom), with the
-- verwijzer type of the voorziening ('onbekend' when none was registered), the verwijzer and the
-- instroom type. The instroom figures by verwijzer type (int_gebruik_verwijzer_telling) and by
-- verwijzer (int_gebruik_verwijzer_naam_telling) count these rows.
-- Ephemeral, unlike the other intermediate models: each reader's copy is a filtered scan of a few
-- columns of int_gebruik_voorziening_periode (0.07 s at 1M inhabitants), where writing it as a
-- table (2 million rows at 1M) cost 3 s.
{{ config(materialized='ephemeral') }}
with

voorziening_perioden as (select * from {{ ref('int_gebruik_voorziening_periode') }}),

final as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        beschikking_id,
        wet_code,
        coalesce(verwijzer_type_code, 'onbekend') as verwijzer_type_code,
        verwijzer_id,
        instroom_type
    from voorziening_perioden
    where is_instroom

)

select * from final
