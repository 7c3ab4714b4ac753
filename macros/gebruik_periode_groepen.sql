-- noqa: disable=LT02
-- (as in suppress_cells.sql: sqlfluff's jinja variants misjudge the indentation of jinja tags in
-- macro bodies; the SQL these macros render is linted in the models and tests that call them.)
{#-
    Additive groups over time for the event counts of the use-flow marts (gebruik). An event count
    (instroom, uitstroom, ...) of a quarter is the sum of its months, and of a year the sum of its
    quarters: months -> quarter and quarters -> year are additive groups in the sense of
    kpi-definitions.md ("a set of cells that partition a published total"), so a suppressed month
    must not be recoverable as quarter minus the other months. Unique counts are not additive over
    time and stock counts (active voorzieningen) neither: only pass event counts.

    gebruik_periode_hulpkolommen(): two helper columns to add to the relation handed to
    suppress_cells (and to its dimensions; leave them out of the mart's output):
      kwartaal_groep  the quarter of a month or quarter row (null for years)
      jaar_groep      the year of a quarter or year row (null for months)
    gebruik_periode_groepen(columns, partition_by): the two row groups for suppress_cells;
      partition_by = the mart's dimensions other than the period columns. Rows whose helper is
      null share a partition without a total row, which suppress_cells leaves alone.
-#}
{% macro gebruik_periode_hulpkolommen(periode_type='periode_type', periode_start='periode_start') -%}
    case
        when {{ periode_type }} in ('maand', 'kwartaal') then cast({{ dbt.date_trunc('quarter', periode_start) }} as date)
    end as kwartaal_groep,
    case
        when {{ periode_type }} in ('kwartaal', 'jaar') then cast({{ dbt.date_trunc('year', periode_start) }} as date)
    end as jaar_groep
{%- endmacro %}

{% macro gebruik_periode_groepen(columns, partition_by) -%}
    {{ return([
        {
            'category': 'periode_type',
            'total': "'kwartaal'",
            'columns': columns,
            'partition_by': partition_by + ['kwartaal_groep'],
            'order_by': 'periode_start',
        },
        {
            'category': 'periode_type',
            'total': "'jaar'",
            'columns': columns,
            'partition_by': partition_by + ['jaar_groep'],
            'order_by': 'periode_start',
        },
    ]) }}
{%- endmacro %}

{#-
    For singular tests: the cells of the time groups above that can be recovered from a published
    mart (exactly one member of a months -> quarter or quarters -> year group NULL). Uses the
    generic test no_recoverable_cells on the mart with the helper columns added. Returns a query
    with columns kolom, niveau, the partition columns, the group, onbekende_leden, herleide_waarde.
-#}
{% macro gebruik_periode_herleidbare_cellen(model, partition_by, columns) -%}
    with

    gebruik_met_hulp as (
        select
            gebruik_mart.*,
            {{ gebruik_periode_hulpkolommen('gebruik_mart.periode_type', 'gebruik_mart.periode_start') }}
        from {{ model }} as gebruik_mart
    )

    {%- for col in columns %}
    {%- set outer_loop = loop %}
    {%- for niveau in ['kwartaal', 'jaar'] %}
    select
        '{{ col }}' as kolom,
        '{{ niveau }}' as niveau,
        herleidbaar.*
    from (
        {{ test_no_recoverable_cells(
            model='gebruik_met_hulp',
            column_name=col,
            category_column='periode_type',
            total_value="'" ~ niveau ~ "'",
            group_by=partition_by + [niveau ~ '_groep'],
        ) }}
    ) as herleidbaar
    {%- if not (outer_loop.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
{%- endmacro %}

{#- The select list `<alias>.<col>, <alias>.<col>_is_onderdrukt` for each count column, on one line. -#}
{% macro gebruik_kolommen_met_vlag(alias, columns) -%}
    {%- set kolommen = [] -%}
    {%- for col in columns -%}
        {%- do kolommen.append(alias ~ '.' ~ col) -%}
        {%- do kolommen.append(alias ~ '.' ~ col ~ '_is_onderdrukt') -%}
    {%- endfor -%}
    {{ kolommen | join(', ') }}
{%- endmacro %}
