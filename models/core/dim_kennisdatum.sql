-- The effective knowledge date of this build: var('kennisdatum') when set, else the latest
-- registratiedatum in the extracts (everything loaded counts), else today on an empty warehouse.
with

beschikkingen as (

    select
        registratiedatum,
        _loaded_at
    from {{ ref('stg_extract__beschikkingen') }}

),

ingetrokken as (

    select
        registratiedatum,
        _loaded_at
    from {{ ref('stg_extract__beschikkingen_ingetrokken') }}

),

declaraties as (

    select
        registratiedatum,
        _loaded_at
    from {{ ref('stg_extract__declaraties') }}

),

uitkeringen as (

    select
        registratiedatum,
        _loaded_at
    from {{ ref('stg_extract__uitkeringen') }}

),

verwijzers as (

    select
        registratiedatum,
        _loaded_at
    from {{ ref('stg_extract__verwijzers') }}

),

alle_versies as (

    select * from beschikkingen
    union all
    select * from ingetrokken
    union all
    select * from declaraties
    union all
    select * from uitkeringen
    union all
    select * from verwijzers

),

laatste as (

    select
        max(registratiedatum) as laatste_registratiedatum,
        max(_loaded_at) as laatst_geladen_op
    from alle_versies

),

bepaald as (

    select
        cast(coalesce(
            {{ kennisdatum_literal() }}, laatste_registratiedatum, current_date
        ) as date) as kennisdatum,
        {{ kennisdatum_literal() }} is not null as is_kennisdatum_gezet,
        laatste_registratiedatum,
        laatst_geladen_op
    from laatste

),

final as (

    select
        kennisdatum,
        cast({{ dbt.last_day('kennisdatum', 'month') }} as date) as laatste_maand_eind,
        is_kennisdatum_gezet,
        laatste_registratiedatum,
        cast(laatst_geladen_op as timestamp) as laatst_geladen_op
    from bepaald

)

select * from final
