-- Type 2 history of client attributes: a new version starts on the registratiedatum of an
-- observation whose attributes differ from the client's previous state.
with

waarnemingen as (select * from {{ ref('prep_client_waarnemingen') }}),

-- one state per client per registratiedatum: the observation loaded last that day wins
dagstand as (

    select
        *,
        row_number() over (
            partition by client_id, registratiedatum
            order by waarneming_volgnummer desc
        ) as dag_rang
    from waarnemingen

),

-- the state as one hash of the attributes (macro client_attributen), to compare with the previous
toestanden as (

    {%- set delen = [] %}
    {%- for attribuut in client_attributen() %}
        {%- do delen.append("coalesce(cast(" ~ attribuut ~ " as " ~ dbt.type_string() ~ "), '')") %}
        {%- if not loop.last %}{% do delen.append("'|'") %}{% endif %}
    {%- endfor %}

    select
        client_id,
        registratiedatum,
        {{ client_attributen() | join(',\n        ') }},
        {{ dbt.hash(dbt.concat(delen)) }} as toestand_hash
    from dagstand
    where dag_rang = 1

),

vergeleken as (

    select
        *,
        lag(toestand_hash) over (
            partition by client_id order by registratiedatum
        ) as vorige_toestand_hash
    from toestanden

),

wijzigingen as (

    select *
    from vergeleken
    where vorige_toestand_hash is null or vorige_toestand_hash != toestand_hash

),

final as (

    select
        client_id,
        registratiedatum as valid_from,
        lead(registratiedatum) over (
            partition by client_id order by registratiedatum
        ) as valid_to,
        {{ client_attributen() | join(',\n        ') }}
    from wijzigingen

)

select * from final
