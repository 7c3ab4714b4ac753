-- For every closed voorziening with frequentie 6 (totaal) and a known verplichting, the
-- verplichting summed over the years of int_verplichting_jaar equals its whole verplichting
-- volume x tarief (eenheid 83: tarief 1), to the cent; and its days over the years add up.
with

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}
    where
        frequentie_code = '6' and einddatum is not null and volume is not null
        and (tarief is not null or eenheid_code = '83')

),

jaren as (

    select
        beschikking_id,
        sum(bedrag_verplichting) as bedrag_over_jaren,
        sum(dagen_in_jaar) as dagen_over_jaren
    from {{ ref('int_verplichting_jaar') }}
    group by beschikking_id

),

final as (

    select
        voorzieningen.beschikking_id,
        voorzieningen.volume * case when voorzieningen.eenheid_code = '83' then 1 else voorzieningen.tarief end
            as bedrag_geheel,
        jaren.bedrag_over_jaren,
        jaren.dagen_over_jaren
    from voorzieningen
    left join jaren
        on voorzieningen.beschikking_id = jaren.beschikking_id
    where
        jaren.beschikking_id is null
        or abs(
            jaren.bedrag_over_jaren
            - voorzieningen.volume * case when voorzieningen.eenheid_code = '83' then 1 else voorzieningen.tarief end
        ) >= 0.005
        or jaren.dagen_over_jaren
        != {{ dbt.datediff('voorzieningen.ingangsdatum', 'voorzieningen.einddatum', 'day') }} + 1

)

select * from final
