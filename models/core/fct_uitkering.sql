with

dossiers as (

    select * from {{ ref('prep_uitkering_dossiers') }}

),

uitstroomredenen as (

    select * from {{ ref('code_uitstroomreden') }}

),

final as (

    select
        cast(dossiers.uitkering_id as {{ dbt.type_string() }}) as uitkering_id,
        cast(dossiers.client_id as {{ dbt.type_string() }}) as client_id,
        cast(dossiers.huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(dossiers.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(dossiers.wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        cast(dossiers.regeling_code as {{ dbt.type_string() }}) as regeling_code,
        cast(dossiers.leefvorm_code as {{ dbt.type_string() }}) as leefvorm_code,
        cast(dossiers.aanvraagdatum as date) as aanvraagdatum,
        cast(dossiers.besluitdatum as date) as besluitdatum,
        cast(dossiers.ingangsdatum as date) as ingangsdatum,
        cast(dossiers.einddatum as date) as einddatum,
        cast(dossiers.uitstroomreden_code as {{ dbt.type_string() }}) as uitstroomreden_code,
        coalesce(uitstroomredenen.is_werk, false) as is_uitstroom_naar_werk,
        cast({{ dbt.datediff('dossiers.aanvraagdatum', 'dossiers.besluitdatum', 'day') }} as integer)
            as beslistermijn_dagen,
        cast(dossiers.eerste_betaalmaand as {{ dbt.type_string() }}) as eerste_betaalmaand,
        cast(dossiers.laatste_betaalmaand as {{ dbt.type_string() }}) as laatste_betaalmaand,
        cast(dossiers.aantal_betaalmaanden as integer) as aantal_betaalmaanden,
        cast(dossiers.totaal_bedrag as decimal(18, 2)) as totaal_bedrag,
        cast(dossiers.registratiedatum as date) as registratiedatum
    from dossiers
    left join uitstroomredenen
        on dossiers.uitstroomreden_code = uitstroomredenen.uitstroomreden_code

)

select * from final
