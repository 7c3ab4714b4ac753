-- Jeugdwet voorzieningen per reporting period (maand, kwartaal, jaar) in which they are active
-- (macro is_active_in_period), with what the jeugd figures split by: whether the voorziening's
-- own verwijzer type is the gemeente (seed code_verwijzer_type.is_gemeente, type 01) and its
-- zwaarte (dim_product, from seed zwaarte_jeugd; 'onbekend' when the product is not mapped).
-- Grain: one row per (beschikking_id, periode_type, periode_start).
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

producten as (select * from {{ ref('dim_product') }}),

verwijzer_typen as (select * from {{ ref('code_verwijzer_type') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

jeugd as (

    select
        voorzieningen.beschikking_id,
        voorzieningen.client_id,
        voorzieningen.gemeente_code,
        voorzieningen.ingangsdatum,
        voorzieningen.einddatum,
        voorzieningen.verwijzer_type_code,
        coalesce(verwijzer_typen.is_gemeente, false) as is_verwijzer_gemeente,
        coalesce(producten.zwaarte, 'onbekend') as zwaarte
    from voorzieningen
    left join producten using (product_id)
    left join verwijzer_typen using (verwijzer_type_code)
    where voorzieningen.wet_code = 'JW'

),

-- every JW voorziening once per period it is active in (macro is_active_in_period), found by
-- period number (macro expand_to_periods)
{{ expand_to_periods(
    'actief', 'jeugd', 'ingangsdatum', 'einddatum', 'perioden',
    ['periode_type', 'periode_start', 'periode_eind', 'periode_label']
) }},

final as (

    select
        actief.beschikking_id,
        actief.client_id,
        actief.gemeente_code,
        actief.periode_type,
        actief.periode_start,
        actief.periode_eind,
        actief.periode_label,
        actief.verwijzer_type_code,
        actief.is_verwijzer_gemeente,
        actief.zwaarte
    from actief

)

select * from final
