-- Realisatie at its finest grain: every accepted declaratie line (current version has status
-- toegewezen; afgewezen and ingediend do not count) attributed to calendar months pro rata by the
-- days of periode_begin .. periode_eind (fct_declaratie_maand; signed: credit lines negative), by
-- the wet and productcategorie ON THE DECLARATIE. All months, also before the reporting window, so
-- that the money here equals the money in the facts. Lines against a withdrawn or unknown
-- beschikking count, and are flagged (data quality).
-- gemeente_code: of the beschikking claimed against (fct_voorziening); when that beschikking is
-- withdrawn or unknown, of the client's current version (dim_client); else var('gemeente_code').
with

declaratie_maanden as (

    select * from {{ ref('fct_declaratie_maand') }}

),

declaraties as (

    select
        declaratie_id,
        beschikking_id,
        is_beschikking_bekend,
        is_beschikking_ingetrokken
    from {{ ref('fct_declaratie') }}

),

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

final as (

    select
        cast(declaratie_maanden.declaratie_id as {{ dbt.type_string() }}) as declaratie_id,
        cast(declaratie_maanden.maand_start as date) as maand_start,
        cast(declaratie_maanden.maand_eind as date) as maand_eind,
        cast(declaratie_maanden.jaar as integer) as jaar,
        cast(
            coalesce(voorzieningen.gemeente_code, clienten.gemeente_code, '{{ var("gemeente_code") }}')
            as {{ dbt.type_string() }}
        ) as gemeente_code,
        cast(declaratie_maanden.client_id as {{ dbt.type_string() }}) as client_id,
        cast(declaratie_maanden.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(declaratie_maanden.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        coalesce(not declaraties.is_beschikking_bekend, true) as is_beschikking_onbekend,
        coalesce(declaraties.is_beschikking_ingetrokken, false) as is_beschikking_ingetrokken,
        cast(declaratie_maanden.signed_bedrag_maand as decimal(28, 8)) as signed_bedrag_maand
    from declaratie_maanden
    left join declaraties
        on declaratie_maanden.declaratie_id = declaraties.declaratie_id
    left join voorzieningen
        on declaraties.beschikking_id = voorzieningen.beschikking_id
    left join clienten
        on declaratie_maanden.client_id = clienten.client_id
    where declaratie_maanden.is_toegewezen

)

select * from final
