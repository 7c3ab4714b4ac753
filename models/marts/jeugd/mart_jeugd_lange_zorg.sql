-- Jeugdigen met lange zorginzet, published: int_zorg_jeugd_lange_zorg with small-cell
-- suppression as the last step, and the share lange zorginzet / in zorg through suppress_derived.
-- No additive group: the two counts do not partition a published total.
with

lange_zorg as (

    select * from {{ ref('int_zorg_jeugd_lange_zorg') }}

),

onderdrukt as (

    {{ suppress_cells(
        'lange_zorg',
        dimensions=['gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'peildatum'],
        count_columns=['aantal_jeugdigen_in_zorg', 'aantal_jeugdigen_lange_zorginzet'],
    ) }}

),

final as (

    select
        onderdrukt.*,
        {{ suppress_derived(
            'cast(1.0 * onderdrukt.aantal_jeugdigen_lange_zorginzet / nullif(onderdrukt.aantal_jeugdigen_in_zorg, 0) as '
                ~ dbt.type_numeric() ~ ')',
            'aandeel_lange_zorginzet',
            counts=['onderdrukt.aantal_jeugdigen_lange_zorginzet', 'onderdrukt.aantal_jeugdigen_in_zorg'],
        ) }}
    from onderdrukt

)

select * from final
