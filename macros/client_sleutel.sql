{#-
    A 64-bit number for a client_id (the 64-character pseudonym), to group and count distinct
    clients on a number instead of a long string: the hash tables of a distinct count over the
    tens of millions of client-period rows at 1M inhabitants take less than half the memory.

    Two ids could in theory get the same number. The singular test core_client_sleutel_uniek fails
    the build when any two client_ids of dim_client do (every client_id of the facts is in
    dim_client: relationships tests), so a count over the numbers equals the count over the ids.
    Engines without a 64-bit hash get the id itself.
-#}
{% macro client_sleutel(client_id) -%}
    {%- set sql = adapter.dispatch('client_sleutel', 'sociaal_domein_warehouse')(client_id) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing -#}
    {{ return(sql if sql | trim else default__client_sleutel(client_id)) }}
{%- endmacro %}

{% macro default__client_sleutel(client_id) -%}{{ client_id }}{%- endmacro %}

{% macro duckdb__client_sleutel(client_id) -%}hash({{ client_id }}){%- endmacro %}

{% macro postgres__client_sleutel(client_id) -%}hashtextextended({{ client_id }}, 0){%- endmacro %}

{% macro spark__client_sleutel(client_id) -%}xxhash64({{ client_id }}){%- endmacro %}
