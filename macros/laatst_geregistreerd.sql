{#- THE rule for an attribute the beschikkingen repeat on every record (an aanbieder's name, a
    product's description, the type of a verwijzer the verwijzers extract does not hold): the
    value on the most recently registered beschikking, the latest registratiedatum, then the
    highest beschikking_id (macro latest_in_group). One row per group (`group_by`) of
    `relation` (rows of stg_extract__beschikkingen) with `value_columns` ('expression as name');
    `filter`: the rows that count. -#}
{% macro laatst_geregistreerd(relation, group_by, value_columns, filter='1 = 1') -%}
    {{ latest_in_group(relation, group_by, ['registratiedatum', 'beschikking_id'], value_columns, filter) }}
{%- endmacro %}
