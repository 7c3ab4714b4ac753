-- noqa: disable=LT02
-- (sqlfluff's jinja variants misjudge the indentation of jinja tags in macro bodies; the SQL
-- these macros render runs in every build and in the generic tests.)
{#-
    The set-based SQL of secondary suppression, shared by the materialization suppressed_table and
    the generic tests. A mart is seen as cells: (sdc_rij, sdc_kolom) = (row number, index of the
    count column in the declaration's counts). Every additive group of the plan (sdc_plan) becomes
    member rows:

        sdc_groep      bigint   the group instance: (group index * 1000 + column index) * 10^10
                                + partition number (row groups), or group index * 1000 * 10^10
                                + row number (column groups)
        sdc_rij        bigint   the row of the cell
        sdc_kolom      integer  the count column of the cell
        sdc_is_totaal  integer  1 for the group's total, else 0; -k for the cells of the k-th
                                group declared with total_in, whose total is another mart's
                                (the privacy audit reads k to find that total)
        sdc_volgorde   bigint   the natural order of the cell in its group (for ties)

    Only portable SQL: window functions, union all, cross join, group by.
-#}

{% macro sdc_count_index(counts, column) -%}
    {{ return(counts.index(column)) }}
{%- endmacro %}


{#- One row per cell: sdc_rij, sdc_kolom, sdc_waarde. -#}
{% macro sdc_cells_sql(relation, counts) -%}
    {%- for col in counts %}
    select
        sdc_rij,
        {{ loop.index0 }} as sdc_kolom,
        cast({{ col }} as {{ dbt.type_bigint() }}) as sdc_waarde
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}


{#- A constant table of (sdc_kolom, sdc_is_totaal, sdc_volgorde) rows, as a union of selects. -#}
{% macro _sdc_constant_rows(rows) -%}
    {%- for kolom, is_totaal, volgorde in rows -%}
        select {{ kolom }} as sdc_kolom, {{ is_totaal }} as sdc_is_totaal, {{ volgorde }} as sdc_volgorde
        {%- if not loop.last %} union all {% endif -%}
    {%- endfor -%}
{%- endmacro %}


{#- The member rows of every group instance of the plan, over relation (which has sdc_rij). Without
    with_order the natural order is the row number (for tests, which need no tie-breaking). -#}
{% macro sdc_members_sql(relation, plan, counts, with_order=true) -%}
    {%- for group in plan %}
    {%- set gi = loop.index0 %}
    {%- if group['kind'] == 'rows' %}
    {%- set keys = group['keys'] | join(', ') %}
    {%- set kolommen = [] %}
    {%- for col in group['columns'] %}{% do kolommen.append((counts.index(col), 0, 0)) %}{% endfor %}
    select
        cast({{ gi * 1000 }} + sdc_k.sdc_kolom as {{ dbt.type_bigint() }}) * 10000000000
        + sdc_g.sdc_partitie as sdc_groep,
        sdc_g.sdc_rij,
        sdc_k.sdc_kolom,
        sdc_g.sdc_is_totaal,
        sdc_g.sdc_volgorde
    from (
        select
            sdc_rij,
            {% if keys %}dense_rank() over (order by {{ keys }}){% else %}1{% endif %} as sdc_partitie,
            {% if group.get('elsewhere', 0) %}{{ -group['elsewhere'] }}{% else %}case when {{ group['is_total'] }} then 1 else 0 end{% endif %} as sdc_is_totaal,
            row_number() over (
                {% if keys %}partition by {{ keys }}{% endif %}
                order by {% if with_order %}{{ group['order'] }}, {% endif %}sdc_rij
            ) as sdc_volgorde
        from {{ relation }}
        {%- if group['filter'] %}
        where {{ group['filter'] }}
        {%- endif %}
    ) as sdc_g
    cross join ({{ _sdc_constant_rows(kolommen) }}) as sdc_k
    {%- else %}
    {%- set leden = [(counts.index(group['total']), 1, 0)] %}
    {%- for col in group['cells'] %}{% do leden.append((counts.index(col), 0, loop.index)) %}{% endfor %}
    select
        cast({{ gi * 1000 }} as {{ dbt.type_bigint() }}) * 10000000000 + sdc_r.sdc_rij as sdc_groep,
        sdc_r.sdc_rij,
        sdc_k.sdc_kolom,
        sdc_k.sdc_is_totaal,
        sdc_k.sdc_volgorde
    from {{ relation }} as sdc_r
    cross join ({{ _sdc_constant_rows(leden) }}) as sdc_k
    {%- endif %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}


{#-
    One round of secondary suppression, semi-naive: only the groups that hold a cell suppressed in
    the previous round (delta) can change. In each such group whose total row exists (or whose
    total another mart publishes: sdc_is_totaal < 0, taken as shown, so that whether it is shown
    or suppressed there, no single cell follows from it) and with exactly one suppressed member,
    one more member is suppressed: the smallest non-zero cell still shown, else the first zero
    cell shown, else the total; ties by the natural order. Cells locked to another mart's
    publication (locked) and cells that must stay shown (pinned, sdc_pinned_sql) are never chosen.
    Returns the newly suppressed cells (sdc_rij, sdc_kolom); an empty result means the suppression
    converged.
-#}
{% macro sdc_round_sql(members, cells, suppressed, delta, locked, pinned=none) -%}
    with

    sdc_geraakt as (
        select distinct sdc_m.sdc_groep
        from {{ members }} as sdc_m
        inner join {{ delta }} as sdc_d
            on sdc_m.sdc_rij = sdc_d.sdc_rij and sdc_m.sdc_kolom = sdc_d.sdc_kolom
    ),

    sdc_leden as (
        select
            sdc_m.sdc_groep,
            sdc_m.sdc_rij,
            sdc_m.sdc_kolom,
            sdc_m.sdc_is_totaal,
            sdc_m.sdc_volgorde,
            sdc_c.sdc_waarde,
            case when sdc_s.sdc_rij is null then 0 else 1 end as sdc_vlag,
            case
                when sdc_l.sdc_rij is not null then 1
                {%- if pinned is not none %}
                when sdc_p.sdc_rij is not null then 1
                {%- endif %}
                else 0
            end as sdc_vast
        from {{ members }} as sdc_m
        inner join sdc_geraakt on sdc_m.sdc_groep = sdc_geraakt.sdc_groep
        inner join {{ cells }} as sdc_c
            on sdc_m.sdc_rij = sdc_c.sdc_rij and sdc_m.sdc_kolom = sdc_c.sdc_kolom
        left join {{ suppressed }} as sdc_s
            on sdc_m.sdc_rij = sdc_s.sdc_rij and sdc_m.sdc_kolom = sdc_s.sdc_kolom
        left join {{ locked }} as sdc_l
            on sdc_m.sdc_rij = sdc_l.sdc_rij and sdc_m.sdc_kolom = sdc_l.sdc_kolom
        {%- if pinned is not none %}
        left join {{ pinned }} as sdc_p
            on sdc_m.sdc_rij = sdc_p.sdc_rij and sdc_m.sdc_kolom = sdc_p.sdc_kolom
        {%- endif %}
    ),

    sdc_open as (
        select sdc_groep
        from sdc_leden
        group by sdc_groep
        having sum(sdc_vlag) = 1 and (max(sdc_is_totaal) = 1 or min(sdc_is_totaal) < 0)
    ),

    sdc_kandidaat as (
        select
            sdc_leden.sdc_rij,
            sdc_leden.sdc_kolom,
            row_number() over (
                partition by sdc_leden.sdc_groep
                order by
                    case when sdc_leden.sdc_is_totaal = 1 then 2 when sdc_leden.sdc_waarde = 0 then 1 else 0 end,
                    sdc_leden.sdc_waarde,
                    sdc_leden.sdc_volgorde
            ) as sdc_rang
        from sdc_leden
        inner join sdc_open on sdc_leden.sdc_groep = sdc_open.sdc_groep
        where sdc_leden.sdc_vlag = 0 and sdc_leden.sdc_vast = 0
    )

    select distinct
        sdc_rij,
        sdc_kolom
    from sdc_kandidaat
    where sdc_rang = 1
{%- endmacro %}


{#-
    The cells that must stay shown (pinned): a cell no longer protectable if suppressed. A group
    with a total (here, or another mart's) whose other members are all shown for good - locked to
    another mart's publication and shown there (locked, sdc_vlag 0), or pinned themselves - gives
    such a cell away as soon as it is suppressed: nothing else in the group can be suppressed
    beside it. E.g. the quarters of a year in mart_financien_realisatie_maand, where the year is
    mart_financien_productcategorie's figure: in a year with one quarter of declaraties in a
    productcategorie (a year at the start of the declaraties, before the first full year), the
    quarter is the year, shown there. So such a cell is never chosen by a round (sdc_round_sql);
    a round picks another member of the group that needs one. Cells already suppressed (primary,
    before the rounds) are never pinned: they need protecting, not keeping. One call returns the
    cells newly pinned given those pinned so far (pinned); repeated until it returns nothing.
    The groups counted are those the test no_recoverable_cells checks: two or more members, with
    a total row here or a total in another mart.
-#}
{% macro sdc_pinned_sql(members, suppressed, locked, pinned) -%}
    with

    sdc_vast as (
        select sdc_rij, sdc_kolom from {{ locked }} where sdc_vlag = 0
        union
        select sdc_rij, sdc_kolom from {{ pinned }}
    ),

    sdc_leden as (
        select
            sdc_m.sdc_groep,
            sdc_m.sdc_rij,
            sdc_m.sdc_kolom,
            sdc_m.sdc_is_totaal,
            case when sdc_v.sdc_rij is null then 0 else 1 end as sdc_is_vast
        from {{ members }} as sdc_m
        left join sdc_vast as sdc_v
            on sdc_m.sdc_rij = sdc_v.sdc_rij and sdc_m.sdc_kolom = sdc_v.sdc_kolom
    ),

    sdc_groepen as (
        select sdc_groep
        from sdc_leden
        group by sdc_groep
        having
            count(*) >= 2
            and sum(sdc_is_vast) = count(*) - 1
            and (max(sdc_is_totaal) = 1 or min(sdc_is_totaal) < 0)
    )

    select distinct
        sdc_leden.sdc_rij,
        sdc_leden.sdc_kolom
    from sdc_leden
    inner join sdc_groepen on sdc_leden.sdc_groep = sdc_groepen.sdc_groep
    left join {{ suppressed }} as sdc_s
        on sdc_leden.sdc_rij = sdc_s.sdc_rij and sdc_leden.sdc_kolom = sdc_s.sdc_kolom
    where sdc_leden.sdc_is_vast = 0 and sdc_s.sdc_rij is null
{%- endmacro %}
