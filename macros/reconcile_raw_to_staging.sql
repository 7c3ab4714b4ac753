{#-
    Reconciliation of a raw extract with its staging model(s), for singular tests.
    Every raw row must fall in exactly one class:
      - na_kennisdatum:  registered after var('kennisdatum') (never when the var is null)
      - vervangen:       superseded: a row of the same business key, known on the kennisdatum, is
                         later by (registratiedatum, _batch_id, _row_number, _source_file)
      - geselecteerd:    the current version, present in the staging model (matched on lineage)
      - ingetrokken:     the current version, withdrawn (present in the withdrawn model)
    The superseded class is computed here independently of the window function in
    select_current_version: per business key the latest version is found by aggregates, one
    ordering column at a time (latest_raw_versions), and a known row is superseded when it is not
    that version. All set-based (aggregates and joins on keys), so the test grows with the data,
    not with the square of a key's versions. Returns one row per violation (a raw row in zero or
    several classes, or totals that do not add up).
-#}
{% macro reconcile_raw_to_staging(raw_relation, key_columns, current_model, withdrawn_model=none) %}

with

{#- the raw table is read three times and `bekend` twice: inlined, not copied whole into memory
    (every column of a raw table; at 1M inhabitants 9M rows) #}
raw_rows as {{ inline_cte() }} (

    select * from {{ raw_relation }}

),

geselecteerd as (

    select
        _batch_id,
        _source_file,
        _row_number
    from {{ current_model }}

),

ingetrokken as (

    select
        _batch_id,
        _source_file,
        _row_number
    from {{ withdrawn_model if withdrawn_model is not none else current_model }}
    where {{ 'true' if withdrawn_model is not none else 'false' }}

),

bekend as {{ inline_cte() }} (

    select * from raw_rows
    where {{ filter_kennisdatum('registratiedatum') }}

),

{{ latest_raw_versions('bekend', key_columns, 'laatste') }},

geselecteerd_uniek as (

    select distinct
        _batch_id,
        _source_file,
        _row_number
    from geselecteerd

),

ingetrokken_uniek as (

    select distinct
        _batch_id,
        _source_file,
        _row_number
    from ingetrokken

),

geclassificeerd as (

    select
        r._batch_id,
        r._source_file,
        r._row_number,
        not ({{ filter_kennisdatum('r.registratiedatum') }}) as is_na_kennisdatum,
        coalesce(
            ({{ filter_kennisdatum('r.registratiedatum') }})
            and laatste.registratiedatum is not null
            and not (
                r.registratiedatum = laatste.registratiedatum
                and r._batch_id = laatste._batch_id
                and r._row_number = laatste._row_number
                and r._source_file = laatste._source_file
            ),
            false
        ) as is_vervangen,
        g._batch_id is not null as is_geselecteerd,
        i._batch_id is not null as is_ingetrokken
    from raw_rows as r
    left join laatste
        on {{ key_match(key_columns, 'laatste', 'r') }}
    left join geselecteerd_uniek as g
        on g._batch_id = r._batch_id and g._source_file = r._source_file and g._row_number = r._row_number
    left join ingetrokken_uniek as i
        on i._batch_id = r._batch_id and i._source_file = r._source_file and i._row_number = r._row_number

),

klassen as (

    select
        *,
        cast(is_na_kennisdatum as integer)
        + cast(is_vervangen as integer)
        + cast(is_geselecteerd as integer)
        + cast(is_ingetrokken as integer) as aantal_klassen
    from geclassificeerd

),

totalen as (

    select
        (select count(*) from raw_rows) as aantal_raw,
        (select count(*) from geselecteerd) as aantal_staging,
        (select count(*) from ingetrokken) as aantal_ingetrokken_model,
        sum(cast(is_na_kennisdatum as integer)) as aantal_na_kennisdatum,
        sum(cast(is_vervangen as integer)) as aantal_vervangen,
        sum(cast(is_geselecteerd as integer)) as aantal_geselecteerd,
        sum(cast(is_ingetrokken as integer)) as aantal_ingetrokken
    from klassen

),

final as (

    select
        'raw row in ' || cast(aantal_klassen as {{ dbt.type_string() }}) || ' classes' as probleem,
        _batch_id,
        _source_file,
        _row_number
    from klassen
    where aantal_klassen != 1

    union all

    select
        'totals do not add up' as probleem,
        null as _batch_id,
        null as _source_file,
        null as _row_number
    from totalen
    where
        aantal_raw != coalesce(aantal_na_kennisdatum, 0) + coalesce(aantal_vervangen, 0)
        + coalesce(aantal_geselecteerd, 0) + coalesce(aantal_ingetrokken, 0)
        or aantal_staging != coalesce(aantal_geselecteerd, 0)
        or aantal_ingetrokken_model != coalesce(aantal_ingetrokken, 0)

)

select * from final

{% endmacro %}


{#-
    CTEs (the last one named `name`, the others `name`_*) holding, per business key of the raw
    rows in `relation`, the latest version by (registratiedatum, _batch_id, _row_number,
    _source_file). A key with one row: that row (its maxima are its values). A key with several:
    the maximum of each ordering column among the rows that tie on all earlier ones. Grouped
    aggregates and equi-joins only, so it does not share its method with select_current_version
    (a window function) and checks it independently. Rows with a null key or ordering value take
    no part.
-#}
{% macro latest_raw_versions(relation, key_columns, name) -%}
    {%- set steps = ['registratiedatum', '_batch_id', '_row_number', '_source_file'] %}
    {{ name }}_per_sleutel as (

    select
    {%- for col in key_columns %}
        v.{{ col }},
    {%- endfor %}
        count(*) as aantal_versies,
    {%- for step in steps %}
        max(v.{{ step }}) as {{ step }}{{ ',' if not loop.last }}
    {%- endfor %}
    from {{ relation }} as v
    where
    {%- for col in key_columns + steps %}
        v.{{ col }} is not null{{ ' and' if not loop.last }}
    {%- endfor %}
    group by
    {%- for col in key_columns %}
        v.{{ col }}{{ ',' if not loop.last }}
    {%- endfor %}

),

{{ name }}_meer as (

    select v.*
    from {{ relation }} as v
    inner join {{ name }}_per_sleutel as sleutel
        on {{ key_match(key_columns, 'v', 'sleutel') }}
    where
        sleutel.aantal_versies > 1
    {%- for step in steps %}
        and v.{{ step }} is not null
    {%- endfor %}

),
    {%- for step in steps %}
        {%- set grouped = key_columns + steps[:loop.index0] %}

        {{ name }}_{{ loop.index }} as (

    select
        {%- for col in grouped %}
        v.{{ col }},
        {%- endfor %}
        max(v.{{ step }}) as {{ step }}
    from {{ name }}_meer as v
    {%- if not loop.first %}
        inner join {{ name }}_{{ loop.index0 }} as vorige
            on
            {%- for col in grouped %}
                v.{{ col }} = vorige.{{ col }}{{ ' and' if not loop.last }}
            {%- endfor %}
    {%- endif %}
    group by
        {%- for col in grouped %}
        v.{{ col }}{{ ',' if not loop.last }}
        {%- endfor %}

),
    {%- endfor %}

    {{ name }} as (

    select
    {%- for col in key_columns + steps %}
        {{ col }}{{ ',' if not loop.last }}
    {%- endfor %}
    from {{ name }}_per_sleutel
    where aantal_versies = 1

    union all

    select
    {%- for col in key_columns + steps %}
        {{ col }}{{ ',' if not loop.last }}
    {%- endfor %}
    from {{ name }}_{{ steps | length }}

)
{%- endmacro %}


{#- Conjunction "left.k1 = right.k1 and left.k2 = right.k2 ..." over key columns. -#}
{% macro key_match(key_columns, left, right) -%}
    {%- for key in key_columns -%}
        {{ left }}.{{ key }} = {{ right }}.{{ key }}{% if not loop.last %} and {% endif %}
    {%- endfor -%}
{%- endmacro %}


{#-
    CTEs (the last one named `name`) holding the raw rows of relation that are the latest version
    of their business key (latest_raw_versions, by aggregates), every column: the independent
    "current versions from raw" that reconciliation tests compare the facts with.
-#}
{% macro latest_raw_rows(relation, key_columns, name) -%}
    {%- set steps = ['registratiedatum', '_batch_id', '_row_number', '_source_file'] -%}
{{ latest_raw_versions(relation, key_columns, name ~ '_laatste') }},

{{ name }} as (

    select v.*
    from {{ relation }} as v
    inner join {{ name }}_laatste as laatste
        on {{ key_match(key_columns + steps, 'v', 'laatste') }}

)
{%- endmacro %}
