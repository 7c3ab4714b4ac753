with

waarnemingen as {{ inline_cte() }} (

    select * from {{ ref('prep_client_waarnemingen') }}

),

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
        cast(laatste.huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(laatste.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(laatste.wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(laatste.postcode as {{ dbt.type_string() }}) as postcode,
        cast(totalen.aantal_clienten as integer) as aantal_clienten,
        cast(totalen.eerste_registratiedatum as date) as eerste_registratiedatum,
        cast(totalen.laatste_registratiedatum as date) as laatste_registratiedatum
    from laatste
    inner join totalen
        on laatste.huishouden_id = totalen.huishouden_id
    where laatste.rang = 1

)

select * from final
