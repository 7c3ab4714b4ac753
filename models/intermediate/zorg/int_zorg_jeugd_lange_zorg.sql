-- Jeugdigen met lange zorginzet (kpi-definitions.md, source 002), per gemeente and monthly
-- peildatum: jeugdigen in zorg (a JW voorziening active on the peildatum, i.e. inside one of
-- their spells of int_zorg_jeugd_zorgperiodes) and those whose spell on the peildatum lasts more
-- than 4 years: it started on or before peildatum - 4 years (start = peildatum - 4 years gives
-- 4 years + 1 day, inclusive). Every peildatum present (0 shown).
-- Unsuppressed: mart_jeugd_lange_zorg publishes it, reconciliation tests read it.
with

zorgperiodes as (

    select * from {{ ref('int_zorg_jeugd_zorgperiodes') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

peildata as (

    select
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.peildatum,
        cast({{ dbt.dateadd('year', -4, 'perioden.peildatum') }} as date) as grens_lange_zorg
    from perioden
    where perioden.periode_type = 'maand'

),

gemeenten as (

    select distinct zorgperiodes.gemeente_code
    from zorgperiodes

),

op_peildatum as (

    select
        zorgperiodes.gemeente_code,
        peildata.peildatum,
        count(distinct zorgperiodes.client_id) as aantal_jeugdigen_in_zorg,
        count(
            distinct case
                when zorgperiodes.zorgperiode_start <= peildata.grens_lange_zorg then zorgperiodes.client_id
            end
        ) as aantal_jeugdigen_lange_zorginzet
    from zorgperiodes
    inner join peildata
        on {{ is_active_in_period(
            'zorgperiodes.zorgperiode_start', 'zorgperiodes.zorgperiode_eind', 'peildata.peildatum', 'peildata.peildatum'
        ) }}
    group by
        zorgperiodes.gemeente_code,
        peildata.peildatum

),

final as (

    select
        gemeenten.gemeente_code,
        peildata.periode_type,
        peildata.periode_start,
        peildata.periode_eind,
        peildata.periode_label,
        peildata.peildatum,
        cast(coalesce(op_peildatum.aantal_jeugdigen_in_zorg, 0) as {{ dbt.type_bigint() }})
            as aantal_jeugdigen_in_zorg,
        cast(coalesce(op_peildatum.aantal_jeugdigen_lange_zorginzet, 0) as {{ dbt.type_bigint() }})
            as aantal_jeugdigen_lange_zorginzet
    from gemeenten
    cross join peildata
    left join op_peildatum
        on
            gemeenten.gemeente_code = op_peildatum.gemeente_code
            and peildata.peildatum = op_peildatum.peildatum

)

select * from final
