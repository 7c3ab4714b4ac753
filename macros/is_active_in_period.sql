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

{#-
    "Starts or ends in a period", the flows' rule, defined once (kpi-definitions.md, instroom and
    uitstroom in M): a date (the ingangsdatum for instroom, the einddatum for uitstroom) falls in
    the inclusive period period_start .. period_end. An unknown date (an open end) never falls in
    a period: false, not null, so the flag can be negated and summed as it is.
    Used for voorzieningen and uitkering dossiers alike.
-#}
{% macro falls_in_period(date_col, period_start, period_end) -%}
    coalesce({{ date_col }} between {{ period_start }} and {{ period_end }}, false)
{%- endmacro %}
