-- noqa: disable=LT02
{#- The two halves of every published table of figures (the "rooster"), written once:

    group_with_total  the figures per category and the total over the categories ('totaal'): summed
                      from the categories where they add up, aggregated again from the rows where
                      they do not (a count(distinct) total counts each client once).
    figures_grid      every combination of a gemeente's categories (members) with every reporting
                      period, with the figures joined in: a period without events shows 0, never a
                      missing row, so a published table always has the same rows.
    gemeente_leden    the members: every gemeente with every category of the table.
    periode_kolommen  the gemeente and period columns a table of figures starts with, typed alike
                      in every table (also in those not built by figures_grid).
-#}

{#- Type names of the columns a grid writes: "name:type" in the macros' column lists. -#}
{% macro _grid_type(type_name) %}
    {%- if type_name == 'string' -%}{{ dbt.type_string() }}
    {%- elif type_name == 'bigint' -%}{{ dbt.type_bigint() }}
    {%- elif type_name == 'boolean' -%}{{ dbt.type_boolean() }}
    {%- elif type_name == 'double' -%}{{ type_double() }}
    {%- else -%}{{ type_name }}
    {%- endif -%}
{% endmacro %}

{#- `measures` (a list of "<aggregate> as <name>") of `relation` grouped by `keys` and `category`,
    plus one row per `keys` with category `total_label` aggregated over all categories.
    additive=true (every measure a count or sum of rows that fall in exactly one category): the
    total is the sum of the category rows, aggregated from those few rows (rollup of the category;
    grouping(), not a null category, marks the total). Otherwise (a count(distinct), a row in several
    categories): the total is aggregated again from the rows of `relation`. -#}
{% macro group_with_total(relation, keys, category, measures, additive=false, total_label="'totaal'") -%}
    {%- if additive %}
    select
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        case when grouping({{ category }}) = 1 then {{ total_label }} else {{ category }} end as {{ category }},
        {%- for measure in measures %}
            {%- set name = measure.split(' as ')[-1] | trim %}
        sum({{ name }}) as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from (  -- noqa: ST05
        select
        {%- for key in keys %}
            {{ key }},
        {%- endfor %}
            {{ category }},
        {%- for measure in measures %}
            {{ measure }}{{ ',' if not loop.last }}
        {%- endfor %}
        from {{ relation }}
        group by {{ keys | join(', ') }}, {{ category }}
    ) as per_categorie
    group by {{ keys | join(', ') }}, rollup ({{ category }})
    {%- else %}
        {%- for total in [false, true] %}
    select
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        {{ total_label if total else category }} as {{ category }},
        {%- for measure in measures %}
        {{ measure }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    group by {{ keys | join(', ') }}{{ '' if total else ', ' ~ category }}
            {%- if not total %}
    union all
            {%- endif %}
        {%- endfor %}
    {%- endif %}
{%- endmacro %}

{#- Every row of `members` (gemeente_code and the category columns a gemeente publishes) for every
    reporting period of `periods` (int_rapportage_periode; `period_filter` limits the period types),
    with the measures of each CTE in `figures` (a mapping: CTE -> list of "measure" or
    "measure:type", default bigint; a missing measure is 0; type as_is: the value as it is, a
    missing one null, for a figure that is not a count such as a median) joined on gemeente_code,
    periode_type, periode_start and `keys` (default: the categories). Columns, in this order: gemeente_code,
    periode_type, periode_start, `period_columns`, the `categories` ("name" or "name:type", default
    string), `extra_columns` (SQL "<expression> as <name>" over leden, perioden and `extra_joins`),
    then the measures. -#}
{% macro figures_grid(
    members,
    categories,
    figures,
    keys=none,
    period_columns=['periode_eind:date', 'periode_label'],
    period_filter=none,
    extra_columns=[],
    extra_joins='',
    periods='perioden'
) -%}
    {%- set join_keys = [] -%}
    {%- for spec in (keys if keys is not none else categories) -%}
        {%- do join_keys.append(spec.split(':')[0]) -%}
    {%- endfor -%}
    select
        {{ periode_kolommen('leden', 'perioden', period_columns) }},
    {%- for spec in categories %}
        {%- set part = spec.split(':', 1) + ['string'] %}
        cast(leden.{{ part[0] }} as {{ _grid_type(part[1]) }}) as {{ part[0] }},
    {%- endfor %}
    {%- for column in extra_columns %}
        {{ column }},
    {%- endfor %}
    {%- for cte, measures in figures.items() %}
        {%- set outer_loop = loop %}
        {%- for spec in measures %}
            {%- set part = spec.split(':', 1) + ['bigint'] %}
            {%- if part[1] == 'as_is' %}
        {{ cte }}.{{ part[0] }}{{ ',' if not (loop.last and outer_loop.last) }}
            {%- else %}
        cast(coalesce({{ cte }}.{{ part[0] }}, 0) as {{ _grid_type(part[1]) }}) as {{ part[0] }}
            {{- ',' if not (loop.last and outer_loop.last) }}
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
    from {{ members }} as leden
    cross join {{ periods }} as perioden
    {%- if extra_joins %}
    {{ extra_joins }}
    {%- endif %}
    {%- for cte in figures %}
    left join {{ cte }}
        on
            leden.gemeente_code = {{ cte }}.gemeente_code
            and perioden.periode_type = {{ cte }}.periode_type
            and perioden.periode_start = {{ cte }}.periode_start
        {%- for key in join_keys %}
            and leden.{{ key }} = {{ cte }}.{{ key }}
        {%- endfor %}
    {%- endfor %}
    {%- if period_filter %}
    where {{ period_filter }}
    {%- endif %}
{%- endmacro %}


{#- The members (figures_grid's `members`) of a table of figures: every gemeente that has rows in
    `relation` (its distinct gemeente_code) with every row of each relation in `categories` (a
    mapping: relation -> the columns it adds, "column" or "column as name"), so a gemeente's table
    has every category, also one without events. -#}
{% macro gemeente_leden(relation, categories) -%}
    select
        gemeenten.gemeente_code,
    {%- for categorie, columns in categories.items() %}
        {%- set outer_loop = loop %}
        {%- for column in columns %}
        {{ categorie }}.{{ column }}{{ ',' if not (loop.last and outer_loop.last) }}
        {%- endfor %}
    {%- endfor %}
    from (select distinct gemeente_code from {{ relation }}) as gemeenten  -- noqa: ST05
    {%- for categorie in categories %}
    cross join {{ categorie }}
    {%- endfor %}
{%- endmacro %}


{#- The columns a table of figures starts with, typed alike in every table: gemeente_code (of
    `gemeenten`), periode_type and periode_start (of `sleutels`, default `perioden`), then
    `period_columns` of `perioden` ("name" or "name:type", default string). An alias none: the
    columns unqualified. Without a trailing comma. -#}
{% macro periode_kolommen(gemeenten, perioden, period_columns=['periode_eind:date', 'periode_label'], sleutels=none) -%}
    {%- set sleutels = perioden if sleutels is none else sleutels %}
    {%- set kolommen = [
        'cast(' ~ _alias(gemeenten) ~ 'gemeente_code as ' ~ dbt.type_string() ~ ') as gemeente_code',
        'cast(' ~ _alias(sleutels) ~ 'periode_type as ' ~ dbt.type_string() ~ ') as periode_type',
        'cast(' ~ _alias(sleutels) ~ 'periode_start as date) as periode_start',
    ] %}
    {%- for spec in period_columns %}
        {%- set part = spec.split(':', 1) + ['string'] %}
        {%- do kolommen.append(
            'cast(' ~ _alias(perioden) ~ part[0] ~ ' as ' ~ _grid_type(part[1]) ~ ') as ' ~ part[0]
        ) %}
    {%- endfor %}
    {{- kolommen | join(',\n        ') }}
{%- endmacro %}

{#- "alias." to qualify a column with, or nothing for the alias none. -#}
{% macro _alias(alias) -%}
    {{- alias ~ '.' if alias is not none }}
{%- endmacro %}

{#- A table of figures by one classification, declared in one call: writes the CTEs `tellingen`
    (group_with_total of `measures`, "<aggregate> as <name>", over the rows of `ingedeeld` per
    gemeente, period and class, with 'totaal'), `leden` (gemeente_leden: every gemeente of `bron`
    with every row of the CTE `klassen`) and `final` (figures_grid: every member for every period,
    the counts joined in on the class). `kolommen`: the columns of `klassen` a row publishes ("name"
    or "name:type"), the first of them the class `ingedeeld` is grouped on. The model ends with
    `select * from final`. Usage:

        {{ klasse_figures(
            'ingedeeld', 'spells', 'klassen', ['duur_klasse', 'duur_klasse_volgorde:integer'],
            ['count(distinct huishouden_id) as aantal_huishoudens'], periods='maanden',
        ) }}
-#}
{% macro klasse_figures(
    ingedeeld,
    bron,
    klassen,
    kolommen,
    measures,
    additive=false,
    period_columns=['periode_eind:date', 'periode_label'],
    period_filter=none,
    periods='perioden'
) -%}
    {%- set namen = [] -%}
    {%- for spec in kolommen -%}
        {%- do namen.append(spec.split(':')[0]) -%}
    {%- endfor -%}
    {%- set tellingen = [] -%}
    {%- for measure in measures -%}
        {%- do tellingen.append(measure.split(' as ')[-1] | trim) -%}
    {%- endfor -%}
tellingen as (

    {{ group_with_total(
        ingedeeld, ['gemeente_code', 'periode_type', 'periode_start'], namen[0], measures, additive=additive
    ) }}

),

leden as (

    {{ gemeente_leden(bron, {klassen: namen}) }}

),

final as (

    {{ figures_grid(
        'leden', kolommen, {'tellingen': tellingen}, keys=[namen[0]], period_columns=period_columns,
        period_filter=period_filter, periods=periods,
    ) }}

)
{%- endmacro %}
