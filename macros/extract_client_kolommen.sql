{#- The client of an extract record as staging cleans it, once for every extract that carries
    the client (stg_extract__beschikkingen, stg_extract__uitkeringen): the pseudonym as client_id,
    then the client_attributen() in their order. `record`: the alias of the record (its raw
    columns); `geslacht`: the alias of the code_geslacht seed joined on the record's geslacht
    (its geslacht_code). The postcode normalised (normalise_postcode), an empty gemeente_code the
    delivery's own (var gemeente_code); an attribute without a rule here is taken as it is. -#}
{% macro extract_client_kolommen(record, geslacht) -%}
    {%- set regels = {
        'geslacht_code': geslacht ~ '.geslacht_code',
        'postcode': normalise_postcode(record ~ '.postcode'),
        'gemeente_code': 'coalesce(' ~ record ~ ".gemeente_code, '" ~ var('gemeente_code') ~ "')",
    } -%}
    {{ record }}.bsn_pseudoniem as client_id,
    {%- for attribuut in client_attributen() %}
        {%- set uitdrukking = regels.get(attribuut, record ~ '.' ~ attribuut) %}
        {{ uitdrukking }}{{ ' as ' ~ attribuut if attribuut in regels }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
