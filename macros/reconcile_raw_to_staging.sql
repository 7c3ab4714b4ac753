{#-
    Reconciliation of a raw extract with its staging model(s), for singular tests.
    Every raw row must fall in exactly one class:
      - na_kennisdatum:  registered after var('kennisdatum') (never when the var is null)
      - vervangen:       superseded: a row of the same business key, known on the kennisdatum, is
                         later by (registratiedatum, _batch_id, _row_number, _source_file)
      - geselecteerd:    the current version, present in the staging model (matched on lineage)
      - ingetrokken:     the current version, withdrawn (present in the withdrawn model)
    The superseded class is computed here with a self-join, independently of the window function
    in select_current_version. Returns one row per violation (a raw row in zero or several classes,
    or totals that do not add up).
-#}
{% macro reconcile_raw_to_staging(raw_relation, key_columns, current_model, withdrawn_model=none) %}

with

raw_rows as (

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

geclassificeerd as (

    select
        r._batch_id,
        r._source_file,
        r._row_number,
        not ({{ filter_kennisdatum('r.registratiedatum') }}) as is_na_kennisdatum,
        ({{ filter_kennisdatum('r.registratiedatum') }}) and exists (
            select 1
            from raw_rows as later
            where
                {{ key_match(key_columns, 'later', 'r') }}
                and {{ filter_kennisdatum('later.registratiedatum') }}
                and (
                    later.registratiedatum > r.registratiedatum
                    or (later.registratiedatum = r.registratiedatum and later._batch_id > r._batch_id)
                    or (
                        later.registratiedatum = r.registratiedatum and later._batch_id = r._batch_id
                        and later._row_number > r._row_number
                    )
                    or (
                        later.registratiedatum = r.registratiedatum and later._batch_id = r._batch_id
                        and later._row_number = r._row_number and later._source_file > r._source_file
                    )
                )
        ) as is_vervangen,
        exists (
            select 1 from geselecteerd as g
            where g._batch_id = r._batch_id and g._source_file = r._source_file and g._row_number = r._row_number
        ) as is_geselecteerd,
        exists (
            select 1 from ingetrokken as i
            where i._batch_id = r._batch_id and i._source_file = r._source_file and i._row_number = r._row_number
        ) as is_ingetrokken
    from raw_rows as r

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


{#- Conjunction "left.k1 = right.k1 and left.k2 = right.k2 ..." over key columns. -#}
{% macro key_match(key_columns, left, right) -%}
    {%- for key in key_columns -%}
        {{ left }}.{{ key }} = {{ right }}.{{ key }}{% if not loop.last %} and {% endif %}
    {%- endfor -%}
{%- endmacro %}
