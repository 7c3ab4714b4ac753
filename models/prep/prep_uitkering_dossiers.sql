-- One row per uitkering dossier. Dossier-level fields (dates, regeling, uitstroomreden) are taken
-- from the payment row with the latest betaalmaand, as the input contract prescribes.
with

uitkeringen as {{ inline_cte() }} (select * from {{ ref('stg_extract__uitkeringen') }}),

gerangschikt as (

    select
        *,
        row_number() over (
            partition by uitkering_id order by betaalmaand desc
        ) as maand_rang
    from uitkeringen

),

totalen as (

    select
        uitkering_id,
        min(betaalmaand) as eerste_betaalmaand,
        max(betaalmaand) as laatste_betaalmaand,
        count(*) as aantal_betaalmaanden,
        sum(bedrag) as totaal_bedrag
    from uitkeringen
    group by uitkering_id

),

final as (

    select
        gerangschikt.uitkering_id,
        gerangschikt.client_id,
        gerangschikt.huishouden_id,
        gerangschikt.gemeente_code,
        gerangschikt.wijk_code,
        gerangschikt.regeling_code,
        gerangschikt.leefvorm_code,
        gerangschikt.aanvraagdatum,
        gerangschikt.besluitdatum,
        gerangschikt.ingangsdatum,
        gerangschikt.einddatum,
        gerangschikt.uitstroomreden_code,
        gerangschikt.registratiedatum,
        totalen.eerste_betaalmaand,
        totalen.laatste_betaalmaand,
        totalen.aantal_betaalmaanden,
        totalen.totaal_bedrag
    from gerangschikt
    inner join totalen using (uitkering_id)
    where gerangschikt.maand_rang = 1

)

select * from final
