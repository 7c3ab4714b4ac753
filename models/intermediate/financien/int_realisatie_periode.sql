-- Realisatie per reporting period (int_rapportage_periode: maand, kwartaal, jaar), gemeente, wet
-- and productcategorie on the declaratie, plus a 'totaal' row per wet. Amounts are sums of the
-- pro rata month parts; counts (declaratieregels, clienten) are distinct over the whole period.
-- Unsuppressed: the marts suppress.
--
-- Distinct counts without count(distinct) over every line and period: a line counts for a period
-- when it is the first line of its declaratie (or client) in that period, i.e. when the line
-- before it lies in another period (or there is none). The lines are counted per (month, month
-- before), and those few pairs are compared by period.
-- Declaraties need no sort: their months are consecutive, so the line before is the month before
-- unless the line is the declaratie's first month (is_eerste_maand); a month before that lies
-- outside the reporting window has no period, as when there is no line before. A declaratie has
-- one gemeente, wet and productcategorie (fct_declaratie: one row per declaratie_id), and the
-- declaratieregels of the 'totaal' row are the sum over its productcategorieen.
-- Clients: one sort per kind of count gives the month of the line before, partitioned first by
-- client_nummer (a small integer for the 64-character pseudonym; int_realisatie_declaratie_maand).
with

