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
-#}
{% macro select_current_version(relation, key_columns) -%}
    select ranked.*
    from (
        select
            versions.*,
            row_number() over (
                partition by {{ key_columns | join(', ') }}
                order by
                    versions.registratiedatum desc,
                    versions._batch_id desc,
                    versions._row_number desc,
                    versions._source_file desc
            ) as version_rank
        from {{ relation }} as versions
        where {{ filter_kennisdatum('versions.registratiedatum') }}
    ) as ranked
    where ranked.version_rank = 1
{%- endmacro %}
