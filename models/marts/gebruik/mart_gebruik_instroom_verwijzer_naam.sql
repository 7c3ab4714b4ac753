-- Instroom of Wmo and Jeugd by verwijzer, per gemeente, calendar year, wet, verwijzer type and
-- verwijzer, plus one total row per type (verwijzer_id 'totaal').
--
-- The verwijzers of a type add up to the type's instroom, which mart_gebruik_instroom_verwijzer
-- publishes (its year rows) with its own suppression. So the type total here is not suppressed
-- anew: it is that published figure (declaration `inherit`: locked to its flag), and the
-- verwijzers are suppressed against it.
with

verwijzers as (select * from {{ ref('int_gebruik_verwijzer_naam_telling') }}),

types as {{ inline_cte() }} (

    select * from {{ ref('mart_gebruik_instroom_verwijzer') }}
    where periode_type = 'jaar'

),

cellen as (

    select
        verwijzers.gemeente_code,
        verwijzers.periode_type,
        verwijzers.periode_start,
        verwijzers.periode_eind,
        verwijzers.periode_label,
        verwijzers.wet_code,
        verwijzers.verwijzer_type_code,
        types.verwijzer_type_omschrijving,
        verwijzers.verwijzer_id,
        verwijzers.verwijzer_naam,
        verwijzers.aantal_instroom
    from verwijzers
    inner join types using (gemeente_code, periode_start, wet_code, verwijzer_type_code)

    union all

    select
        types.gemeente_code,
        types.periode_type,
        types.periode_start,
        types.periode_eind,
        types.periode_label,
        types.wet_code,
        types.verwijzer_type_code,
        types.verwijzer_type_omschrijving,
        'totaal' as verwijzer_id,
        'Totaal' as verwijzer_naam,
        types.aantal_instroom
    from types
    where types.verwijzer_type_code != 'totaal'

),

final as (

    select * from cellen

)

select * from final
