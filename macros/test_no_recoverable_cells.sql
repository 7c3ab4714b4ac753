{#-
    Generic test: no suppressed cell of an additive group can be recovered from the published
    figures. A group's members are its cells and its total; members shown as NULL are unknown. When
    exactly one member is unknown, it follows by subtraction (total minus the other cells) or, for
    the total, by addition: the test fails with one row per such group, including the recovered
    value (herleide_waarde).

    Row groups (long form): put the test on the count column.
        - no_recoverable_cells:
            arguments:
              category_column: productcategorie_code
              total_value: "'totaal'"       # SQL literal of the total row's category ('null': is null)
              group_by: [periode]           # the columns the cells share (the group key)
    Column groups (wide form): put the test on the model.
        - no_recoverable_cells:
            arguments:
              total_column: aantal_instroom
              cell_columns: [aantal_nieuw, aantal_herindicatie, aantal_geen_herindicatie]
              group_by: [periode, productcategorie_code]   # optional: shown in the failures
-#}
{% test no_recoverable_cells(
    model, column_name=none, category_column=none, total_value=none, group_by=[],
    total_column=none, cell_columns=none
) %}
    {%- if cell_columns is not none -%}
        {%- if total_column is none -%}
            {{ exceptions.raise_compiler_error("no_recoverable_cells: cell_columns needs total_column") }}
        {%- endif -%}
        {%- set members = [total_column] + cell_columns %}
    select
        {%- for col in group_by %}
        {{ col }},
        {%- endfor %}
        {%- for col in members %}
        {{ col }},
        {%- endfor %}
        case
            when {{ total_column }} is null then {{ cell_columns | join(' + ') }}
            else {{ total_column }}
                {%- for col in cell_columns %} - coalesce({{ col }}, 0){% endfor %}
        end as herleide_waarde
    from {{ model }}
    where
        {% for col in members -%}
            case when {{ col }} is null then 1 else 0 end{{ " +" if not loop.last }}
        {% endfor -%}
        = 1
    {%- else -%}
        {%- if column_name is none or category_column is none or total_value is none -%}
            {{ exceptions.raise_compiler_error("no_recoverable_cells: give column_name (test on a column), category_column and total_value, or total_column and cell_columns") }}
        {%- endif -%}
        {%- if (total_value | string | lower) == 'null' -%}
            {%- set is_total = category_column ~ ' is null' -%}
        {%- else -%}
            {%- set is_total = category_column ~ ' = ' ~ total_value -%}
        {%- endif %}
    select
        {%- for col in group_by %}
        {{ col }},
        {%- endfor %}
        sum(case when {{ column_name }} is null then 1 else 0 end) as onbekende_leden,
        case
            when max(case when {{ is_total }} and {{ column_name }} is null then 1 else 0 end) = 1
                then sum(case when not ({{ is_total }}) then {{ column_name }} else 0 end)
            else
                max(case when {{ is_total }} then {{ column_name }} end)
                - sum(case when not ({{ is_total }}) then coalesce({{ column_name }}, 0) else 0 end)
        end as herleide_waarde
    from {{ model }}
    {%- if group_by %}
    group by {{ group_by | join(', ') }}
    {%- endif %}
    having
        sum(case when {{ is_total }} then 1 else 0 end) = 1
        and sum(case when {{ column_name }} is null then 1 else 0 end) = 1
    {%- endif %}
{% endtest %}
