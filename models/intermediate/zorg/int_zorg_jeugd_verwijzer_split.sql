-- Jeugd: gemeente / niet-gemeente (kpi-definitions.md, source 001): unique jeugdigen with at
-- least one active JW voorziening in the period, split by the verwijzer types of their
-- voorzieningen active in that period: only gemeente (type 01), only other types, or both; plus
-- 'totaal' (all unique jeugdigen of the period). Per maand, kwartaal and jaar; quarter and year
-- are distinct over the whole period, not sums of months. Every cell present (0 shown).
-- Unsuppressed: mart_jeugd_verwijzer_split publishes it, reconciliation tests read it.
with

actief as {{ inline_cte() }} (select * from {{ ref('int_zorg_jeugd_actief_in_periode') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

groepen as (

    {{ values_table(['verwijzer_groep'], [['alleen_gemeente'], ['alleen_niet_gemeente'], ['beide'], ['totaal']]) }}

),

per_jeugdige as (

    select
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        actief.client_id,
        max(case when actief.is_verwijzer_gemeente then 1 else 0 end) as heeft_gemeente,
        max(case when actief.is_verwijzer_gemeente then 0 else 1 end) as heeft_niet_gemeente
    from actief
    group by
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        actief.client_id

),

ingedeeld as (

    select
        per_jeugdige.gemeente_code,
        per_jeugdige.periode_type,
        per_jeugdige.periode_start,
        per_jeugdige.client_id,
        case
            when per_jeugdige.heeft_gemeente = 1 and per_jeugdige.heeft_niet_gemeente = 1 then 'beide'
            when per_jeugdige.heeft_gemeente = 1 then 'alleen_gemeente'
            else 'alleen_niet_gemeente'
        end as verwijzer_groep
    from per_jeugdige

),

{{ klasse_figures(
    'ingedeeld', 'actief', 'groepen', ['verwijzer_groep'], ['count(*) as aantal_unieke_jeugdigen'], additive=true,
) }}

select * from final
