-- The besluiten on aanvragen (kpi-definitions.md, tijdigheid and lopende zaken), once: every
-- current, non-withdrawn beschikking (WMO, JW; fct_voorziening) and every uitkering dossier (PW;
-- fct_uitkering), with its aanvraagdatum, besluitdatum and beslistermijn in days. Read by
-- int_zorg_tijdigheid (besluiten per period) and int_zorg_lopende_zaken (aanvragen open on a day).
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

final as (

    select
        cast('beschikking' as {{ dbt.type_string() }}) as bron,
        cast(beschikking_id as {{ dbt.type_string() }}) as besluit_id,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(aanvraagdatum as date) as aanvraagdatum,
        cast(besluitdatum as date) as besluitdatum,
        cast(beslistermijn_dagen as integer) as beslistermijn_dagen
    from voorzieningen

    union all

    select
        cast('uitkering' as {{ dbt.type_string() }}) as bron,
        cast(uitkering_id as {{ dbt.type_string() }}) as besluit_id,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        cast(aanvraagdatum as date) as aanvraagdatum,
        cast(besluitdatum as date) as besluitdatum,
        cast(beslistermijn_dagen as integer) as beslistermijn_dagen
    from uitkeringen

)

select * from final
