-- Every current record that tells us something about a client's attributes: each voorziening
-- (current, non-withdrawn beschikking) and each payment month of an uitkering is an observation of
-- the client's attributes as registered on its registratiedatum.
with

beschikkingen as (select * from {{ ref('stg_extract__beschikkingen') }}),

uitkeringen as (select * from {{ ref('stg_extract__uitkeringen') }}),

waarnemingen as (

    select
        client_id,
        registratiedatum,
        {{ client_attributen() | join(',\n        ') }},
        'beschikking' as bron,
        beschikking_id as bron_id,
        _batch_id,
        _row_number,
        _source_file
    from beschikkingen

    union all

    select
        client_id,
        registratiedatum,
        {{ client_attributen() | join(',\n        ') }},
        'uitkering' as bron,
        {{ dbt.concat(['uitkering_id', "'|'", 'betaalmaand']) }} as bron_id,
        _batch_id,
        _row_number,
        _source_file
    from uitkeringen

),

final as (

    select
        *,
        -- order of observations: registratiedatum, then load order (the row loaded last wins)
        row_number() over (
            partition by client_id
            order by registratiedatum, _batch_id, _row_number, _source_file, bron, bron_id
        ) as waarneming_volgnummer
    from waarnemingen

)

select * from final
