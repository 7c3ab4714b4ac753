with

verwijzers as {{ inline_cte() }} (select * from {{ ref('stg_extract__verwijzers') }}),

beschikkingen as (select * from {{ ref('stg_extract__beschikkingen') }}),

verwijzer_types as (select * from {{ ref('code_verwijzer_type') }}),

-- the beschikkingen naming a verwijzer_id that the verwijzers extract does not (yet) hold
onbekend_verwezen as (

    select
        beschikkingen.beschikking_id,
        beschikkingen.registratiedatum,
        beschikkingen.verwijzer_id,
        beschikkingen.verwijzer_type_code
    from beschikkingen
    left join verwijzers using (verwijzer_id)
    where beschikkingen.verwijzer_id is not null and verwijzers.verwijzer_id is null

),

-- those verwijzer_ids: inferred members, typed by the most recently registered beschikking that
-- names them (macro laatst_geregistreerd)
afgeleid as (

    {{ laatst_geregistreerd('onbekend_verwezen', ['verwijzer_id'], ['verwijzer_type_code as verwijzer_type_code']) }}

),

leden as (

    select
        verwijzer_id,
        verwijzer_type_code,
        verwijzer_naam,
        verwijzer_agb,
        false as is_onbekend
    from verwijzers

    union all

    select
        verwijzer_id,
        verwijzer_type_code,
        cast(null as {{ dbt.type_string() }}) as verwijzer_naam,
        cast(null as {{ dbt.type_string() }}) as verwijzer_agb,
        true as is_onbekend
    from afgeleid

    union all

    -- the member for beschikkingen without verwijzer_id
    select
        {{ verwijzer_id('null') }} as verwijzer_id,
        cast(null as {{ dbt.type_string() }}) as verwijzer_type_code,
        'Onbekend (geen verwijzer geregistreerd)' as verwijzer_naam,
        cast(null as {{ dbt.type_string() }}) as verwijzer_agb,
        true as is_onbekend

),

final as (

    select
        cast(leden.verwijzer_id as {{ dbt.type_string() }}) as verwijzer_id,
        cast(leden.verwijzer_type_code as {{ dbt.type_string() }}) as verwijzer_type_code,
        cast(verwijzer_types.verwijzer_type_omschrijving as {{ dbt.type_string() }})
            as verwijzer_type_omschrijving,
        verwijzer_types.is_gemeente,
        cast(leden.verwijzer_naam as {{ dbt.type_string() }}) as verwijzer_naam,
        cast(leden.verwijzer_agb as {{ dbt.type_string() }}) as verwijzer_agb,
        leden.is_onbekend
    from leden
    left join verwijzer_types using (verwijzer_type_code)

)

select * from final