regels as (select * from {{ ref('int_realisatie_declaratie_maand') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

-- the period of each type that holds a month, from the periods themselves (a few hundred rows):
-- the months of the reporting window (a month whose first day lies before the window, cut off,
-- has none, as a month outside the window)
maand_perioden as (

    select
        maanden.periode_start as maand_start,
        perioden.periode_type,
        perioden.periode_start
    from perioden as maanden
    inner join perioden
        on
            maanden.periode_start >= perioden.periode_start
            and maanden.periode_start <= perioden.periode_eind
    where
        maanden.periode_type = 'maand'
        and maanden.periode_start = cast({{ dbt.date_trunc('month', 'maanden.periode_start') }} as date)

),

maand_indeling as (

    select
        maand_start,
        max(case when periode_type = 'maand' then periode_start end) as maand_periode,
        max(case when periode_type = 'kwartaal' then periode_start end) as kwartaal_periode,
        max(case when periode_type = 'jaar' then periode_start end) as jaar_periode
    from maand_perioden
    group by maand_start

),

-- amounts per month
bedragen_per_maand as (

    select
        regels.gemeente_code,
        regels.wet_code,
        regels.productcategorie_code,
        regels.maand_start,
        sum(regels.signed_bedrag_maand) as bedrag_realisatie,
        sum(case when regels.is_beschikking_onbekend then regels.signed_bedrag_maand else 0 end)
            as bedrag_realisatie_onbekende_beschikking,
        sum(case when regels.is_beschikking_ingetrokken then regels.signed_bedrag_maand else 0 end)
            as bedrag_realisatie_ingetrokken_beschikking
    from regels
    inner join maand_indeling using (maand_start)
    group by regels.gemeente_code, regels.wet_code, regels.productcategorie_code, regels.maand_start

),

{#- The first lines in a period: per kind of count, the month of the line before in the
    partition (only the columns needed, so each sort moves little; for declaraties from
    is_eerste_maand, without a sort: partitie none); the lines counted per (month, month before);
    a line being the first in its period of a type when the month before lies in another period
    (or there is none). The 'wet' counts have no productcategorie (the 'totaal' row). #}
{%- set soorten = [
    ('declaratie', none, 'true', true),
    ('client', 'regels.client_nummer, regels.gemeente_code, regels.wet_code, regels.productcategorie_code', 'true', true),
    ('client_wet', 'regels.client_nummer, regels.gemeente_code, regels.wet_code', 'true', false),
    ('client_onbekend', 'regels.client_nummer, regels.gemeente_code, regels.wet_code, regels.productcategorie_code', 'regels.is_beschikking_onbekend', true),
    ('client_wet_onbekend', 'regels.client_nummer, regels.gemeente_code, regels.wet_code', 'regels.is_beschikking_onbekend', false),
    ('client_ingetrokken', 'regels.client_nummer, regels.gemeente_code, regels.wet_code, regels.productcategorie_code', 'regels.is_beschikking_ingetrokken', true),
    ('client_wet_ingetrokken', 'regels.client_nummer, regels.gemeente_code, regels.wet_code', 'regels.is_beschikking_ingetrokken', false),
] %}
{%- for naam, partitie, filter, per_categorie in soorten %}
    {%- set vorige = 'regels.is_eerste_maand' if partitie is none else (
        'lag(regels.maand_start) over (partition by ' ~ partitie
        ~ ' order by regels.maand_start) as vorige_maand_start'
    ) %}
    {%- set vorige_paar = 'vorige_maand_start' if partitie is not none else (
        'case when is_eerste_maand then null else cast('
        ~ dbt.dateadd('month', -1, 'maand_start') ~ ' as date) end as vorige_maand_start'
    ) %}
    {%- set vorige_groep = 'is_eerste_maand' if partitie is none else 'vorige_maand_start' %}

    volgorde_{{ naam }} as (

        select
            regels.gemeente_code,
            regels.wet_code,
            {{ 'regels.productcategorie_code' if per_categorie else "'totaal' as productcategorie_code" }},
            regels.maand_start,
            {{ vorige }}
        from regels
        where
            {{ filter }}
            and regels.maand_start in (select maand_indeling.maand_start from maand_indeling)

    ),

    per_maand_{{ naam }} as (

        select
            paren.gemeente_code,
            paren.wet_code,
            paren.productcategorie_code,
            paren.maand_start,
        {%- for type in ['maand', 'kwartaal', 'jaar'] %}
            sum(
                case
                    when huidige.{{ type }}_periode is null then 0
                    when coalesce(vorige.{{ type }}_periode = huidige.{{ type }}_periode, false) then 0
                    else paren.aantal_regels
                end
            ) as eerste_{{ type }}{{ ',' if not loop.last }}  -- noqa: LT02
        {%- endfor %}
        from (
            select
                gemeente_code,
                wet_code,
                productcategorie_code,
                maand_start,
                {{ vorige_paar }},
                count(*) as aantal_regels
            from volgorde_{{ naam }}
            group by
                gemeente_code,
                wet_code,
                productcategorie_code,
                maand_start,
                {{ vorige_groep }}
        ) as paren
        inner join maand_indeling as huidige using (maand_start)
        left join maand_indeling as vorige
            on paren.vorige_maand_start = vorige.maand_start
        group by paren.gemeente_code, paren.wet_code, paren.productcategorie_code, paren.maand_start

    ),
{%- endfor %}

-- every month of a productcategorie, and of the wet ('totaal'), with its sums
maand_sleutels as (

    select
        gemeente_code,
        wet_code,
        productcategorie_code,
        maand_start
    from bedragen_per_maand

    union all

    select distinct
        gemeente_code,
        wet_code,
        'totaal' as productcategorie_code,
        maand_start
    from bedragen_per_maand

),

maand_sommen as (

    select
        maand_sleutels.gemeente_code,
        maand_sleutels.wet_code,
        maand_sleutels.productcategorie_code,
        maand_sleutels.maand_start,
        coalesce(bedragen_per_maand.bedrag_realisatie, 0) as bedrag_realisatie,
        coalesce(bedragen_per_maand.bedrag_realisatie_onbekende_beschikking, 0)
            as bedrag_realisatie_onbekende_beschikking,
        coalesce(bedragen_per_maand.bedrag_realisatie_ingetrokken_beschikking, 0)
            as bedrag_realisatie_ingetrokken_beschikking,
    {%- for naam, partitie, filter, per_categorie in soorten %}
        {%- set buitenste = loop %}
    {%- for type in ['maand', 'kwartaal', 'jaar'] %}
        coalesce(per_maand_{{ naam }}.eerste_{{ type }}, 0) as eerste_{{ type }}_{{ naam }}
        {{- ',' if not (buitenste.last and loop.last) }}
    {%- endfor %}
    {%- endfor %}
    from maand_sleutels
    left join bedragen_per_maand using (gemeente_code, wet_code, productcategorie_code, maand_start)
    {%- for naam, partitie, filter, per_categorie in soorten %}
        left join per_maand_{{ naam }}
            on
                maand_sleutels.gemeente_code = per_maand_{{ naam }}.gemeente_code
                and maand_sleutels.wet_code = per_maand_{{ naam }}.wet_code
                and maand_sleutels.productcategorie_code = per_maand_{{ naam }}.productcategorie_code
                and maand_sleutels.maand_start = per_maand_{{ naam }}.maand_start
    {%- endfor %}

),

-- the month sums once per period of each type that holds the month, added up per period: the
-- 'totaal' row has the amounts and declaratieregels of all its productcategorieen and its own
-- distinct clients
{%- set tellingen = [
    ('aantal_declaratieregels', 'declaratie', 'declaratie'),
    ('aantal_clienten', 'client', 'client_wet'),
    ('aantal_clienten_onbekende_beschikking', 'client_onbekend', 'client_wet_onbekend'),
    ('aantal_clienten_ingetrokken_beschikking', 'client_ingetrokken', 'client_wet_ingetrokken'),
] %}
periode_sommen as (

    select
        maand_sommen.gemeente_code,
        maand_perioden.periode_type,
        maand_perioden.periode_start,
        maand_sommen.wet_code,
        maand_sommen.productcategorie_code,
        maand_sommen.bedrag_realisatie,
        maand_sommen.bedrag_realisatie_onbekende_beschikking,
        maand_sommen.bedrag_realisatie_ingetrokken_beschikking,
    {%- for kolom, categorie, wet in tellingen %}
        case maand_perioden.periode_type
            {%- for type in ['maand', 'kwartaal', 'jaar'] %}
                when '{{ type }}' then
                    case
                        when maand_sommen.productcategorie_code = 'totaal' then maand_sommen.eerste_{{ type }}_{{ wet }}
                        else maand_sommen.eerste_{{ type }}_{{ categorie }}
                    end
            {%- endfor %}
        end as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from maand_sommen
    inner join maand_perioden using (maand_start)

),

-- each row of a productcategorie counts for its own cell and for the wet's 'totaal' (amounts and
-- declaratieregels); the client counts of 'totaal' are its own rows' (distinct over the wet)
rollen as (

    select 'categorie' as rol

    union all

    select 'totaal' as rol

),

{%- set optelbaar = [
    'bedrag_realisatie',
    'bedrag_realisatie_onbekende_beschikking',
    'bedrag_realisatie_ingetrokken_beschikking',
    'aantal_declaratieregels',
] %}

cellen as (

    select
        periode_sommen.gemeente_code,
        periode_sommen.periode_type,
        periode_sommen.periode_start,
        periode_sommen.wet_code,
        case when rollen.rol = 'totaal' then 'totaal' else periode_sommen.productcategorie_code end
            as productcategorie_code,
        {%- for kolom in optelbaar %}
            sum(
                case when periode_sommen.productcategorie_code != 'totaal' then periode_sommen.{{ kolom }} else 0 end
            ) as {{ kolom }},
        {%- endfor %}
    {%- for kolom, categorie, wet in tellingen[1:] %}
        sum(
            case
                when rollen.rol = 'totaal' and periode_sommen.productcategorie_code != 'totaal' then 0
                else periode_sommen.{{ kolom }}
            end
        ) as {{ kolom }}{{ ',' if not loop.last }}  -- noqa: LT02
    {%- endfor %}
    from periode_sommen
    cross join rollen
    where rollen.rol = 'totaal' or periode_sommen.productcategorie_code != 'totaal'
    group by
        periode_sommen.gemeente_code,
        periode_sommen.periode_type,
        periode_sommen.periode_start,
        periode_sommen.wet_code,
        case when rollen.rol = 'totaal' then 'totaal' else periode_sommen.productcategorie_code end

),

final as (

    select
        {{ periode_kolommen(
            'cellen', 'perioden', ['periode_eind:date', 'periode_label', 'jaar:integer'], sleutels='cellen'
        ) }},
        perioden.is_volledig,
        cast(cellen.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(cellen.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(cellen.bedrag_realisatie as decimal(28, 8)) as bedrag_realisatie,
        cast(cellen.bedrag_realisatie_onbekende_beschikking as decimal(28, 8))
            as bedrag_realisatie_onbekende_beschikking,
        cast(cellen.bedrag_realisatie_ingetrokken_beschikking as decimal(28, 8))
            as bedrag_realisatie_ingetrokken_beschikking,
        cast(cellen.aantal_declaratieregels as {{ dbt.type_bigint() }}) as aantal_declaratieregels,
        cast(cellen.aantal_clienten as {{ dbt.type_bigint() }}) as aantal_clienten,
        cast(cellen.aantal_clienten_onbekende_beschikking as {{ dbt.type_bigint() }})
            as aantal_clienten_onbekende_beschikking,
        cast(cellen.aantal_clienten_ingetrokken_beschikking as {{ dbt.type_bigint() }})
            as aantal_clienten_ingetrokken_beschikking
    from cellen
    inner join perioden
        on cellen.periode_type = perioden.periode_type and cellen.periode_start = perioden.periode_start

)

select * from final
