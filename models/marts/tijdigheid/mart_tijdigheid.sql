-- Tijdigheid, published: int_zorg_tijdigheid with small-cell suppression as the last step.
-- Column group: aantal_besluiten = aantal_besluiten_tijdig + aantal_besluiten_niet_tijdig (per
-- row). The share tijdig is a derived figure (suppress_derived); the target per wet comes from
-- seed kpi_doelen (kpi_code 'tijdigheid'; 95 % for every wet as shipped), and is_doel_gehaald
-- (macro is_doel_gehaald) is null when the share is suppressed or undefined, or has no target.
with

tijdigheid as (

    select * from {{ ref('int_zorg_tijdigheid') }}

),

doelen as (

    select * from {{ ref('kpi_doelen') }}

),

onderdrukt as (

    {{ suppress_cells(
        'tijdigheid',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'wet_code'],
        count_columns=['aantal_besluiten', 'aantal_besluiten_tijdig', 'aantal_besluiten_niet_tijdig'],
        additive_groups=[
            {
                'total_column': 'aantal_besluiten',
                'cell_columns': ['aantal_besluiten_tijdig', 'aantal_besluiten_niet_tijdig'],
            },
        ],
    ) }}

),

met_aandeel as (

    select
        onderdrukt.*,
        {{ suppress_derived(
            'cast(1.0 * onderdrukt.aantal_besluiten_tijdig / nullif(onderdrukt.aantal_besluiten, 0) as '
                ~ dbt.type_numeric() ~ ')',
            'aandeel_tijdig',
            counts=['onderdrukt.aantal_besluiten_tijdig', 'onderdrukt.aantal_besluiten'],
        ) }}
    from onderdrukt

),

final as (

    select
        met_aandeel.gemeente_code,
        met_aandeel.periode_type,
        met_aandeel.periode_start,
        met_aandeel.periode_eind,
        met_aandeel.periode_label,
        met_aandeel.wet_code,
        met_aandeel.aantal_besluiten,
        met_aandeel.aantal_besluiten_is_onderdrukt,
        met_aandeel.aantal_besluiten_tijdig,
        met_aandeel.aantal_besluiten_tijdig_is_onderdrukt,
        met_aandeel.aantal_besluiten_niet_tijdig,
        met_aandeel.aantal_besluiten_niet_tijdig_is_onderdrukt,
        met_aandeel.aandeel_tijdig,
        met_aandeel.aandeel_tijdig_is_onderdrukt,
        cast(doelen.doelwaarde as {{ dbt.type_numeric() }}) as doel_aandeel_tijdig,
        {{ is_doel_gehaald('met_aandeel.aandeel_tijdig', 'doelen.doelwaarde', 'doelen.richting') }}
            as is_doel_gehaald
    from met_aandeel
    left join doelen
        on
            met_aandeel.wet_code = doelen.wet
            and doelen.kpi_code = 'tijdigheid'

)

select * from final
