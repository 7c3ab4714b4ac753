-- noqa: disable=LT02
{#- Classes of a number (an age, a duration in years) declared once, as a list of
    [label, bovengrens] in ascending order: a value falls in the first class whose bovengrens it is
    below; the last class has bovengrens none (every value from the bound before it on). Both the
    classification (klasse_van) and the table of the classes a grid publishes (klassen_tabel) read
    that one declaration, so a label or a bound is never written twice.

    Example: [['<1', 1], ['1-2', 2], ['2-5', 5], ['5+', none]] puts 0 in '<1', 1 in '1-2', 2 to 4
    in '2-5', 5 and more in '5+'. -#}

{#- The class label of `waarde` (SQL expression); a null value gets the label `onbekend` (none: a
    null value falls in the last class, so give onbekend wherever the value can be missing). -#}
{% macro klasse_van(waarde, klassen, onbekend=none) -%}
    case
        {%- if onbekend is not none %}
        when {{ waarde }} is null then '{{ onbekend }}'
        {%- endif %}
        {%- for klasse in klassen if klasse[1] is not none %}
        when {{ waarde }} < {{ klasse[1] }} then '{{ klasse[0] }}'
        {%- endfor %}
        else '{{ klassen[-1][0] }}'
    end
{%- endmacro %}

{#- Every published row of the classes (a constant table): `kolom` with the labels in their order,
    then `onbekend` (when given) and the total `totaal`; `kolom`_volgorde numbers them 1, 2, ... -#}
{% macro klassen_tabel(kolom, klassen, onbekend=none, totaal='totaal') -%}
    {%- set labels = [] %}
    {%- for klasse in klassen %}{% do labels.append(klasse[0]) %}{% endfor %}
    {%- if onbekend is not none %}{% do labels.append(onbekend) %}{% endif %}
    {%- do labels.append(totaal) %}
    {%- set rijen = [] %}
    {%- for label in labels %}{% do rijen.append([label, loop.index]) %}{% endfor %}
    {{ values_table([kolom, kolom ~ '_volgorde'], rijen) }}
{%- endmacro %}
