-- noqa: disable=LT02
{#-
    Casts each named column to the data type the model's yml declares for it (its contract), so a
    column's type is written once, in the yml, and not again in the SQL. Renders, per column,

        cast(relation.column as <declared type>) as column

    joined by commas, for a select list. The declared type goes through the adapter's own type
    names (`string` becomes TEXT on DuckDB and PostgreSQL, stays `string` on Spark), as
    dbt.type_string() does. Usage, in the final CTE of a model whose yml declares data types:

        select
            {{ declared_casts(['uitkering_id', 'client_id', 'ingangsdatum'], 'dossiers') }},
            <columns computed here>
        from dossiers

    A column the yml does not declare, or declares without a data_type, stops compilation with
    its name. While dbt parses (before the yml is read), and in a unit test, it renders the plain
    column references.
-#}
{% macro declared_casts(columns, relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {#-
        A unit test compiles the model under a node of its own, which carries no column
        declarations (and dbt gives it no graph to look the model up in): there the columns pass
        uncast, and dbt compares the expected rows in the types the query returns.
    -#}
    {%- set typed = execute and model.resource_type != 'unit_test' -%}
    {%- set declared = model.columns if typed else {} -%}
    {%- for column in columns -%}
        {%- if typed -%}
            {%- set data_type = declared[column].data_type if column in declared else none -%}
            {%- if not data_type -%}
                {{ exceptions.raise_compiler_error(
                    'declared_casts: ' ~ model.name ~ ' declares no data_type for column ' ~ column
                ) }}
            {%- endif -%}
            cast({{ prefix }}{{ column }} as {{ api.Column.translate_type(data_type) }}) as {{ column }}
        {%- else -%}
            {{ prefix }}{{ column }}
        {%- endif -%}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{%- endmacro %}
