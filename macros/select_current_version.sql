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
    {%- set sql = adapter.dispatch('select_current_version', 'sociaal_domein_warehouse')(relation, key_columns) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing -#}
    {{ return(sql if sql | trim else default__select_current_version(relation, key_columns)) }}
{%- endmacro %}


{#-
    On DuckDB only the keys with more than one known version are ranked: most keys have one, and
    ranking sorts every row of the extract, which at the national size (164 million declaraties)
    spills to disk for a quarter of an hour. The keys with several versions are found on a 64-bit
    hash of the key: a key whose hash repeats is ranked (a single version that shares a hash ranks
    first among its own, so it is still selected); a key whose hash is unique has one version. The
    same rows as the portable form (reconcile_raw_to_staging checks every build); at 1M
    inhabitants 14 % faster, and 40 % under memory pressure.
-#}
{% macro duckdb__select_current_version(relation, key_columns) -%}
    {%- set sleutel = 'hash(' ~ key_columns | join(', ') ~ ')' -%}
    with sdw_meer_versies as (
        select {{ sleutel }} as sdw_sleutel
        from {{ relation }}
        where {{ filter_kennisdatum('registratiedatum') }}
        group by {{ sleutel }}
        having count(*) > 1
    )

    select
        versions.*,
        cast(1 as bigint) as version_rank
    from {{ relation }} as versions
    where
        {{ filter_kennisdatum('versions.registratiedatum') }}
        and hash({% for key in key_columns %}versions.{{ key }}{{ ', ' if not loop.last }}{% endfor %})
        not in (select sdw_meer_versies.sdw_sleutel from sdw_meer_versies)

    union all

    {{ current_version_joined_back(
        '(select * from ' ~ relation ~ ' where ' ~ sleutel ~ ' in (select sdw_meer_versies.sdw_sleutel from sdw_meer_versies))',
        key_columns
    ) }}
{%- endmacro %}


{#-
    The portable form (PostgreSQL, Spark): every known version ranked in one window over its
    rows, the first kept. A server's sort carries the whole row at little extra cost, and there is
    no join back on nullable columns, which PostgreSQL can only run as a nested loop (quadratic:
    a quarter of an hour at 240,000 declaraties).
-#}
{% macro default__select_current_version(relation, key_columns) -%}
    select *
    from (
        select
            versions.*,
            {{ version_rank_over('versions', key_columns) }} as version_rank
        from {{ relation }} as versions
        where {{ filter_kennisdatum('versions.registratiedatum') }}
    ) as ranked
    where ranked.version_rank = 1
{%- endmacro %}


{#-
    DuckDB's form for the keys with several versions: only the key and ordering columns are
    ranked, and the winners joined back to their rows (null-safe, which DuckDB hashes): sorting
    every raw column would cost several times more on a large extract.
-#}
{% macro current_version_joined_back(relation, key_columns) -%}
    {%- set order_columns = ['registratiedatum', '_batch_id', '_row_number', '_source_file'] -%}
    select
        versions.*,
        ranked.version_rank
    from {{ relation }} as versions
    inner join (
        select
            {{ version_rank_over('ordered', key_columns) }} as version_rank,
    {%- for col in key_columns + order_columns %}
            ordered.{{ col }}{{ ',' if not loop.last }}
    {%- endfor %}
        from {{ relation }} as ordered
        where {{ filter_kennisdatum('ordered.registratiedatum') }}
    ) as ranked
        on
    {%- for col in key_columns + order_columns %}
        {{ null_safe_equal('versions.' ~ col, 'ranked.' ~ col) }}{{ ' and' if not loop.last }}
    {%- endfor %}
    where ranked.version_rank = 1
{%- endmacro %}


{#- The rank of a version among the versions of its key (1 = current): the latest registratiedatum,
    then the row loaded last. -#}
{% macro version_rank_over(alias, key_columns) -%}
    row_number() over (
        partition by {% for key in key_columns %}{{ alias }}.{{ key }}{{ ', ' if not loop.last }}{% endfor %}
        order by
            {{ alias }}.registratiedatum desc,
            {{ alias }}._batch_id desc,
            {{ alias }}._row_number desc,
            {{ alias }}._source_file desc
    )
{%- endmacro %}
