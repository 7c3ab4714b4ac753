-- noqa: disable=LT02
{#- A small constant table, written as rows instead of a union of selects by hand:
    values_table(['duur_klasse', 'duur_klasse_volgorde'], [['<1', 1], ['1-2', 2]]). Strings are
    quoted, numbers written as they are; one union all per row works on every engine. -#}
{% macro values_table(columns, rows) -%}
    {%- for row in rows %}
        select
        {%- for value in row %}
            {%- set literal = "'" ~ value | replace("'", "''") ~ "'" if value is string else value %}
            {{ literal }} as {{ columns[loop.index0] }}{{ ',' if not loop.last }}
        {%- endfor %}
        {%- if not loop.last %}
        union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
