-- The suppression of fixture_suppressie_geerfd_periode is exactly the hand-traced expectation (seed
-- fixture_suppressie_geerfd_verwacht): every cell suppressed or shown as expected, a suppressed cell
-- NULL and a shown one not. Above all GM0001's 2022-Q4 productcategorie 03 (9) stays shown: it is
-- the only quarter of its year, whose 9 the owner shows, so suppressed it would be given away.
-- Fails with every cell that differs.
with

uitkomst as (

    select
        gemeente_code,
        periode_type,
        cast(periode_start as {{ dbt.type_string() }}) as periode_start,
        productcategorie_code,
        aantal_clienten_is_onderdrukt as is_onderdrukt,
        aantal_clienten is null as is_leeg
    from {{ ref('fixture_suppressie_geerfd_periode') }}

),

verwacht as (

    select
        gemeente_code,
        periode_type,
        cast(periode_start as {{ dbt.type_string() }}) as periode_start,
        productcategorie_code,
        is_onderdrukt
    from {{ ref('fixture_suppressie_geerfd_verwacht') }}

),

final as (

    {{ sdc_expected_differences(
        'uitkomst', 'verwacht', ['gemeente_code', 'periode_type', 'periode_start', 'productcategorie_code']
    ) }}

)

select * from final
