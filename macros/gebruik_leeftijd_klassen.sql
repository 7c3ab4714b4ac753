-- noqa: disable=LT02
{#- The age bands of the Wmo figures by leeftijd (kpi-definitions.md, "Wmo by age";
    int_gebruik_leeftijd_telling, int_gebruik_hulp_huishouden_uren), defined once.

    The bands are a two-level hierarchy, so that the 70+ figure of the municipal monitors (002:
    schoonmaakondersteuning and vervoersvoorzieningen for 70+'ers) is published as it is and both
    additive groups can be declared for secondary suppression:

        leeftijd_hoofdklasse  '<18', '18-64', '65-69', '70+', 'onbekend' (no date of birth) add up
                              to 'totaal';
        leeftijd_deelklasse   within '70+': '70-74', '75-84', '85+' add up to the '70+' row
                              (deelklasse 'totaal'); every other row has deelklasse 'totaal'.

    leeftijd_klasse is the one label an analyst filters on ('70+', '75-84', 'totaal', ...);
    leeftijd_klasse_volgorde is the natural order (ties in secondary suppression follow it). -#}

{#- The leaf band of an age in completed years (null: 'onbekend'). -#}
{% macro gebruik_leeftijd_klasse(leeftijd) -%}
    {{ klasse_van(leeftijd, [
        ['<18', 18], ['18-64', 65], ['65-69', 70], ['70-74', 75], ['75-84', 85], ['85+', none]
    ], onbekend='onbekend') }}
{%- endmacro %}

{#- Every published row of the bands (a constant table): the six leaves of gebruik_leeftijd_klasse
    with their place in the hierarchy, the '70+' class and the 'totaal'. -#}
{% macro gebruik_leeftijd_klassen() -%}
    {{ values_table(
        ['leeftijd_klasse', 'leeftijd_hoofdklasse', 'leeftijd_deelklasse', 'leeftijd_klasse_volgorde'],
        [
            ['<18', '<18', 'totaal', 1],
            ['18-64', '18-64', 'totaal', 2],
            ['65-69', '65-69', 'totaal', 3],
            ['70+', '70+', 'totaal', 4],
            ['70-74', '70+', '70-74', 5],
            ['75-84', '70+', '75-84', 6],
            ['85+', '70+', '85+', 7],
            ['onbekend', 'onbekend', 'totaal', 8],
            ['totaal', 'totaal', 'totaal', 9],
        ],
    ) }}
{%- endmacro %}

{#- The figures of `relation` by the bands, written as three CTEs for a with clause (the last one
    named `name`, the others `name`__*): `measures` ("<aggregate> as <name>", each a count or sum
    of rows that fall in one band) per `keys` and leeftijd_hoofdklasse with its 'totaal'
    (group_with_total, additive), with leeftijd_deelklasse 'totaal'; and per `keys` and
    leeftijd_deelklasse within '70+'. `relation` has the keys, leeftijd_hoofdklasse and
    leeftijd_deelklasse (the bands of gebruik_leeftijd_klassen joined on gebruik_leeftijd_klasse). -#}
{% macro gebruik_leeftijd_tellingen(name, relation, keys, measures) -%}
    {%- set names = [] %}
    {%- for measure in measures %}
        {%- do names.append(measure.split(' as ')[-1] | trim) %}
    {%- endfor -%}
{{ name }}__hoofdklassen as (

    {{ group_with_total(relation, keys, 'leeftijd_hoofdklasse', measures, additive=true) }}

),

{{ name }}__deelklassen as (

    select
        {{ (keys + ['leeftijd_hoofdklasse', 'leeftijd_deelklasse'] + measures) | join(',\n        ') }}
    from {{ relation }}
    where leeftijd_hoofdklasse = '70+'
    group by {{ (keys + ['leeftijd_hoofdklasse', 'leeftijd_deelklasse']) | join(', ') }}

),

{{ name }} as (

    select
        {{ (keys + ['leeftijd_hoofdklasse', "'totaal' as leeftijd_deelklasse"] + names) | join(',\n        ') }}
    from {{ name }}__hoofdklassen

    union all

    select
        {{ (keys + ['leeftijd_hoofdklasse', 'leeftijd_deelklasse'] + names) | join(',\n        ') }}
    from {{ name }}__deelklassen

)
{%- endmacro %}
