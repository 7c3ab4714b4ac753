with

beschikkingen as {{ inline_cte() }} (select * from {{ ref('stg_extract__beschikkingen') }}),

declaraties as (select * from {{ ref('stg_extract__declaraties') }}),

productcategorieen as (select * from {{ ref('code_productcategorie') }}),

zwaarte_jeugd as (select * from {{ ref('zwaarte_jeugd') }}),

producten as (

    select
        wet_code,
        productcategorie_code,
        productcode
    from beschikkingen
    union
    select
        wet_code,
        productcategorie_code,
        productcode
    from declaraties

),

-- description: the one on the most recently registered beschikking that has one (macro
-- laatst_geregistreerd)
omschrijvingen as (

    {{ laatst_geregistreerd(
        'beschikkingen', ['wet_code', 'productcategorie_code', 'productcode'],
        ['product_omschrijving as product_omschrijving'], 'product_omschrijving is not null',
    ) }}

),

final as (

    select
        cast(
            {{ product_id('producten.wet_code', 'producten.productcategorie_code', 'producten.productcode') }}
            as {{ dbt.type_string() }}
        ) as product_id,
        {{ declared_casts(['wet_code', 'productcategorie_code', 'productcode'], 'producten') }},
        cast(omschrijvingen.product_omschrijving as {{ dbt.type_string() }}) as product_omschrijving,
        cast(productcategorieen.productcategorie_omschrijving as {{ dbt.type_string() }})
            as productcategorie_omschrijving,
        cast(productcategorieen.hoofdgroep as {{ dbt.type_string() }}) as hoofdgroep,
        cast(productcategorieen.verblijf as {{ dbt.type_string() }}) as verblijf,
        cast(zwaarte_jeugd.zwaarte as {{ dbt.type_string() }}) as zwaarte,
        cast(productcategorieen.kostenpost as {{ dbt.type_string() }}) as kostenpost
    from producten
    left join omschrijvingen using (wet_code, productcategorie_code, productcode)
    left join productcategorieen
        on
            producten.wet_code = productcategorieen.wet
            and producten.productcategorie_code = productcategorieen.productcategorie_code
    left join zwaarte_jeugd
        on
            producten.wet_code = zwaarte_jeugd.wet
            and producten.productcategorie_code = zwaarte_jeugd.productcategorie_code

)

select * from final
