{#-
    Whether a KPI value meets its target (seed kpi_doelen): richting 'minimum' means the value
    must be at least the target, 'maximum' at most. Null when the value or the target is unknown
    (a suppressed value is never judged). The one place this comparison lives.
-#}
{% macro is_doel_gehaald(waarde, doelwaarde, richting) -%}
    case
        when {{ waarde }} is null or {{ doelwaarde }} is null then null
        when {{ richting }} = 'maximum' then {{ waarde }} <= {{ doelwaarde }}
        else {{ waarde }} >= {{ doelwaarde }}
    end
{%- endmacro %}
