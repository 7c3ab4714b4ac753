-- Realisatie per reporting period (int_rapportage_periode: maand, kwartaal, jaar), gemeente, wet
-- and productcategorie on the declaratie, plus a 'totaal' row per wet. Amounts are sums of the
-- pro rata month parts; counts (declaratieregels, clienten) are distinct over the whole period.
-- Unsuppressed: the marts suppress.
with

regels as (

    select * from {{ ref('int_realisatie_declaratie_maand') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

regels_per_periode as (

    select
        regels.gemeente_code,
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.jaar,
        perioden.is_volledig,
        regels.wet_code,
        regels.productcategorie_code,
        regels.declaratie_id,
        regels.client_id,
        regels.is_beschikking_onbekend,
        regels.is_beschikking_ingetrokken,
        regels.signed_bedrag_maand
    from regels
    inner join perioden
        on regels.maand_start between perioden.periode_start and perioden.periode_eind

),

met_totaal as (

    select * from regels_per_periode
    union all
    select
        gemeente_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        jaar,
        is_volledig,
        wet_code,
        'totaal' as productcategorie_code,
        declaratie_id,
        client_id,
        is_beschikking_onbekend,
        is_beschikking_ingetrokken,
        signed_bedrag_maand
    from regels_per_periode

),

final as (

    select
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(periode_type as {{ dbt.type_string() }}) as periode_type,
        cast(periode_start as date) as periode_start,
        cast(periode_eind as date) as periode_eind,
        cast(periode_label as {{ dbt.type_string() }}) as periode_label,
        cast(jaar as integer) as jaar,
        is_volledig,
        cast(wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(sum(signed_bedrag_maand) as decimal(28, 8)) as bedrag_realisatie,
        cast(
            sum(case when is_beschikking_onbekend then signed_bedrag_maand else 0 end) as decimal(28, 8)
        ) as bedrag_realisatie_onbekende_beschikking,
        cast(
            sum(case when is_beschikking_ingetrokken then signed_bedrag_maand else 0 end) as decimal(28, 8)
        ) as bedrag_realisatie_ingetrokken_beschikking,
        cast(count(distinct declaratie_id) as {{ dbt.type_bigint() }}) as aantal_declaratieregels,
        cast(count(distinct client_id) as {{ dbt.type_bigint() }}) as aantal_clienten,
        cast(
            count(distinct case when is_beschikking_onbekend then client_id end) as {{ dbt.type_bigint() }}
        ) as aantal_clienten_onbekende_beschikking,
        cast(
            count(distinct case when is_beschikking_ingetrokken then client_id end) as {{ dbt.type_bigint() }}
        ) as aantal_clienten_ingetrokken_beschikking
    from met_totaal
    group by
        gemeente_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        jaar,
        is_volledig,
        wet_code,
        productcategorie_code

)

select * from final
