-- Jeugd: gemeente / niet-gemeente (kpi-definitions.md, source 001): unique jeugdigen with at
-- least one active JW voorziening in the period, split by the verwijzer types of their
-- voorzieningen active in that period: only gemeente (type 01), only other types, or both; plus
-- 'totaal' (all unique jeugdigen of the period). Per maand, kwartaal and jaar; quarter and year
-- are distinct over the whole period, not sums of months. Every cell present (0 shown).
-- Unsuppressed: mart_jeugd_verwijzer_split publishes it, reconciliation tests read it.
with

actief as {{ inline_cte() }} (

    select * from {{ ref('int_zorg_jeugd_actief_in_periode') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

gemeenten as (

    select distinct actief.gemeente_code
    from actief

),

groepen as (

    select 'alleen_gemeente' as verwijzer_groep
    union all
    select 'alleen_niet_gemeente' as verwijzer_groep
    union all
    select 'beide' as verwijzer_groep
    union all
    select 'totaal' as verwijzer_groep

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

cellen as (

    select
        ingedeeld.gemeente_code,
        ingedeeld.periode_type,
        ingedeeld.periode_start,
        ingedeeld.verwijzer_groep,
        count(*) as aantal_unieke_jeugdigen
    from ingedeeld
    group by
        ingedeeld.gemeente_code,
        ingedeeld.periode_type,
        ingedeeld.periode_start,
        ingedeeld.verwijzer_groep
    union all
    select
        ingedeeld.gemeente_code,
        ingedeeld.periode_type,
        ingedeeld.periode_start,
        'totaal' as verwijzer_groep,
        count(*) as aantal_unieke_jeugdigen
    from ingedeeld
    group by
        ingedeeld.gemeente_code,
        ingedeeld.periode_type,
        ingedeeld.periode_start

),

final as (

    select
        gemeenten.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        groepen.verwijzer_groep,
        cast(coalesce(cellen.aantal_unieke_jeugdigen, 0) as {{ dbt.type_bigint() }}) as aantal_unieke_jeugdigen
    from gemeenten
    cross join perioden
    cross join groepen
    left join cellen
        on
            gemeenten.gemeente_code = cellen.gemeente_code
            and perioden.periode_type = cellen.periode_type
            and perioden.periode_start = cellen.periode_start
            and groepen.verwijzer_groep = cellen.verwijzer_groep

)

select * from final
