{#-
    Calendar periods by number, and rows with a date range expanded to the periods they overlap,
    with equality joins on the rows.

    A join of rows with periods on date comparisons (start <= periode_eind and eind >=
    periode_start) makes the engine compare every row with every period, or sort all rows; its
    cost grows with rows x periods. Here every calendar period of a type gets a consecutive number
    (periode_index: months year * 12 + month, quarters year * 4 + quarter, years the year), a row's
    range becomes the number of its first period and how many periods follow (its span), each row
    is repeated once per number in its range, and the periods are joined on (type, number). The
    work grows with the rows produced.
-#}

{#- Number of the calendar period of type periode_type ('maand', 'kwartaal', 'jaar'; an SQL
    expression or a quoted literal) that holds date_expr. Consecutive periods of a type have
    consecutive numbers. -#}
{% macro periode_index(date_expr, periode_type) -%}
    case {{ periode_type }}
        when 'maand' then
            cast(extract(year from {{ date_expr }}) as integer) * 12
            + cast(extract(month from {{ date_expr }}) as integer)
        when 'kwartaal' then
            cast(extract(year from {{ date_expr }}) as integer) * 4
            + cast(extract(quarter from {{ date_expr }}) as integer)
        else cast(extract(year from {{ date_expr }}) as integer)
    end
{%- endmacro %}


{#-
    CTEs (the last one named `name`, the others `name`__*) holding every row of relation once per
    period of periods that its range start_col .. eind_col (inclusive; eind_col null = open-ended)
    overlaps: start_col <= periode_eind and (eind_col is null or eind_col >= periode_start), the
    condition of is_active_in_period. Use it in a with clause: {{ expand_to_periods(...) }},

    relation        a CTE or relation; all its columns are returned
    periods         a CTE or relation with periode_type ('maand', 'kwartaal', 'jaar'),
                    periode_start and periode_eind: calendar periods, of which the first and last
                    of a type may be cut off (a reporting window that starts or ends inside a
                    quarter or year); the periods of a type do not overlap
    period_columns  the columns of periods to return beside the relation's ('col' or
                    'col as alias'; 'sdw_periode_nummer as alias' gives the period's number); the
                    relation must not have columns of those names

    Returns the relation's columns, the period columns, and four work columns sdw_periode_type,
    sdw_periode_eerste, sdw_periode_span and sdw_periode_nummer. A row with a null start gets no
    period.

    Exactness: for periods inside the range of its type's periods, the condition holds exactly
    when the number of the start's period <= the period's number <= the number of the end's
    period. A cut-off first or last period is handled by moving start and end inside the range of
    the periods, after rows that end before it or start after it have been dropped.

    Each row is repeated once per number of its range (macro series_values), and the periods are
    joined on (type, number): an equality join whose build side is the few periods, so the rows
    stream through it and none is held in memory. (Joining the distinct ranges with the periods
    first and the rows with that result on three numbers left the engine to guess the size of the
    ranges: DuckDB guessed billions and built its hash table on the 148 million declaraties of the
    national size, 12.5 GB of spill.)
-#}
{% macro expand_to_periods(name, relation, start_col, eind_col, periods, period_columns) -%}
{{ name }}__rijen as (

    select
        sdw_bron.*,
        sdw_venster.periode_type as sdw_periode_type,
        {{ periode_index(
            'greatest(sdw_bron.' ~ start_col ~ ', sdw_venster.venster_start)', 'sdw_venster.periode_type'
        ) }} as sdw_periode_eerste,
        {{ periode_index(
            'least(coalesce(sdw_bron.' ~ eind_col ~ ', sdw_venster.venster_eind), sdw_venster.venster_eind)',
            'sdw_venster.periode_type'
        ) }}
        - {{ periode_index(
            'greatest(sdw_bron.' ~ start_col ~ ', sdw_venster.venster_start)', 'sdw_venster.periode_type'
        ) }} as sdw_periode_span
    from {{ relation }} as sdw_bron
    inner join (
        select
            periode_type,
            min(periode_start) as venster_start,
            max(periode_eind) as venster_eind
        from {{ periods }}
        group by periode_type
    ) as sdw_venster
        on
            sdw_bron.{{ start_col }} <= sdw_venster.venster_eind
            and (sdw_bron.{{ eind_col }} is null or sdw_bron.{{ eind_col }} >= sdw_venster.venster_start)

),

{{ name }}__nummers as (

    select
        {{ name }}__rijen.*,
        {{ series_values(
            name ~ '__rijen.sdw_periode_eerste',
            name ~ '__rijen.sdw_periode_eerste + ' ~ name ~ '__rijen.sdw_periode_span'
        ) }} as sdw_periode_nummer
    from {{ name }}__rijen
    where {{ name }}__rijen.sdw_periode_span >= 0

),

{{ name }} as (

    select
        sdw_rij.*,
        {%- for col in period_columns %}
        sdw_periode.{{ col }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ name }}__nummers as sdw_rij
    inner join (
        select
            sdw_p.*,
            {{ periode_index('sdw_p.periode_start', 'sdw_p.periode_type') }} as sdw_periode_nummer
        from {{ periods }} as sdw_p
    ) as sdw_periode
        on
            sdw_rij.sdw_periode_type = sdw_periode.periode_type
            and sdw_rij.sdw_periode_nummer = sdw_periode.sdw_periode_nummer

)
{%- endmacro %}


{#-
    series_values: in a select list, the whole numbers start_expr .. stop_expr (inclusive), one
    output row each with the row's other columns repeated. stop_expr must not be below start_expr
    (Spark's sequence would count down): filter those rows first.
-#}
{% macro series_values(start_expr, stop_expr) -%}
    {%- set sql = adapter.dispatch('series_values', 'sociaal_domein_warehouse')(start_expr, stop_expr) -%}
    {#- sqlfluff's stand-in adapter (scripts/sqlfluff_libs) renders a dispatch as nothing; output,
        not return(): sqlfluff's return() inside a macro that another macro calls ends the caller -#}
    {{ sql if sql | trim else default__series_values(start_expr, stop_expr) }}
{%- endmacro %}

{% macro default__series_values(start_expr, stop_expr) -%}
    generate_series({{ start_expr }}, {{ stop_expr }})
{%- endmacro %}

{% macro duckdb__series_values(start_expr, stop_expr) -%}
    unnest(generate_series({{ start_expr }}, {{ stop_expr }}))
{%- endmacro %}

{% macro spark__series_values(start_expr, stop_expr) -%}
    explode(sequence({{ start_expr }}, {{ stop_expr }}))
{%- endmacro %}


{#-
    expand_to_periods for periods judged on one day, their peildatum (the month ends of
    int_rapportage_periode): CTEs for a with clause (the last one named `name`, the others
    `name`__*) holding every row of relation once per period of `peildata` whose peildatum it is
    active on (is_active_in_period on the peildatum: start_col on or before it, eind_col null or
    on or after it). period_columns as for expand_to_periods; it must hold peildatum.
-#}
{% macro expand_to_peildata(name, relation, start_col, eind_col, peildata, period_columns) -%}
    {%- set perioden = name ~ '__perioden' -%}
{{ expand_to_periods(perioden, relation, start_col, eind_col, peildata, period_columns) }},

{{ name }} as (

    select * from {{ perioden }}
    where {{ is_active_in_period(
        perioden ~ '.' ~ start_col, perioden ~ '.' ~ eind_col, perioden ~ '.peildatum', perioden ~ '.peildatum'
    ) }}

)
{%- endmacro %}
