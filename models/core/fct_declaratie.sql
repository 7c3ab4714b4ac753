with

declaraties as (select * from {{ ref('stg_extract__declaraties') }}),

beschikkingen as (

    select beschikking_id from {{ ref('stg_extract__beschikkingen') }}

),

ingetrokken as (

    select beschikking_id from {{ ref('stg_extract__beschikkingen_ingetrokken') }}

),

-- for the gemeente a declaratie counts in (kpi-definitions.md, Money): that of its beschikking,
-- else that of the client's current version, else the warehouse's own (var gemeente_code)
voorzieningen as (

    select
        beschikking_id,
        gemeente_code
    from {{ ref('fct_voorziening') }}

),

clienten as (

    select
        client_id,
        gemeente_code
    from {{ ref('dim_client') }}
    where is_current

),

debet_credit as (select * from {{ ref('code_debet_credit') }}),

statussen as (select * from {{ ref('code_declaratie_status') }}),

final as (

    select
        {{ declared_casts(['declaratie_id', 'registratiedatum', 'beschikking_id', 'client_id'], 'declaraties') }},
        cast(
            coalesce(voorzieningen.gemeente_code, clienten.gemeente_code, '{{ var("gemeente_code") }}')
            as {{ dbt.type_string() }}
        ) as gemeente_code,
        cast(declaraties.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(
            {{ product_id('declaraties.wet_code', 'declaraties.productcategorie_code', 'declaraties.productcode') }}
            as {{ dbt.type_string() }}
        ) as product_id,
        {{ declared_casts([
            'productcategorie_code', 'productcode', 'periode_begin', 'periode_eind',
        ], 'declaraties') }},
        cast({{ dbt.datediff('declaraties.periode_begin', 'declaraties.periode_eind', 'day') }} + 1 as integer)
            as periode_dagen,
        {{ declared_casts(['volume', 'eenheid_code', 'bedrag', 'debet_credit_code'], 'declaraties') }},
        cast(declaraties.bedrag * debet_credit.teken as decimal(18, 2)) as signed_bedrag,
        cast(declaraties.status_code as {{ dbt.type_string() }}) as status_code,
        coalesce(statussen.is_toegewezen, false) as is_toegewezen,
        cast({{ aanbieder_id('declaraties.aanbieder_agb') }} as {{ dbt.type_string() }}) as aanbieder_id,
        cast(declaraties.ingediend_op as date) as ingediend_op,
        beschikkingen.beschikking_id is not null or ingetrokken.beschikking_id is not null as is_beschikking_bekend,
        ingetrokken.beschikking_id is not null as is_beschikking_ingetrokken
    from declaraties
    left join debet_credit using (debet_credit_code)
    left join statussen using (status_code)
    left join beschikkingen using (beschikking_id)
    left join ingetrokken using (beschikking_id)
    left join voorzieningen using (beschikking_id)
    left join clienten using (client_id)

)

select * from final
