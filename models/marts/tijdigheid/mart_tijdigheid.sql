-- Tijdigheid, published: int_zorg_tijdigheid with the share tijdig (also without herindicaties)
-- and the target per wet from
-- seed kpi_doelen (kpi_code 'tijdigheid'); is_doel_gehaald (macro is_doel_gehaald) is null when
-- the share is undefined or has no target, and suppressed with it. Suppression as declared in
-- _tijdigheid__models.yml.
with

tijdigheid as (select * from {{ ref('int_zorg_tijdigheid') }}),

doelen as (

    select * from {{ ref('kpi_doelen') }}
    where kpi_code = 'tijdigheid'

),

met_aandeel as (

    select
        tijdigheid.*,
        {{ aandeel('tijdigheid.aantal_besluiten_tijdig', 'tijdigheid.aantal_besluiten') }} as aandeel_tijdig,
        {{ aandeel(
            'tijdigheid.aantal_besluiten_zonder_herindicatie_tijdig', 'tijdigheid.aantal_besluiten_zonder_herindicatie'
        ) }} as aandeel_tijdig_zonder_herindicatie
    from tijdigheid

),

final as (

    select
        met_aandeel.*,
        cast(doelen.doelwaarde as {{ dbt.type_numeric() }}) as doel_aandeel_tijdig,
        {{ is_doel_gehaald('met_aandeel.aandeel_tijdig', 'doelen.doelwaarde', 'doelen.richting') }}
            as is_doel_gehaald
    from met_aandeel
    left join doelen on met_aandeel.wet_code = doelen.wet

)

select * from final
