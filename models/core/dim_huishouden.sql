with

waarnemingen as {{ inline_cte() }} (select * from {{ ref('prep_client_waarnemingen') }}),

-- the household's latest observation (registratiedatum, then load order) gives its location
laatste as (

    select
        *,
        row_number() over (
            partition by huishouden_id
            order by registratiedatum desc, _batch_id desc, _row_number desc, _source_file desc, bron desc, bron_id desc
        ) as rang
    from waarnemingen

),

totalen as (

    select
        huishouden_id,
        count(distinct client_id) as aantal_clienten,
        min(registratiedatum) as eerste_registratiedatum,
        max(registratiedatum) as laatste_registratiedatum
    from waarnemingen
    group by huishouden_id

),

final as (

    select
        {{ declared_casts(['huishouden_id', 'gemeente_code', 'wijk_code', 'postcode'], 'laatste') }},
        {{ declared_casts(['aantal_clienten', 'eerste_registratiedatum', 'laatste_registratiedatum'], 'totalen') }}
    from laatste
    inner join totalen using (huishouden_id)
    where laatste.rang = 1

)

select * from final
