{#-
    Suppression of a derived figure (share, average, amount): docs/kpi-definitions.md, "Derived
    figures". Emits two columns: `<alias>` (NULL when suppressed) and `<alias>_is_onderdrukt`.

    suppress_derived(value_expr, alias, counts=[], flags=[], threshold=none)

      value_expr  the SQL expression of the figure (guard divisions with nullif yourself).
      alias       the output column name.
      counts      the counts it is computed from (numerator and denominator of clients,
                  voorzieningen or households). The figure is suppressed when one of them is NULL
                  (a published count that was suppressed) or from 1 to threshold - 1 (a raw count
                  below the threshold, also when that count is not published itself). A count of 0
                  does not suppress: a division by 0 is undefined, which value_expr handles.
      flags       extra boolean expressions, e.g. `<count>_is_onderdrukt` of suppress_cells.
      threshold   default var('min_celgrootte').
-#}
{% macro suppress_derived(value_expr, alias, counts=[], flags=[], threshold=none) -%}
    {%- set threshold = var('min_celgrootte') if threshold is none else threshold -%}
    {%- set conditions = [] -%}
    {%- for count in counts -%}
        {%- do conditions.append('(' ~ count ~ ') is null') -%}
        {%- do conditions.append('(' ~ count ~ ') >= 1 and (' ~ count ~ ') < ' ~ threshold) -%}
    {%- endfor -%}
    {%- for flag in flags -%}
        {%- do conditions.append('coalesce(' ~ flag ~ ', false)') -%}
    {%- endfor -%}
    {%- if not conditions -%}
        {%- do exceptions.raise_compiler_error(
            "suppress_derived: give the counts (or flags) " ~ alias ~ " is computed from"
        ) -%}
    {%- endif -%}
    {%- set suppressed = '(' ~ (conditions | join(') or (')) ~ ')' -%}
    case when {{ suppressed }} then null else {{ value_expr }} end as {{ alias }},
    case when {{ suppressed }} then true else false end as {{ alias }}_is_onderdrukt
{%- endmacro %}
