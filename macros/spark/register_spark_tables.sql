{#-
    The tables a Spark build reads but does not build (on-run-start): every source of the project
    (the raw layer, written as Parquet by `sdw load --target spark`, ingest/spark.py) and the
    privacy audit's repairs (suppressie.extra_cellen, written by the audit between builds). Each
    is declared in the session's catalog as an external Parquet table on its folder, so the
    catalog follows the files: a new load or a new repair is read by the next build.

    Where: SDW_SPARK_DIR (the folder of the spark target in profiles.yml)/raw/<table> and
    /audit/extra_cellen; on a cluster SDW_SPARK_RAW points at the raw layer's folder on shared
    storage (hdfs://, s3a://, abfss://). A relative folder is taken from the project directory,
    as Spark takes the profile's warehouse folder.

    Engines with a load of their own (DuckDB, PostgreSQL) have nothing to declare: a no-op.
-#}
{% macro register_spark_tables() -%}
    {{ return(adapter.dispatch('register_spark_tables', 'sociaal_domein_warehouse')()) }}
{%- endmacro %}

{% macro default__register_spark_tables() -%}{%- endmacro %}

{% macro spark__register_spark_tables() -%}
    {%- if execute -%}
        {%- set root = env_var('SDW_SPARK_DIR', 'warehouse/spark') -%}
        {%- if not (root.startswith('/') or ':' in root) -%}
            {%- set root = env_var('PWD', '.') ~ '/' ~ root -%}
        {%- endif -%}
        {%- set raw_root = env_var('SDW_SPARK_RAW', root ~ '/raw') -%}
        {%- set declared = [] -%}
        {%- for source in graph.sources.values() | sort(attribute='unique_id') -%}
            {%- do declared.append((source.schema, source.identifier, raw_root ~ '/' ~ source.identifier, none)) -%}
        {%- endfor -%}
        {%- do declared.append((
            var('suppressie_schema'), 'extra_cellen', root ~ '/audit/extra_cellen',
            'mart string, sleutel string, kolom string, reden string'
        )) -%}
        {%- for schema, table, location, columns in declared -%}
            {%- do run_query('create schema if not exists ' ~ schema) -%}
            {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table) -%}
            {%- do run_query(
                'create table ' ~ schema ~ '.' ~ table ~ (' (' ~ columns ~ ')' if columns else '')
                ~ " using parquet location '" ~ location ~ "'"
            ) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
