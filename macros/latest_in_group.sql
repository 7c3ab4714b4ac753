{#-
    Per group of relation's rows, the values of the row that comes first in order_by: one row per
    group (the columns of group_by) with the named values (value_columns: 'expression as name').
    order_by is a list of expressions compared in turn, the largest first; a null counts as smaller
    than any value (order by ... desc nulls last). Rows that tie on all of them: any one of them.
    filter: a condition on the rows (default all rows).
    key_bits: for a relation with many groups, one bit width per order_by expression, each then a
    whole number from 0 to 2^bits - 2 (or null); a value outside that range is an error.

    The portable form ranks the rows of each group (row_number) and keeps the first. On DuckDB one
    aggregate does it (arg_max over the order_by values), without sorting every row: several times
    faster on the tens of millions of rows of a period table. Without key_bits it compares the
    values as one row value, whose state DuckDB keeps outside its buffer manager: it cannot spill,
    and at the national size (179 million groups) the aggregate ran out of memory. With key_bits the
    values are packed into one fixed-width number (HUGEINT, 127 bits at most), a state DuckDB spills
    like any other.
-#}
{% macro latest_in_group(relation, group_by, order_by, value_columns, filter='1 = 1', key_bits=none) -%}
    {%- if key_bits is not none and key_bits | length != order_by | length -%}
        {{ exceptions.raise_compiler_error('latest_in_group: key_bits needs one width per order_by expression') }}
    {%- endif -%}
    {%- if key_bits is not none and key_bits | sum > 127 -%}
        {{ exceptions.raise_compiler_error('latest_in_group: key_bits add up to more than 127') }}
    {%- endif -%}
    {%- set sql = adapter.dispatch('latest_in_group', 'sociaal_domein_warehouse')(
        relation, group_by, order_by, value_columns, filter, key_bits
    ) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing: lint the
        portable form then -#}
    {%- if sql | trim == '' -%}
        {%- set sql = default__latest_in_group(relation, group_by, order_by, value_columns, filter, key_bits) -%}
    {%- endif -%}
    {{ return(sql) }}
{%- endmacro %}


{% macro default__latest_in_group(relation, group_by, order_by, value_columns, filter, key_bits=none) -%}
    select
    {%- for col in group_by %}
        sdw_gerangschikt.{{ col }},
    {%- endfor %}
    {%- for value in value_columns %}
        sdw_gerangschikt.{{ value.split(' as ')[-1] | trim }}{{ ',' if not loop.last }}
    {%- endfor %}
    from (
        select
    {%- for col in group_by %}
            sdw_bron.{{ col }},
    {%- endfor %}
    {%- for value in value_columns %}
        {{ value }},
    {%- endfor %}
            row_number() over (
                partition by {% for col in group_by %}sdw_bron.{{ col }}{{ ', ' if not loop.last }}{% endfor %}
                order by
    {%- for expression in order_by %}
                    case when {{ expression }} is null then 0 else 1 end desc,
                    {{ expression }} desc{{ ',' if not loop.last }}
    {%- endfor %}
            ) as sdw_rang
        from {{ relation }} as sdw_bron
        where {{ filter }}
    ) as sdw_gerangschikt
    where sdw_gerangschikt.sdw_rang = 1
{%- endmacro %}


{% macro duckdb__latest_in_group(relation, group_by, order_by, value_columns, filter, key_bits=none) -%}
    {%- if key_bits is none %}
        {%- set volgorde -%}
            ({% for expression in order_by %}{{ expression }} is not null, {{ expression }}{{ ', ' if not loop.last }}{% endfor %})
        {%- endset %}
    {%- else %}
        {#- each value v in its own bits, v + 1 (0 for null: smaller than any value), the first
            expression in the highest bits -#}
        {%- set volgorde -%}
            {%- for expression in order_by %}
                {%- set shift = key_bits[loop.index:] | sum %}
            (case
                when ({{ expression }}) is null then 0
                when ({{ expression }}) between 0 and {{ 2 ** key_bits[loop.index0] - 2 }}
                    then cast(({{ expression }}) + 1 as hugeint) * {{ 2 ** shift }}
                else error('latest_in_group: ' || cast(({{ expression }}) as varchar)
                    || ' does not fit in {{ key_bits[loop.index0] }} bits')
            end){{ ' +' if not loop.last }}
            {%- endfor %}
        {%- endset %}
    {%- endif %}
    select
    {%- for col in group_by %}
        sdw_bron.{{ col }},
        {%- endfor %}
    {%- for value in value_columns %}
        arg_max_null({{ value.split(' as ')[0] | trim }}, {{ volgorde }}) as {{ value.split(' as ')[-1] | trim }}
        {{- ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }} as sdw_bron
    where {{ filter }}
    group by {% for col in group_by %}sdw_bron.{{ col }}{{ ', ' if not loop.last }}{% endfor %}
{%- endmacro %}
