-- Unsuppressed year figures of the Participatiewet (kpi-definitions.md: afname bestand, uitstroom
-- naar werk, gemiddelde uitkering per jaar) per gemeente and reporting year, all regelingen together.
-- Households on a day: distinct huishouden_id with a dossier active on that day. Flows, payments and
-- monthly household counts are taken from int_participatie_bestand (regeling 'totaal'), so the
-- figures agree with the bestand mart. Targets from seed kpi_doelen (wet PW).
with

uitkeringen as {{ inline_cte() }} (select * from {{ ref('fct_uitkering') }}),

bestand as {{ inline_cte() }} (

    select * from {{ ref('int_participatie_bestand') }}
    where regeling_code = 'totaal'

),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

doelen as {{ inline_cte() }} (

    select * from {{ ref('kpi_doelen') }}
    where wet = 'PW'

),

-- Peildatum of the year: 31 December, or for the running year the last month end it has
-- (int_rapportage_periode.peildatum). Begin: 1 January.
jaren as (

    select
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        jaar,
        peildatum,
        is_volledig,
        cast({{ dbt.date_trunc('year', 'periode_start') }} as date) as begin_datum
    from perioden
    where periode_type = 'jaar'

),

-- Households on the begin and on the peildatum of each year
{%- for naam, dag in [('begin', 'begin_datum'), ('peildatum', 'peildatum')] %}
    huishoudens_{{ naam }} as (

        select
            uitkeringen.gemeente_code,
            jaren.jaar,
            count(distinct uitkeringen.huishouden_id) as aantal_huishoudens
        from uitkeringen
        inner join jaren
            on {{ is_active_in_period(
                'uitkeringen.ingangsdatum', 'uitkeringen.einddatum', 'jaren.' ~ dag, 'jaren.' ~ dag
            ) }}
        group by uitkeringen.gemeente_code, jaren.jaar

    ),
{%- endfor %}

-- Average over the months of the year (up to the knowledge date) of the households active in the month.
gemiddeld as (

    select
        gemeente_code,
        jaar,
        avg(aantal_huishoudens_in_periode) as gemiddeld_aantal_huishoudens,
        min(aantal_huishoudens_in_periode) as kleinste_maand_aantal_huishoudens
    from bestand
    where periode_type = 'maand'
    group by gemeente_code, jaar

),

jaar_totalen as (

    select * from bestand
    where periode_type = 'jaar'

),

doel_werk as (

    select * from doelen
    where kpi_code = 'uitstroom_naar_werk'

),

doel_afname as (

    select * from doelen
    where kpi_code = 'afname_bestand'

),

samengevoegd as (

    select
        jaar_totalen.gemeente_code,
        jaren.periode_type,
        jaren.periode_start,
        jaren.periode_eind,
        jaren.periode_label,
        jaren.jaar,
        jaren.begin_datum,
        jaren.peildatum,
        jaren.is_volledig,
        coalesce(huishoudens_begin.aantal_huishoudens, 0) as aantal_huishoudens_begin_jaar,
        coalesce(huishoudens_peildatum.aantal_huishoudens, 0) as aantal_huishoudens_peildatum,
        coalesce(huishoudens_begin.aantal_huishoudens, 0)
        - coalesce(huishoudens_peildatum.aantal_huishoudens, 0) as aantal_afname_bestand,
        jaar_totalen.aantal_uitstroom_naar_werk,
        jaar_totalen.aantal_huishoudens_in_periode as aantal_huishoudens_jaar,
        jaar_totalen.bedrag_uitkeringen as bedrag_uitkeringen_jaar,
        gemiddeld.gemiddeld_aantal_huishoudens,
        gemiddeld.kleinste_maand_aantal_huishoudens,
        doel_werk.doelwaarde as doel_uitstroom_naar_werk,
        doel_werk.richting as richting_uitstroom_naar_werk,
        doel_afname.doelwaarde as doel_afname_bestand,
        doel_afname.richting as richting_afname_bestand
    from jaar_totalen
    inner join jaren using (periode_start)
    left join huishoudens_begin
        on
            jaar_totalen.gemeente_code = huishoudens_begin.gemeente_code
            and jaren.jaar = huishoudens_begin.jaar
    left join huishoudens_peildatum
        on
            jaar_totalen.gemeente_code = huishoudens_peildatum.gemeente_code
            and jaren.jaar = huishoudens_peildatum.jaar
    left join gemiddeld
        on
            jaar_totalen.gemeente_code = gemiddeld.gemeente_code
            and jaren.jaar = gemiddeld.jaar
    cross join doel_werk
    cross join doel_afname

),

final as (

    select
        {{ periode_kolommen(none, none, ['periode_eind:date', 'periode_label', 'jaar:integer']) }},
        cast(begin_datum as date) as begin_datum,
        cast(peildatum as date) as peildatum,
        cast(is_volledig as {{ dbt.type_boolean() }}) as is_volledig,
        cast(aantal_huishoudens_begin_jaar as {{ dbt.type_bigint() }}) as aantal_huishoudens_begin_jaar,
        cast(aantal_huishoudens_peildatum as {{ dbt.type_bigint() }}) as aantal_huishoudens_peildatum,
        cast(aantal_afname_bestand as {{ dbt.type_bigint() }}) as aantal_afname_bestand,
        cast(aantal_uitstroom_naar_werk as {{ dbt.type_bigint() }}) as aantal_uitstroom_naar_werk,
        cast(aantal_huishoudens_jaar as {{ dbt.type_bigint() }}) as aantal_huishoudens_jaar,
        cast(bedrag_uitkeringen_jaar as decimal(18, 2)) as bedrag_uitkeringen_jaar,
        cast(gemiddeld_aantal_huishoudens as decimal(18, 2)) as gemiddeld_aantal_huishoudens,
        cast(kleinste_maand_aantal_huishoudens as {{ dbt.type_bigint() }}) as kleinste_maand_aantal_huishoudens,
        cast(
            bedrag_uitkeringen_jaar / nullif(gemiddeld_aantal_huishoudens, 0) as decimal(18, 2)
        ) as bedrag_gemiddelde_uitkering_per_huishouden,
        cast(doel_uitstroom_naar_werk as decimal(18, 4)) as doel_uitstroom_naar_werk,
        cast(
            {{ is_doel_gehaald(
                'aantal_uitstroom_naar_werk', 'doel_uitstroom_naar_werk', 'richting_uitstroom_naar_werk'
            ) }} as {{ dbt.type_boolean() }}
        ) as is_doel_uitstroom_naar_werk_gehaald,
        cast(doel_afname_bestand as decimal(18, 4)) as doel_afname_bestand,
        cast(
            {{ is_doel_gehaald('aantal_afname_bestand', 'doel_afname_bestand', 'richting_afname_bestand') }}
            as {{ dbt.type_boolean() }}
        ) as is_doel_afname_bestand_gehaald
    from samengevoegd

)

select * from final
