-- The pro rata month split of every claim adds up to the claim: days to periode_dagen, and
-- amounts to signed_bedrag (within a cent), for claims whose period lies inside dim_periode.
with

declaraties as (

    select * from {{ ref('fct_declaratie') }}

),

periode as (

    select
        min(datum) as eerste_datum,
        max(datum) as laatste_datum
    from {{ ref('dim_periode') }}

),

maanden as (

    select
        declaratie_id,
        sum(dagen_in_maand) as dagen,
        sum(signed_bedrag_maand) as bedrag
    from {{ ref('fct_declaratie_maand') }}
    group by declaratie_id

),

final as (

    select
        declaraties.declaratie_id,
        declaraties.periode_dagen,
        maanden.dagen,
        declaraties.signed_bedrag,
        maanden.bedrag
    from declaraties
    cross join periode
    left join maanden
        on declaraties.declaratie_id = maanden.declaratie_id
    where
        declaraties.periode_begin >= periode.eerste_datum
        and declaraties.periode_eind <= periode.laatste_datum
        and (
            maanden.dagen is null
            or maanden.dagen != declaraties.periode_dagen
            or abs(maanden.bedrag - declaraties.signed_bedrag) >= 0.01
        )

)

select * from final
