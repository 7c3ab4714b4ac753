-- Jeugdigen met lange zorginzet (kpi-definitions.md, source 002), per gemeente and monthly
-- peildatum: jeugdigen in zorg (a JW voorziening active on the peildatum, i.e. inside one of
-- their spells of int_zorg_jeugd_zorgperiodes) and those whose spell on the peildatum lasts more
-- than 4 years: it started on or before peildatum - 4 years (start = peildatum - 4 years gives
-- 4 years + 1 day, inclusive). Every peildatum present (0 shown).
-- Unsuppressed: mart_jeugd_lange_zorg publishes it, reconciliation tests read it.
with

zorgperiodes as (select * from {{ ref('int_zorg_jeugd_zorgperiodes') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

peildata as (

    select
        perioden.*,
        cast({{ dbt.dateadd('year', -4, 'perioden.peildatum') }} as date) as grens_lange_zorg
    from perioden
    where perioden.periode_type = 'maand'

),

gemeenten as (

    select distinct zorgperiodes.gemeente_code
    from zorgperiodes

),

-- the spells once per month whose peildatum they hold (macro expand_to_peildata)
{{ expand_to_peildata(
    'zorgperiode_maanden', 'zorgperiodes', 'zorgperiode_start', 'zorgperiode_eind', 'peildata',
    ['periode_type', 'periode_start', 'peildatum', 'grens_lange_zorg']
) }},

op_peildatum as (

    select
        zorgperiode_maanden.gemeente_code,
        zorgperiode_maanden.periode_type,
        zorgperiode_maanden.periode_start,
        count(distinct zorgperiode_maanden.client_id) as aantal_jeugdigen_in_zorg,
        count(
            distinct case
                when zorgperiode_maanden.zorgperiode_start <= zorgperiode_maanden.grens_lange_zorg
                    then zorgperiode_maanden.client_id
            end
        ) as aantal_jeugdigen_lange_zorginzet
    from zorgperiode_maanden
    group by
        zorgperiode_maanden.gemeente_code,
        zorgperiode_maanden.periode_type,
        zorgperiode_maanden.periode_start

),

final as (

    {{ figures_grid(
        'gemeenten', [], {'op_peildatum': ['aantal_jeugdigen_in_zorg', 'aantal_jeugdigen_lange_zorginzet']},
        period_columns=['periode_eind:date', 'periode_label', 'peildatum:date'], periods='peildata',
    ) }}

)

select * from final
