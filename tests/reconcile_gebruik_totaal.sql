-- The 'totaal' row of a wet against its productcategorieen, in the unsuppressed int_gebruik_telling,
-- per gemeente, period and wet: every additive count (active voorzieningen and the event counts)
-- of the total equals the sum over the categories; unique clients and nieuwe cliënten of the total
-- are at most the sum over the categories (a client in two categories counts once in the total)
-- and at least the largest category. Also: event counts of a quarter or year equal the sum of
-- their months. Fails with the offending groups.
{%- set additief = [
    'aantal_actieve_voorzieningen', 'aantal_instroom', 'aantal_instroom_nieuw', 'aantal_instroom_herindicatie',
    'aantal_instroom_geen_herindicatie', 'aantal_netto_instroom', 'aantal_uitstroom',
    'aantal_uitstroom_herindicatie', 'aantal_netto_uitstroom',
] %}
{%- set stromen = additief[1:] %}
{%- set uniek = ['aantal_unieke_clienten', 'aantal_nieuwe_clienten'] %}
{%- set periode_verschillen = [] %}
{%- for col in stromen %}
    {%- do periode_verschillen.append('sum(maanden.' ~ col ~ ') != samengesteld.' ~ col) %}
{%- endfor %}
with

telling as (

    select * from {{ ref('int_gebruik_telling') }}

),

per_groep as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        {%- for col in additief + uniek %}
            sum(case when productcategorie_code = 'totaal' then {{ col }} else 0 end) as totaal_{{ col }},
            sum(case when productcategorie_code != 'totaal' then {{ col }} else 0 end) as som_{{ col }},
        {%- endfor %}
        {%- for col in uniek %}
            max(case when productcategorie_code != 'totaal' then {{ col }} else 0 end) as max_{{ col }},
        {%- endfor %}
        sum(case when productcategorie_code = 'totaal' then 1 else 0 end) as aantal_totaalrijen
    from telling
    group by gemeente_code, periode_type, periode_start, wet_code

),

categorie_fouten as (

    select
        'categorieen' as controle,
        gemeente_code,
        periode_type,
        periode_start,
        wet_code
    from per_groep
    where
        aantal_totaalrijen != 1
        {%- for col in additief %}
            or totaal_{{ col }} != som_{{ col }}
        {%- endfor %}
        {%- for col in uniek %}
            or totaal_{{ col }} > som_{{ col }}
            or totaal_{{ col }} < max_{{ col }}
        {%- endfor %}

),

maanden as (

    select * from telling
    where periode_type = 'maand'

),

samengesteld as (

    select * from telling
    where periode_type in ('kwartaal', 'jaar')

),

periode_fouten as (

    select
        'perioden' as controle,
        samengesteld.gemeente_code,
        samengesteld.periode_type,
        samengesteld.periode_start,
        samengesteld.wet_code
    from samengesteld
    inner join maanden
        on
            samengesteld.gemeente_code = maanden.gemeente_code
            and samengesteld.wet_code = maanden.wet_code
            and samengesteld.productcategorie_code = maanden.productcategorie_code
            and maanden.periode_start between samengesteld.periode_start and samengesteld.periode_eind
    group by
        samengesteld.gemeente_code,
        samengesteld.periode_type,
        samengesteld.periode_start,
        samengesteld.wet_code,
        samengesteld.productcategorie_code,
        samengesteld.{{ stromen | join(', samengesteld.') }}
    having
        {{ periode_verschillen | join(' or ') }}

)

select * from categorie_fouten
union all
select * from periode_fouten
