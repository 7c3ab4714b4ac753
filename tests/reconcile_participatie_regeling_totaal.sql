-- The regeling rows of int_participatie_bestand add up exactly to its 'totaal' row for the additive
-- counts (uitkeringen, instroom, uitstroom, uitstroom naar werk, uitkeringen met werk) and the amount.
-- Returns the periods where they do not.
with

bestand as (

    select * from {{ ref('int_participatie_bestand') }}

),

som as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        sum(case when regeling_code != 'totaal' then aantal_uitkeringen else 0 end) as som_uitkeringen,
        sum(case when regeling_code = 'totaal' then aantal_uitkeringen else 0 end) as totaal_uitkeringen,
        sum(case when regeling_code != 'totaal' then aantal_instroom else 0 end) as som_instroom,
        sum(case when regeling_code = 'totaal' then aantal_instroom else 0 end) as totaal_instroom,
        sum(case when regeling_code != 'totaal' then aantal_uitstroom else 0 end) as som_uitstroom,
        sum(case when regeling_code = 'totaal' then aantal_uitstroom else 0 end) as totaal_uitstroom,
        sum(case when regeling_code != 'totaal' then aantal_uitstroom_naar_werk else 0 end) as som_naar_werk,
        sum(case when regeling_code = 'totaal' then aantal_uitstroom_naar_werk else 0 end) as totaal_naar_werk,
        sum(case when regeling_code != 'totaal' then aantal_uitkeringen_met_werk else 0 end) as som_met_werk,
        sum(case when regeling_code = 'totaal' then aantal_uitkeringen_met_werk else 0 end) as totaal_met_werk,
        sum(case when regeling_code != 'totaal' then bedrag_uitkeringen else 0 end) as som_bedrag,
        sum(case when regeling_code = 'totaal' then bedrag_uitkeringen else 0 end) as totaal_bedrag
    from bestand
    group by gemeente_code, periode_type, periode_start

),

final as (

    select * from som
    where
        som_uitkeringen != totaal_uitkeringen
        or som_instroom != totaal_instroom
        or som_uitstroom != totaal_uitstroom
        or som_naar_werk != totaal_naar_werk
        or som_met_werk != totaal_met_werk
        or som_bedrag != totaal_bedrag

)

select * from final
