-- Realisatie at its finest grain: every accepted declaratie line (current version has status
-- toegewezen; afgewezen and ingediend do not count) attributed to calendar months pro rata by the
-- days of periode_begin .. periode_eind (fct_declaratie_maand; signed: credit lines negative), by
-- the wet and productcategorie ON THE DECLARATIE. All months, also before the reporting window, so
-- that the money here equals the money in the facts. Lines against a withdrawn or unknown
-- beschikking count, and are flagged (data quality).
-- gemeente_code: the declaratie's (fct_declaratie: of the beschikking claimed against; when that
-- beschikking is withdrawn or unknown, of the client's current version; else var('gemeente_code')).
--
-- Two work columns let int_realisatie_periode count distinct lines and clients per period with
-- little sorting:
-- client_nummer: a dense rank of the client_id (the 64-character pseudonym) over the current
--   clients of dim_client, so windows partition and sort on a small integer. A rank rather than a
--   hash (macro client_sleutel): exact without a collision guard, and a few hundred thousand
--   current clients cost next to nothing to rank. Every client_id of the facts has a current
--   version (relationships test to dim_client); the not_null test on this column checks it.
-- is_eerste_maand: true on the month that holds the declaratie's periode_begin. A declaratie's
--   months are consecutive, so the line before a month of the same declaratie is the month
--   before, unless it is the first: no sort per declaratie is needed.
with

declaratie_maanden as (select * from {{ ref('fct_declaratie_maand') }}),

declaraties as (

    select
        declaratie_id,
        gemeente_code,
        is_beschikking_bekend,
        is_beschikking_ingetrokken,
        periode_begin
    from {{ ref('fct_declaratie') }}

),

clienten as (

    select
        client_id,
        dense_rank() over (order by client_id) as client_nummer
    from {{ ref('dim_client') }}
    where is_current

),

final as (

    select
        cast(declaratie_maanden.declaratie_id as {{ dbt.type_string() }}) as declaratie_id,
        cast(declaratie_maanden.maand_start as date) as maand_start,
        cast(declaratie_maanden.maand_eind as date) as maand_eind,
        cast(declaratie_maanden.jaar as integer) as jaar,
        cast(declaraties.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(declaratie_maanden.client_id as {{ dbt.type_string() }}) as client_id,
        cast(clienten.client_nummer as {{ dbt.type_bigint() }}) as client_nummer,
        cast(declaratie_maanden.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(declaratie_maanden.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        coalesce(not declaraties.is_beschikking_bekend, true) as is_beschikking_onbekend,
        coalesce(declaraties.is_beschikking_ingetrokken, false) as is_beschikking_ingetrokken,
        declaratie_maanden.maand_start <= declaraties.periode_begin as is_eerste_maand,
        cast(declaratie_maanden.signed_bedrag_maand as decimal(28, 8)) as signed_bedrag_maand
    from declaratie_maanden
    left join declaraties using (declaratie_id)
    left join clienten using (client_id)
    where declaratie_maanden.is_toegewezen

)

select * from final
