-- One row per voorziening and reporting period in which it is active (kpi-definitions.md,
-- actieve voorziening: macro is_active_in_period), with what happens to it in that period:
-- instroom (ingangsdatum in the period), uitstroom (einddatum in the period), and how its start
-- and end count in the flow figures (int_voorziening_stromen; never re-derived here).
-- A voorziening starting or ending in a period is active in it (einddatum >= ingangsdatum), but
-- the join also keeps such rows explicitly, so no event is lost on inconsistent dates.
with

stromen as (

    select * from {{ ref('int_voorziening_stromen') }}

),

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

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
    inner join voorzieningen
        on stromen.beschikking_id = voorzieningen.beschikking_id

),

per_periode as (

    select
        voorziening_kenmerken.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        voorziening_kenmerken.beschikking_id,
        voorziening_kenmerken.client_id,
        voorziening_kenmerken.wet_code,
        voorziening_kenmerken.productcategorie_code,
        voorziening_kenmerken.wijk_code,
        voorziening_kenmerken.verwijzer_id,
        voorziening_kenmerken.verwijzer_type_code,
        voorziening_kenmerken.ingangsdatum,
        voorziening_kenmerken.einddatum,
        voorziening_kenmerken.instroom_type,
        voorziening_kenmerken.is_einde_voortgezet,
        {{ is_active_in_period(
            'voorziening_kenmerken.ingangsdatum', 'voorziening_kenmerken.einddatum',
            'perioden.periode_start', 'perioden.periode_eind'
        ) }} as is_actief,
        (
            voorziening_kenmerken.ingangsdatum >= perioden.periode_start
            and voorziening_kenmerken.ingangsdatum <= perioden.periode_eind
        ) as is_instroom,
        (
            voorziening_kenmerken.einddatum is not null
            and voorziening_kenmerken.einddatum >= perioden.periode_start
            and voorziening_kenmerken.einddatum <= perioden.periode_eind
        ) as is_uitstroom
    from voorziening_kenmerken
    inner join perioden
        on
            {{ is_active_in_period(
                'voorziening_kenmerken.ingangsdatum', 'voorziening_kenmerken.einddatum',
                'perioden.periode_start', 'perioden.periode_eind'
            ) }}
            or (
                voorziening_kenmerken.ingangsdatum >= perioden.periode_start
                and voorziening_kenmerken.ingangsdatum <= perioden.periode_eind
            )
            or (
                voorziening_kenmerken.einddatum >= perioden.periode_start
                and voorziening_kenmerken.einddatum <= perioden.periode_eind
            )

),

final as (

    select * from per_periode

)

select * from final
