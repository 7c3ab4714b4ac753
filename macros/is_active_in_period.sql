{#-
    "Active in a period", defined once (kpi-definitions.md, actieve voorziening in M):
    a record with an inclusive date range start_col .. end_col (end_col null = open-ended) is
    active in the inclusive period period_start .. period_end when it starts on or before the
    period's end and does not end before the period's start.
    Used for voorzieningen (ingangsdatum/einddatum) and uitkering dossiers alike.
-#}
{% macro is_active_in_period(start_col, end_col, period_start, period_end) -%}
    ({{ start_col }} <= {{ period_end }} and ({{ end_col }} is null or {{ end_col }} >= {{ period_start }}))
{%- endmacro %}
