-- The effective knowledge date of this build: var('kennisdatum') when set, else the latest
-- registratiedatum in the extracts (everything loaded counts), else today on an empty warehouse.
with

-- the versions of every extract: each extract's staging model, the withdrawn beschikkingen included
{%- set extracts = [
    'stg_extract__beschikkingen',
    'stg_extract__beschikkingen_ingetrokken',
    'stg_extract__declaraties',
    'stg_extract__uitkeringen',
    'stg_extract__verwijzers',
] %}
alle_versies as (
    {%- for extract in extracts %}
        {{ 'union all' if not loop.first }}

        select
            registratiedatum,
            _loaded_at
        from {{ ref(extract) }}
    {%- endfor %}

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
