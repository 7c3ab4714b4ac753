with

declaraties as (

    select * from {{ ref('stg_extract__declaraties') }}

),

beschikkingen as (

    select beschikking_id from {{ ref('stg_extract__beschikkingen') }}

),

ingetrokken as (

    select beschikking_id from {{ ref('stg_extract__beschikkingen_ingetrokken') }}

),

debet_credit as (

    select * from {{ ref('code_debet_credit') }}

),

statussen as (

    select * from {{ ref('code_declaratie_status') }}

),

final as (

    select
        cast(declaraties.declaratie_id as {{ dbt.type_string() }}) as declaratie_id,
        cast(declaraties.registratiedatum as date) as registratiedatum,
        cast(declaraties.beschikking_id as {{ dbt.type_string() }}) as beschikking_id,
        cast(declaraties.client_id as {{ dbt.type_string() }}) as client_id,
        cast(declaraties.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(
            {{ product_id('declaraties.wet_code', 'declaraties.productcategorie_code', 'declaraties.productcode') }}
            as {{ dbt.type_string() }}
        ) as product_id,
        cast(declaraties.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(declaraties.productcode as {{ dbt.type_string() }}) as productcode,
        cast(declaraties.periode_begin as date) as periode_begin,
        cast(declaraties.periode_eind as date) as periode_eind,
        cast({{ dbt.datediff('declaraties.periode_begin', 'declaraties.periode_eind', 'day') }} + 1 as integer)
            as periode_dagen,
        cast(declaraties.volume as decimal(18, 2)) as volume,
        cast(declaraties.eenheid_code as {{ dbt.type_string() }}) as eenheid_code,
        cast(declaraties.bedrag as decimal(18, 2)) as bedrag,
        cast(declaraties.debet_credit_code as {{ dbt.type_string() }}) as debet_credit_code,
        cast(declaraties.bedrag * debet_credit.teken as decimal(18, 2)) as signed_bedrag,
        cast(declaraties.status_code as {{ dbt.type_string() }}) as status_code,
        coalesce(statussen.is_toegewezen, false) as is_toegewezen,
        cast({{ aanbieder_id('declaraties.aanbieder_agb') }} as {{ dbt.type_string() }}) as aanbieder_id,
        cast(declaraties.ingediend_op as date) as ingediend_op,
        beschikkingen.beschikking_id is not null or ingetrokken.beschikking_id is not null as is_beschikking_bekend,
        ingetrokken.beschikking_id is not null as is_beschikking_ingetrokken
    from declaraties
    left join debet_credit
        on declaraties.debet_credit_code = debet_credit.debet_credit_code
    left join statussen
        on declaraties.status_code = statussen.status_code
    left join beschikkingen
        on declaraties.beschikking_id = beschikkingen.beschikking_id
    left join ingetrokken
        on declaraties.beschikking_id = ingetrokken.beschikking_id

)

select * from final
