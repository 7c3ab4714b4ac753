-- int_participatie_uitstroomreden against int_participatie_bestand (regeling 'totaal'), per gemeente,
-- quarter and year: the reden rows add up to its 'totaal' row, that total equals aantal_uitstroom of
-- the bestand, and the work redenen (is_werk) add up to aantal_uitstroom_naar_werk. Returns mismatches.
with

redenen as (

    select * from {{ ref('int_participatie_uitstroomreden') }}

),

bestand as (

    select * from {{ ref('int_participatie_bestand') }}
    where regeling_code = 'totaal' and periode_type in ('kwartaal', 'jaar')

),

som as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        sum(case when uitstroomreden_code != 'totaal' then aantal_uitstroom else 0 end) as som_redenen,
        sum(case when uitstroomreden_code = 'totaal' then aantal_uitstroom else 0 end) as totaal_redenen,
        sum(case when is_werk then aantal_uitstroom else 0 end) as som_werk
    from redenen
    group by gemeente_code, periode_type, periode_start

),

final as (

    select
        bestand.gemeente_code,
        bestand.periode_type,
        bestand.periode_start,
        som.som_redenen,
        som.totaal_redenen,
        som.som_werk,
        bestand.aantal_uitstroom,
        bestand.aantal_uitstroom_naar_werk
    from bestand
    left join som
        on
            bestand.gemeente_code = som.gemeente_code
            and bestand.periode_type = som.periode_type
            and bestand.periode_start = som.periode_start
    where
        som.totaal_redenen is null
        or som.som_redenen != som.totaal_redenen
        or som.totaal_redenen != bestand.aantal_uitstroom
        or som.som_werk != bestand.aantal_uitstroom_naar_werk

)

select * from final
