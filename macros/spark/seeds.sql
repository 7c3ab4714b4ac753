-- noqa: disable=LT02
{#-
    Seeds on Spark: dbt-spark's seed macros (spark__create_csv_table, spark__load_csv_rows) with
    two changes; the root project's spark__ macros take precedence over the adapter's.
    - Types: the seeds' column_types (seeds/_seeds.yml) say `varchar` for text, which DuckDB and
      PostgreSQL take as unbounded text and Spark refuses without a length; on Spark: `string`.
    - Values: with method `session` dbt-spark puts each value between quotes without escaping it
      (`Euro's` breaks the statement) and an empty cell becomes the text 'None'. Here each value
      is written as a literal: NULL, a number as it is, text quoted with its quotes and
      backslashes escaped.
-#}
{% macro sdw_spark_seed_type(model, agate_table, index) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set inferred_type = adapter.convert_type(agate_table, index) -%}
    {%- set type = column_override.get(agate_table.column_names[index], inferred_type) -%}
    {{- 'string' if type | lower == 'varchar' else type -}}
{%- endmacro %}


{% macro sdw_spark_literal(value) -%}
    {%- if value is none -%}null
    {%- elif value is number and value is not boolean -%}{{ value }}
    {%- elif value is boolean -%}{{ 'true' if value else 'false' }}
    {%- else -%}'{{ (value | string).replace('\\', '\\\\').replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}


{% macro spark__create_csv_table(model, agate_table) %}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {% set sql %}
    create table {{ this.render() }} (
        {%- for col_name in agate_table.column_names -%}
            {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }}
            {{ sdw_spark_seed_type(model, agate_table, loop.index0) }}{{ ',' if not loop.last }}
        {%- endfor -%}
    )
    {{ file_format_clause() }}
    {{ partition_cols(label="partitioned by") }}
    {{ clustered_cols(label="clustered by") }}
    {{ location_clause() }}
    {{ comment_clause() }}
    {% endset %}

    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}

    {{ return(sql) }}
{% endmacro %}


{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(sdw_spark_seed_type(model, agate_table, loop.index0)) -%}
    {%- endfor -%}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(get_batch_size()) %}
        {% set sql %}
        insert into {{ this.render() }} values
        {% for row in chunk -%}
            ({%- for value in row -%}
                cast({{ sdw_spark_literal(value) }} as {{ types[loop.index0] }}){{ ',' if not loop.last }}
            {%- endfor -%}){{ ',' if not loop.last }}
        {%- endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}
    {{ return(statements[0]) }}
{% endmacro %}
