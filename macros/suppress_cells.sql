-- noqa: disable=LT02
-- (sqlfluff's jinja variants misjudge the indentation of jinja tags in uncalled macro bodies;
-- the SQL these macros render is linted in full in the models that call them.)
{#-
    Small-cell suppression for published (long/tidy) marts: docs/kpi-definitions.md, section
    "Publication and privacy". Every published count goes through suppress_cells; every figure
    derived from counts (share, average, amount) goes through suppress_derived.

    suppress_cells(relation, dimensions, count_columns, additive_groups=[], threshold=none, passes=3)

      relation        a ref(), source() or the name of a CTE defined before the call.
      dimensions      the columns that identify a row (the mart's grain), passed through unchanged.
                      Together they must be unique: column groups are evaluated per row.
      count_columns   the count columns to suppress. Each comes out as `<col>` (NULL when
                      suppressed) plus `<col>_is_onderdrukt` (boolean).
      additive_groups sets of cells that partition a published total, in two forms:
        rows    (long) {'category': 'productcategorie_code', 'total': "'totaal'",
                        'columns': [...], 'partition_by': [...], 'order_by': '...'}
                  The cells are the rows that share the values of partition_by (default: every
                  dimension except category) and differ in category; the row whose category equals
                  the SQL literal `total` (or is null, for total 'null') holds their total.
                  columns: the count columns this applies to (default: all count_columns).
                  order_by: the category's natural order for ties (default: category itself, which
                  suits codes of equal length; pass a sort column for classes like 1 < ... < 10).
        columns (wide) {'total_column': 'aantal_instroom',
                        'cell_columns': ['aantal_nieuw', 'aantal_herindicatie', 'aantal_geen_herindicatie']}
                  The cells are measure columns of one row that add up to total_column of that row;
                  their natural order is the order of the list.
      threshold       default var('min_celgrootte').
      passes          how often the whole list of groups is applied: suppressing a cell in one group
                      can expose a cell in another (a row group and a column group share cells), so
                      the groups are applied repeatedly. The generic test no_recoverable_cells proves
                      the result; raise passes if it fails.

    Rules (per count column):
      primary    a count from 1 to threshold - 1 is suppressed; 0 and counts >= threshold are shown.
      secondary  a group's members are its cells and its total. When exactly one member is
                 suppressed, it could be recovered by subtraction (or, for the total, by addition),
                 so one more member is suppressed: the smallest non-zero cell still shown (ties: the
                 category's natural order); if no non-zero cell is shown, the first zero cell shown;
                 only if no cell is shown, the total. The spec's case - total published, exactly one
                 cell suppressed - is the first of these. A total below the threshold is suppressed
                 by the primary rule, and then needs nothing more (its cells are all 0 or suppressed).

    Returns a complete query (starting with `with`); use it as the body of a CTE or as the model's
    final query. Only portable SQL: case, window functions, union all, group by.
-#}
{% macro suppress_cells(relation, dimensions, count_columns, additive_groups=[], threshold=none, passes=3) -%}
    {%- set threshold = var('min_celgrootte') if threshold is none else threshold -%}
    {%- set suffix = '_is_onderdrukt' -%}
    {%- set flags = [] -%}
    {%- for col in count_columns -%}{%- do flags.append(col ~ suffix) -%}{%- endfor -%}
    {#- Check the arguments; expand the groups into steps (one per row group and count column). -#}
    {%- for col in dimensions + count_columns -%}
        {%- do _sdc_require((col | lower)[:4] != 'sdc_', 'column names starting with sdc_ are reserved: ' ~ col) -%}
    {%- endfor -%}
    {%- set steps = [] -%}
    {%- for group in additive_groups -%}
        {%- set is_column_group = 'cell_columns' in group and 'total_column' in group -%}
        {%- do _sdc_require(
            is_column_group or ('category' in group and 'total' in group),
            'an additive group needs total_column and cell_columns, or category and total; got ' ~ group
        ) -%}
        {%- if is_column_group -%}
            {%- set members = [group['total_column']] + group['cell_columns'] -%}
            {%- for col in members -%}
                {%- do _sdc_require(col in count_columns, 'column group member ' ~ col ~ ' is not in count_columns') -%}
            {%- endfor -%}
            {%- do steps.append({'form': 'columns', 'members': members}) -%}
        {%- else -%}
            {%- set category = group['category'] -%}
            {%- do _sdc_require(category in dimensions, 'category ' ~ category ~ ' is not in dimensions') -%}
            {%- set is_total = (category ~ ' is null') if (group['total'] | string | lower) == 'null'
                else (category ~ ' = ' ~ group['total']) -%}
            {%- set partition_by = group['partition_by'] if 'partition_by' in group
                else (dimensions | reject('equalto', category) | list) -%}
            {%- for col in group.get('columns', count_columns) -%}
                {%- do _sdc_require(col in count_columns, 'row group column ' ~ col ~ ' is not in count_columns') -%}
                {%- do steps.append({
                    'form': 'rows',
                    'column': col,
                    'is_total': is_total,
                    'partition_by': partition_by,
                    'order_by': group.get('order_by', category),
                }) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set ns = namespace(previous='sdc_primair', n=0) -%}
    with

    sdc_primair as {{ cte_materialized() }}(
        select
            {%- for dim in dimensions %}
            {{ dim }},
            {%- endfor %}
            {%- for col in count_columns %}
            {{ col }},
            case when {{ col }} >= 1 and {{ col }} < {{ threshold }} then true else false end as {{ col ~ suffix }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ relation }}
    ),
    {#- sqlfluff renders this macro too; with many groups the full expansion is too large to
        parse in reasonable time, so .sqlfluff sets lint_suppression_steps and lint sees only the
        first steps (the same SQL shape). dbt never sets it: models always get every step. -#}
    {%- set step_limit = lint_suppression_steps if lint_suppression_steps is defined else none -%}
    {%- for pass in range(passes) -%}
        {%- for step in steps -%}
            {%- if step_limit is none or ns.n < step_limit -%}
            {%- set ns.n = ns.n + 1 -%}
            {%- set name = 'sdc_stap_' ~ ns.n -%}
            {%- if step['form'] == 'rows' %}
    {{ _sdc_group_step(
        source=ns.previous,
        name=name,
        passthrough=dimensions + count_columns + (flags | reject('equalto', step['column'] ~ suffix) | list),
        value_column=step['column'],
        flag_column=step['column'] ~ suffix,
        is_total=step['is_total'],
        partition_by=step['partition_by'],
        order_by=step['order_by'],
    ) }}
            {%- else %}
    {{ _sdc_column_step(
        source=ns.previous,
        name=name,
        dimensions=dimensions,
        count_columns=count_columns,
        flags=flags,
        members=step['members'],
        suffix=suffix,
    ) }}
            {%- endif -%}
            {%- set ns.previous = name -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor %}

    sdc_resultaat as {{ cte_materialized() }}(
        select
            {%- for dim in dimensions %}
            {{ dim }},
            {%- endfor %}
            {%- for col in count_columns %}
            case when {{ col ~ suffix }} then null else {{ col }} end as {{ col }},
            {{ col ~ suffix }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ ns.previous }}
    )

    select * from sdc_resultaat
{%- endmacro %}


{#-
    The core of secondary suppression, shared by row and column groups. On a long relation where
    each group (rows sharing partition_by) holds its cells and one total row (is_total): when
    exactly one member is suppressed, also suppress the first shown member in the order non-zero
    cells by value, zero cells, the total; ties by order_by. Emits two CTEs, each with a comma.
-#}
{% macro _sdc_group_step(source, name, passthrough, value_column, flag_column, is_total, partition_by, order_by) -%}
    {%- set partition = ('partition by ' ~ (partition_by | join(', '))) if partition_by else '' %}
    {{ name }}_rang as {{ cte_materialized() }}(
        select
            sdc_in.*,
            sum(case when {{ flag_column }} then 1 else 0 end) over ({{ partition }}) as sdc_onbekend,
            max(case when {{ is_total }} then 1 else 0 end) over ({{ partition }}) as sdc_heeft_totaal,
            row_number() over (
                {{ partition }}
                order by
                    case when {{ flag_column }} then 1 else 0 end,
                    case when {{ is_total }} then 2 when {{ value_column }} = 0 then 1 else 0 end,
                    {{ value_column }},
                    {{ order_by }}
            ) as sdc_rang
        from {{ source }} as sdc_in
    ),

    {{ name }} as {{ cte_materialized() }}(
        select
            {%- for col in passthrough %}
            {{ col }},
            {%- endfor %}
            case
                when sdc_onbekend = 1 and sdc_heeft_totaal = 1 and sdc_rang = 1 then true
                else {{ flag_column }}
            end as {{ flag_column }}
        from {{ name }}_rang
    ),
{%- endmacro %}


{#-
    A column group (cells that are measure columns of one row, adding up to a total column of that
    row): unpivot the members to one row each, apply the shared core per original row, pivot back.
-#}
{% macro _sdc_column_step(source, name, dimensions, count_columns, flags, members, suffix) -%}
    {%- set member_flags = [] -%}
    {%- for col in members -%}{%- do member_flags.append(col ~ suffix) -%}{%- endfor -%}
    {%- set kept = dimensions + count_columns + (flags | reject('in', member_flags) | list) %}
    {#- one reference to the source (a cross join with the member numbers, not a union of one
        select per member): each step then adds a constant to the plan instead of multiplying it -#}
    {{ name }}_lid as {{ cte_materialized() }}(
        select
            {%- for kept_col in kept %}
            sdc_bron.{{ kept_col }},
            {%- endfor %}
            sdc_leden.sdc_lid,
            case sdc_leden.sdc_lid
                {%- for col in members %}
                when {{ loop.index0 }} then sdc_bron.{{ col }}
                {%- endfor %}
            end as sdc_waarde,
            case sdc_leden.sdc_lid
                {%- for col in members %}
                when {{ loop.index0 }} then sdc_bron.{{ col ~ suffix }}
                {%- endfor %}
            end as sdc_vlag
        from {{ source }} as sdc_bron
        cross join (
            {%- for col in members %}
            select {{ loop.index0 }} as sdc_lid
            {%- if not loop.last %}
            union all
            {%- endif %}
            {%- endfor %}
        ) as sdc_leden
    ),
    {{ _sdc_group_step(
        source=name ~ '_lid',
        name=name ~ '_kern',
        passthrough=kept + ['sdc_lid', 'sdc_waarde'],
        value_column='sdc_waarde',
        flag_column='sdc_vlag',
        is_total='sdc_lid = 0',
        partition_by=dimensions,
        order_by='sdc_lid',
    ) }}

    {{ name }} as {{ cte_materialized() }}(
        select
            {%- for kept_col in kept %}
            {{ kept_col }},
            {%- endfor %}
            {%- for col in members %}
            case
                when max(case when sdc_lid = {{ loop.index0 }} and sdc_vlag then 1 else 0 end) = 1 then true
                else false
            end as {{ col ~ suffix }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ name }}_kern
        group by
            {%- for kept_col in kept %}
            {{ kept_col }}{{ "," if not loop.last }}
            {%- endfor %}
    ),
{%- endmacro %}


{#- Fails compilation with a clear message when condition is false. -#}
{% macro _sdc_require(condition, message) -%}
    {%- if not condition -%}
        {%- do exceptions.raise_compiler_error('suppress_cells: ' ~ message) -%}
    {%- endif -%}
{%- endmacro %}
