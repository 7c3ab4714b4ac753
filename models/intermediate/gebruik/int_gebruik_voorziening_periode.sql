-- One row per voorziening and reporting period in which it is active (kpi-definitions.md,
-- actieve voorziening: macro is_active_in_period), with what happens to it in that period:
-- instroom (ingangsdatum in the period), uitstroom (einddatum in the period), and how its start
-- and end count in the flow figures (int_voorziening_stromen; never re-derived here).
-- A voorziening starting or ending in a period is active in it (einddatum >= ingangsdatum), but
-- such periods are also kept explicitly, so no event is lost on inconsistent dates. The periods are
-- found by period number (macro expand_to_periods), not by comparing every voorziening with every
-- period.
{# the columns of a voorziening in a period, without expand_to_periods' work columns #}
{%- set kolommen = [
    'beschikking_id', 'client_id', 'wet_code', 'productcategorie_code', 'ingangsdatum', 'einddatum',
    'instroom_type', 'is_einde_voortgezet', 'gemeente_code', 'wijk_code', 'verwijzer_id',
    'verwijzer_type_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label'
] %}
with

stromen as (select * from {{ ref('int_voorziening_stromen') }}),

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

voorziening_kenmerken as (

    select
        stromen.beschikking_id,
        stromen.client_id,
        stromen.wet_code,
        stromen.productcategorie_code,
        stromen.ingangsdatum,
        stromen.einddatum,
        stromen.instroom_type,
        stromen.is_einde_voortgezet,
        voorzieningen.gemeente_code,
        voorzieningen.wijk_code,
        voorzieningen.verwijzer_id,
        voorzieningen.verwijzer_type_code
    from stromen
    inner join voorzieningen using (beschikking_id)

),

-- The periods of a voorziening: those in which it is active (macro is_active_in_period), and
-- those holding its ingangsdatum or its einddatum. With consistent dates (einddatum empty or not
-- before ingangsdatum) that is one range of periods; otherwise only the periods of the two dates.
bereiken as (

    select
        voorziening_kenmerken.*,
        voorziening_kenmerken.ingangsdatum as bereik_start,
        voorziening_kenmerken.einddatum as bereik_eind
    from voorziening_kenmerken
    where
        voorziening_kenmerken.ingangsdatum is not null
        and (
            voorziening_kenmerken.einddatum is null
            or voorziening_kenmerken.einddatum >= voorziening_kenmerken.ingangsdatum
        )

),

losse_datums as (

    select
        voorziening_kenmerken.*,
        voorziening_kenmerken.ingangsdatum as bereik_start,
        voorziening_kenmerken.ingangsdatum as bereik_eind
    from voorziening_kenmerken
    where voorziening_kenmerken.einddatum < voorziening_kenmerken.ingangsdatum

    union all

    select
        voorziening_kenmerken.*,
        voorziening_kenmerken.einddatum as bereik_start,
        voorziening_kenmerken.einddatum as bereik_eind
    from voorziening_kenmerken
    where
        voorziening_kenmerken.einddatum < voorziening_kenmerken.ingangsdatum
        or voorziening_kenmerken.ingangsdatum is null

),

{{ expand_to_periods(
    'in_bereik', 'bereiken', 'bereik_start', 'bereik_eind', 'perioden',
    ['periode_type', 'periode_start', 'periode_eind', 'periode_label']
) }},

{{ expand_to_periods(
    'op_losse_datum', 'losse_datums', 'bereik_start', 'bereik_eind', 'perioden',
    ['periode_type', 'periode_start', 'periode_eind', 'periode_label']
) }},

voorziening_perioden as (

    select {{ kolommen | join(', ') }}
    from in_bereik

    union all

    -- a voorziening with its two dates in one period has that period once
    select distinct {{ kolommen | join(', ') }}
    from op_losse_datum

),

per_periode as (

    select
        voorziening_perioden.gemeente_code,
        voorziening_perioden.periode_type,
        voorziening_perioden.periode_start,
        voorziening_perioden.periode_eind,
        voorziening_perioden.periode_label,
        voorziening_perioden.beschikking_id,
        voorziening_perioden.client_id,
        voorziening_perioden.wet_code,
        voorziening_perioden.productcategorie_code,
        voorziening_perioden.wijk_code,
        voorziening_perioden.verwijzer_id,
        voorziening_perioden.verwijzer_type_code,
        voorziening_perioden.ingangsdatum,
        voorziening_perioden.einddatum,
        voorziening_perioden.instroom_type,
        voorziening_perioden.is_einde_voortgezet,
        {{ is_active_in_period(
            'voorziening_perioden.ingangsdatum', 'voorziening_perioden.einddatum',
            'voorziening_perioden.periode_start', 'voorziening_perioden.periode_eind'
        ) }} as is_actief,
        {{ falls_in_period(
            'voorziening_perioden.ingangsdatum',
            'voorziening_perioden.periode_start', 'voorziening_perioden.periode_eind'
        ) }} as is_instroom,
        {{ falls_in_period(
            'voorziening_perioden.einddatum',
            'voorziening_perioden.periode_start', 'voorziening_perioden.periode_eind'
        ) }} as is_uitstroom
    from voorziening_perioden

),

final as (

    select * from per_periode

)

select * from final
