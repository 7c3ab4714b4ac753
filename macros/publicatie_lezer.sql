{#-
    The reader role of a database server (issue: BI tools read the suppressed marts, nothing else).
    After every build (on-run-end) the role `publicatie_lezer` may use the marts schema and read
    its tables, and nothing more: the other schemas (raw, staging, core, the suppression's work
    tables) grant it nothing. Tables are created anew by every build, so the grant is repeated
    after each. A BI account gets it with `grant publicatie_lezer to <account>`.

    DuckDB has no roles: there readers get a published copy (sdw publish), and this is a no-op.
-#}
{% macro grant_publicatie_lezer() -%}
    {{ return(adapter.dispatch('grant_publicatie_lezer', 'sociaal_domein_warehouse')()) }}
{%- endmacro %}

{% macro default__grant_publicatie_lezer() -%}{%- endmacro %}

{% macro postgres__grant_publicatie_lezer() -%}
    {%- set marts = generate_schema_name('marts', none) | trim -%}
    do $$
    begin
        if not exists (select from pg_roles where rolname = 'publicatie_lezer') then
            create role publicatie_lezer nologin;
        end if;
    end
    $$;
    create schema if not exists {{ marts }};
    grant usage on schema {{ marts }} to publicatie_lezer;
    grant select on all tables in schema {{ marts }} to publicatie_lezer
{%- endmacro %}
