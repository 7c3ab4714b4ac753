{#-
    Generic test on a published mart (model level): no suppressed cell can be recovered by
    subtraction within one additive group. The groups are the mart's own declaration
    (config.meta.suppression, sdc_plan): category groups, months of a quarter and quarters of a
    year, and columns of one row that add up. A group's members are its cells and its total; a
    member shown as NULL is unknown. When exactly one member is unknown it follows from the others
    (total minus the other cells, or the cells added up): the test fails with one row per such
    group, naming the unknown cell (its row's grain and column) and the value it gives away. A
    group whose total another mart publishes (declared with total_in) fails when exactly one of
    its two or more cells is unknown: that mart's total minus the others gives it away (the value
    is left NULL here; the amounts it protects are that total's). Combinations of groups, and of
    the amounts of several marts, are solved by the privacy audit of `sdw build`
    (ingest/privacy_audit.py) and attacked by pytests/test_suppression_attack.py.
-#}
{% test no_recoverable_cells(model) %}
    {%- set decl = sdc_declaration(model.identifier) -%}
    {%- set counts = [] if decl is none else sdc_counts(decl, true) -%}
    {%- set plan = [] if decl is none else sdc_plan(decl, counts) -%}
    {%- if not plan %}
    select 1 as kolom where 1 = 0
    {%- else %}
    with

    sdc_pub as (
        select
            sdc_mart.*,
            row_number() over (order by {{ decl['grain'] | join(', ') }}) as sdc_rij
        from {{ model }} as sdc_mart
    ),

    sdc_cellen as (
        {{ sdc_cells_sql('sdc_pub', counts) }}
    ),

    sdc_leden as (
        {{ sdc_members_sql('sdc_pub', plan, counts, with_order=false) }}
    ),

    sdc_groepen as (
        select
            sdc_leden.sdc_groep,
            max(case when sdc_cellen.sdc_waarde is null then sdc_leden.sdc_rij end) as sdc_rij,
            max(case when sdc_cellen.sdc_waarde is null then sdc_leden.sdc_kolom end) as sdc_kolom,
            case
                when min(sdc_leden.sdc_is_totaal) < 0
                    then null
                when max(case when sdc_leden.sdc_is_totaal = 1 and sdc_cellen.sdc_waarde is null then 1 else 0 end) = 1
                    then sum(case when sdc_leden.sdc_is_totaal = 0 then sdc_cellen.sdc_waarde else 0 end)
                else
                    max(case when sdc_leden.sdc_is_totaal = 1 then sdc_cellen.sdc_waarde end)
                    - sum(case when sdc_leden.sdc_is_totaal = 0 then coalesce(sdc_cellen.sdc_waarde, 0) else 0 end)
            end as herleide_waarde
        from sdc_leden
        inner join sdc_cellen
            on sdc_leden.sdc_rij = sdc_cellen.sdc_rij and sdc_leden.sdc_kolom = sdc_cellen.sdc_kolom
        group by sdc_leden.sdc_groep
        having
            sum(case when sdc_cellen.sdc_waarde is null then 1 else 0 end) = 1
            and (
                (max(sdc_leden.sdc_is_totaal) = 1 and min(sdc_leden.sdc_is_totaal) = 0)
                or (min(sdc_leden.sdc_is_totaal) < 0 and count(*) >= 2)
            )
    )

    select
        sdc_groepen.sdc_groep,
        case sdc_groepen.sdc_kolom
            {%- for col in counts %}
            when {{ loop.index0 }} then '{{ col }}'
            {%- endfor %}
        end as kolom,
        {%- for col in decl['grain'] %}
        sdc_pub.{{ col }},
        {%- endfor %}
        sdc_groepen.herleide_waarde
    from sdc_groepen
    inner join sdc_pub on sdc_groepen.sdc_rij = sdc_pub.sdc_rij
    {%- endif %}
{% endtest %}
