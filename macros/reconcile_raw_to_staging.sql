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
    ordering column at a time (latest_raw_versions). A known row with a null key or ordering value
    has no versions to compare with: it is its own latest version.

    The classes are checked as sets, not row by row: the latest versions and the rows of the two
    models are joined once on lineage (a full outer join), and
      - a latest version that no model holds, or a model row that is not a latest version
        (superseded, registered after the kennisdatum, or not in raw at all), is a violation;
      - the model rows must be exactly as many as the latest versions: with every row matched,
        that leaves no latest version held twice (lineage is unique in raw, so each model row
        matches one latest version at most).
    Together that is "every raw row in exactly one class": a row not latest is superseded or after
    the kennisdatum, never both, and never in a model. All set-based (aggregates and equi-joins),
    so the test grows with the data, not with the square of a key's versions. Returns one row per
    violation.
-#}
{% macro reconcile_raw_to_staging(raw_relation, key_columns, current_model, withdrawn_model=none) %}
    {%- set steps = ['registratiedatum', '_batch_id', '_row_number', '_source_file'] %}

with

{#- the raw table is read twice: inlined, not copied whole into memory (every column of a raw
    table; at 1M inhabitants 9M rows) #}
bekend as {{ inline_cte() }} (

    select * from {{ raw_relation }}
    where {{ filter_kennisdatum('registratiedatum') }}

),

{{ latest_raw_versions('bekend', key_columns, 'laatste') }},

laatste_versies as (

    select
        _batch_id,
        _source_file,
        _row_number
    from laatste

    union all

    select
        _batch_id,
        _source_file,
        _row_number
    from bekend
    where
    {%- for col in key_columns + steps %}
        {{ col }} is null{{ ' or' if not loop.last }}
    {%- endfor %}

),

model_rijen as (

    select
        _batch_id,
        _source_file,
        _row_number,
        'staging' as model
    from {{ current_model }}
    {%- if withdrawn_model is not none %}

    union all

    select
        _batch_id,
        _source_file,
        _row_number,
        'ingetrokken' as model
    from {{ withdrawn_model }}
    {%- endif %}

),

vergeleken as (

    select
        coalesce(l._batch_id, m._batch_id) as _batch_id,
        coalesce(l._source_file, m._source_file) as _source_file,
        coalesce(l._row_number, m._row_number) as _row_number,
        l._batch_id is not null as is_laatste,
        m.model
    from laatste_versies as l
    full outer join model_rijen as m
        on l._batch_id = m._batch_id and l._source_file = m._source_file and l._row_number = m._row_number

),

final as (

    select
        case
            when is_laatste then 'current version in no model'
            else 'row of ' || model || ' is not a current version in raw'
        end as probleem,
        _batch_id,
        _source_file,
        _row_number
    from vergeleken
    where not is_laatste or model is null

    union all

    select
        'the models hold another number of rows than raw has current versions' as probleem,
        null as _batch_id,
        null as _source_file,
        null as _row_number
    from (select count(*) as aantal from laatste_versies) as l
    cross join (select count(*) as aantal from model_rijen) as m
    where l.aantal != m.aantal

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
