-- Jeugdwet voorzieningen per reporting period (maand, kwartaal, jaar) in which they are active
-- (macro is_active_in_period), with what the jeugd figures split by: whether the voorziening's
-- own verwijzer type is the gemeente (seed code_verwijzer_type.is_gemeente, type 01) and its
-- zwaarte (dim_product, from seed zwaarte_jeugd; 'onbekend' when the product is not mapped).
-- Grain: one row per (beschikking_id, periode_type, periode_start).
with

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

producten as (

    select * from {{ ref('dim_product') }}

),

verwijzer_typen as (

    select * from {{ ref('code_verwijzer_type') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

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
    left join producten
        on voorzieningen.product_id = producten.product_id
    left join verwijzer_typen
        on voorzieningen.verwijzer_type_code = verwijzer_typen.verwijzer_type_code
    where voorzieningen.wet_code = 'JW'

),

final as (

    select
        jeugd.beschikking_id,
        jeugd.client_id,
        jeugd.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        jeugd.verwijzer_type_code,
        jeugd.is_verwijzer_gemeente,
        jeugd.zwaarte
    from jeugd
    inner join perioden
        on {{ is_active_in_period(
            'jeugd.ingangsdatum', 'jeugd.einddatum', 'perioden.periode_start', 'perioden.periode_eind'
        ) }}

)

select * from final
