with

dossiers as (select * from {{ ref('prep_uitkering_dossiers') }}),

uitstroomredenen as (select * from {{ ref('code_uitstroomreden') }}),

final as (

    select
        {{ declared_casts([
            'uitkering_id', 'client_id', 'huishouden_id', 'gemeente_code', 'wijk_code',
        ], 'dossiers') }},
        cast('PW' as {{ dbt.type_string() }}) as wet_code,
        {{ declared_casts([
            'regeling_code', 'leefvorm_code', 'aanvraagdatum', 'besluitdatum', 'ingangsdatum', 'einddatum',
            'uitstroomreden_code',
        ], 'dossiers') }},
        coalesce(uitstroomredenen.is_werk, false) as is_uitstroom_naar_werk,
        cast({{ dbt.datediff('dossiers.aanvraagdatum', 'dossiers.besluitdatum', 'day') }} as integer)
            as beslistermijn_dagen,
        {{ declared_casts([
            'eerste_betaalmaand', 'laatste_betaalmaand', 'aantal_betaalmaanden', 'totaal_bedrag',
            'registratiedatum',
        ], 'dossiers') }}
    from dossiers
    left join uitstroomredenen using (uitstroomreden_code)

)

select * from final
