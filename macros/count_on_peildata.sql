-- noqa: disable=LT02
{#- How many holders hold on each peildatum, from pieces of holding: `stukken` has one row per
    holder and piece, with `keys` (e.g. gemeente_code, wet_code, klasse), datum (the first day
    held) and volgende_datum (the first day not held any more; null: still held). Writes the CTEs
    <name>__verschillen and <name>: per `keys` and peildatum of `peildata` (its periode_type,
    periode_start and peildatum), `measure` = the pieces begun on or before the peildatum minus
    those ended by then. Set-based: +count on each begin day and -count on each end day, summed up
    to every peildatum; no row per holder and day. -#}
{% macro count_on_peildata(name, stukken, keys, peildata, measure) -%}
{{ name }}__verschillen as (

    select
    {%- for key in keys %}
        {{ key }},
    {%- endfor %}
        datum,
        count(*) as aantal
    from {{ stukken }}
    group by {{ keys | join(', ') }}, datum

    union all

    select
    {%- for key in keys %}
        {{ key }},
    {%- endfor %}
        volgende_datum as datum,
        -count(*) as aantal
    from {{ stukken }}
    where volgende_datum is not null
    group by {{ keys | join(', ') }}, volgende_datum

),

{{ name }} as (

    select
    {%- for key in keys %}
        verschillen.{{ key }},
    {%- endfor %}
        peildata.periode_type,
        peildata.periode_start,
        peildata.peildatum,
        sum(verschillen.aantal) as {{ measure }}
    from {{ name }}__verschillen as verschillen
    inner join {{ peildata }} as peildata
        on verschillen.datum <= peildata.peildatum
    group by
    {%- for key in keys %}
        verschillen.{{ key }},
    {%- endfor %}
        peildata.periode_type,
        peildata.periode_start,
        peildata.peildatum

)
{%- endmacro %}
