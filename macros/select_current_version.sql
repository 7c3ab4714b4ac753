{#-
    The version rule of the input contract, in one place.

    A record version is identified by its business key plus registratiedatum. Of the versions
    known on the knowledge date (see filter_kennisdatum) the one with the latest registratiedatum
    wins; two versions with the same key and registratiedatum are decided by load order: the row
    loaded last wins (higher _batch_id, then higher _row_number, then _source_file as a final,
    deterministic tie-breaker).

    relation:     a relation or CTE name holding raw rows (all columns of a raw extract table)
    key_columns:  list of the business key columns
    Returns a select statement with all columns of the relation plus version_rank (always 1).

    The versions are ranked on the key and ordering columns only, and the winners are joined back
    to their rows on those columns: sorting every raw column for the ranking would cost several
    times more on a large extract. A raw row is identified by its lineage (_batch_id,
    _source_file, _row_number), which the loader makes unique.
-#}
{% macro select_current_version(relation, key_columns) -%}
    {%- set order_columns = ['registratiedatum', '_batch_id', '_row_number', '_source_file'] -%}
    select
        versions.*,
        ranked.version_rank
    from {{ relation }} as versions
    inner join (
        select
    {%- for col in key_columns + order_columns %}
            ordered.{{ col }},
    {%- endfor %}
            row_number() over (
                partition by {% for key in key_columns %}ordered.{{ key }}{{ ', ' if not loop.last }}{% endfor %}
                order by
                    ordered.registratiedatum desc,
                    ordered._batch_id desc,
                    ordered._row_number desc,
                    ordered._source_file desc
            ) as version_rank
        from {{ relation }} as ordered
        where {{ filter_kennisdatum('ordered.registratiedatum') }}
    ) as ranked
        on
    {%- for col in key_columns + order_columns %}
        {{ null_safe_equal('versions.' ~ col, 'ranked.' ~ col) }}{{ ' and' if not loop.last }}
    {%- endfor %}
    where ranked.version_rank = 1
{%- endmacro %}
