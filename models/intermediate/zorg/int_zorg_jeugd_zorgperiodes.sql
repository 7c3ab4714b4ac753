-- Unbroken spells of Jeugdwet care per jeugdige (gaps and islands), for "jeugdigen met lange
-- zorginzet" (kpi-definitions.md, source 002): the client's JW voorzieningen joined where they
-- overlap or touch (einddatum + 1 day = the next ingangsdatum). A gap of one day or more starts
-- a new spell. Per gemeente_code of the voorzieningen. Open-ended voorzieningen make an
-- open-ended spell (zorgperiode_eind null). The only place this merging is done.
-- Grain: one row per (gemeente_code, client_id, zorgperiode_start).
{%- set open_einde = "cast('9999-12-31' as date)" %}
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

jeugd as (

    select
        voorzieningen.gemeente_code,
        voorzieningen.client_id,
        voorzieningen.beschikking_id,
        voorzieningen.ingangsdatum,
        coalesce(voorzieningen.einddatum, {{ open_einde }}) as einddatum
    from voorzieningen
    where voorzieningen.wet_code = 'JW'

),

met_eerder_einde as (

    -- the latest end among the client's voorzieningen that start earlier (in start order)
    select
        jeugd.*,
        max(jeugd.einddatum) over (
            partition by jeugd.gemeente_code, jeugd.client_id
            order by jeugd.ingangsdatum, jeugd.einddatum, jeugd.beschikking_id
            rows between unbounded preceding and 1 preceding
        ) as eerder_einde
    from jeugd

),

gemarkeerd as (

    -- a new spell starts when no earlier voorziening reaches the day before this start
    select
        met_eerder_einde.*,
        case
            when met_eerder_einde.eerder_einde is null then 1
            when met_eerder_einde.eerder_einde = {{ open_einde }} then 0
            when {{ dbt.dateadd('day', 1, 'met_eerder_einde.eerder_einde') }} < met_eerder_einde.ingangsdatum then 1
            else 0
        end as is_nieuwe_periode
    from met_eerder_einde

),

genummerd as (

    select
        gemarkeerd.*,
        sum(gemarkeerd.is_nieuwe_periode) over (
            partition by gemarkeerd.gemeente_code, gemarkeerd.client_id
            order by gemarkeerd.ingangsdatum, gemarkeerd.einddatum, gemarkeerd.beschikking_id
            rows between unbounded preceding and current row
        ) as periode_nummer
    from gemarkeerd

),

final as (

    select
        genummerd.gemeente_code,
        genummerd.client_id,
        min(genummerd.ingangsdatum) as zorgperiode_start,
        case
            when max(genummerd.einddatum) = {{ open_einde }} then null
            else max(genummerd.einddatum)
        end as zorgperiode_eind,
        count(*) as aantal_voorzieningen
    from genummerd
    group by
        genummerd.gemeente_code,
        genummerd.client_id,
        genummerd.periode_nummer

)

select * from final
