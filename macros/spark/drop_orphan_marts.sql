{#-
    Marts no model builds any more (a mart renamed or removed), dropped at the end of a build
    (on-run-end), so the published schema holds only figures of this build.

    On DuckDB and PostgreSQL `sdw build` does this after the privacy audit passed
    (ingest/build.py orphan_marts). On Spark the audit reads the build's Parquet files and cannot
    reach the session's catalog, so the build drops them itself: a no-op elsewhere.
-#}
{% macro drop_orphan_marts() -%}
    {{ return(adapter.dispatch('drop_orphan_marts', 'sociaal_domein_warehouse')()) }}
{%- endmacro %}

{% macro default__drop_orphan_marts() -%}{%- endmacro %}

{% macro spark__drop_orphan_marts() -%}
    {%- if execute -%}
        {%- set marts = generate_schema_name('marts', none) | trim -%}
        {%- set built = [] -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type in ('model', 'seed') and node.schema == marts -%}
                {%- do built.append((node.alias or node.name) | lower) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do run_query('create schema if not exists ' ~ marts) -%}
        {%- for row in run_query('show tables in ' ~ marts) -%}
            {%- if not row['isTemporary'] and row['tableName'] | lower not in built -%}
                {%- do log('dropped ' ~ marts ~ '.' ~ row['tableName'] ~ ': no model builds it any more', info=true) -%}
                {%- do run_query('drop table ' ~ marts ~ '.' ~ row['tableName']) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
