-- Verplichting (financial commitment) per voorziening and calendar year: docs/kpi-definitions.md,
-- "Money", verplichting. The unit computation lives here and nowhere else.
--   units in the year, over the days D of the voorziening inside the year (inclusive):
--     frequentie 1 (per dag)   volume x D
--     frequentie 2 (per week)  volume x D / 7
--     frequentie 4 (per maand) volume x sum over calendar months of (days active in the month / days in the month)
--     frequentie 6 (totaal)    volume x D / all days of the voorziening; open-ended: all in the year of ingangsdatum
--   verplichting = units x tarief (eenheid 83, euro's: tarief 1); no volume or no tarief: unknown (null).
-- Years: every calendar year the voorziening touches; an open-ended voorziening runs to 31 December
-- of each year up to the year of the knowledge date (not forever).
-- dagen_na_kennisdatum / bedrag_verplichting_na_kennisdatum: the part of the year after the knowledge
-- date, pro rata by days (the verplichting still to come, for the prognose).
with

voorzieningen as {{ inline_cte() }} (select * from {{ ref('fct_voorziening') }}),

kennisdatum as (

    select kennisdatum from {{ ref('dim_kennisdatum') }}

),

cijfers as (

    select 0 as n
    union all
    select 1 as n
    union all
    select 2 as n
    union all
    select 3 as n
    union all
    select 4 as n
    union all
    select 5 as n
    union all
    select 6 as n
    union all
    select 7 as n
    union all
    select 8 as n
    union all
    select 9 as n

),

voorziening_jaren as (

    select
        voorzieningen.*,
        kennisdatum.kennisdatum,
        cast(extract(year from voorzieningen.ingangsdatum) as integer) as eerste_jaar,
        cast(
            coalesce(
                extract(year from voorzieningen.einddatum),
                greatest(extract(year from kennisdatum.kennisdatum), extract(year from voorzieningen.ingangsdatum))
            ) as integer
        ) as laatste_jaar
    from voorzieningen
    cross join kennisdatum

),

jaren as (

    -- a year spine covering every voorziening (0..999 years from the earliest ingangsdatum)
    select bereik.min_jaar + honderdtallen.n * 100 + tientallen.n * 10 + eenheden.n as jaar
    from (
        select
            min(eerste_jaar) as min_jaar,
            max(laatste_jaar) as max_jaar
        from voorziening_jaren
    ) as bereik
    cross join cijfers as honderdtallen
    cross join cijfers as tientallen
    cross join cijfers as eenheden
    where bereik.min_jaar + honderdtallen.n * 100 + tientallen.n * 10 + eenheden.n <= bereik.max_jaar

),

jaar_grenzen as (

    select
        'jaar' as periode_type,
        jaar,
        cast({{ dbt.concat(["cast(jaar as " ~ dbt.type_string() ~ ")", "'-01-01'"]) }} as date) as periode_start,
        cast({{ dbt.concat(["cast(jaar as " ~ dbt.type_string() ~ ")", "'-12-31'"]) }} as date) as periode_eind
    from jaren

),

-- every voorziening once per year it touches (found by year number, macro expand_to_periods),
-- within its years eerste_jaar .. laatste_jaar
{{ expand_to_periods(
    'voorziening_jaar_paren', 'voorziening_jaren', 'ingangsdatum', 'einddatum', 'jaar_grenzen',
    ['jaar', 'periode_start as jaar_start', 'periode_eind as jaar_eind']
) }},

segmenten as (

    -- the part of each voorziening inside each year it touches: segment_start .. segment_eind
    select
        beschikking_id,
        gemeente_code,
        client_id,
        wet_code,
        productcategorie_code,
        product_id,
        ingangsdatum,
        einddatum,
        volume,
        eenheid_code,
        frequentie_code,
        tarief,
        kennisdatum,
        jaar,
        jaar_start,
        jaar_eind,
        greatest(ingangsdatum, jaar_start) as segment_start,
        least(coalesce(einddatum, jaar_eind), jaar_eind) as segment_eind
    from voorziening_jaar_paren
    where jaar between eerste_jaar and laatste_jaar

),

dagen as (

    select
        segmenten.*,
        {{ dbt.datediff('segment_start', 'segment_eind', 'day') }} + 1 as dagen_in_jaar,
        case
            when segmenten.einddatum is not null then {{ dbt.datediff('ingangsdatum', 'einddatum', 'day') }} + 1
        end as dagen_totaal,
        case
            when segmenten.segment_eind <= segmenten.kennisdatum then 0
            else {{ dbt.datediff('greatest(segment_start, ' ~ dbt.dateadd('day', 1, 'kennisdatum') ~ ')',
                'segment_eind', 'day') }} + 1
        end as dagen_na_kennisdatum,
        -- per maand: months from segment_start to segment_eind, and the days in the first and last month
        (extract(year from segmenten.segment_eind) * 12 + extract(month from segmenten.segment_eind))
        - (extract(year from segmenten.segment_start) * 12 + extract(month from segmenten.segment_start))
            as maandverschil,
        extract(day from {{ dbt.last_day('segment_start', 'month') }}) as dagen_eerste_maand,
        extract(day from {{ dbt.last_day('segment_eind', 'month') }}) as dagen_laatste_maand,
        extract(day from segmenten.segment_start) as dag_start,
        extract(day from segmenten.segment_eind) as dag_eind
    from segmenten

),

-- fractions in doubles on every engine: Spark divides decimals to six decimals only
maandfracties as (

    select
        dagen.*,
        case
            when dagen.maandverschil = 0
                then cast(dagen.dagen_in_jaar as {{ type_double() }}) / dagen.dagen_eerste_maand
            else
                cast(dagen.dagen_eerste_maand - dagen.dag_start + 1 as {{ type_double() }})
                / dagen.dagen_eerste_maand
                + cast(dagen.dag_eind as {{ type_double() }}) / dagen.dagen_laatste_maand
                + (dagen.maandverschil - 1)
        end as maanden_in_jaar
    from dagen

),

eenheden as (

    select
        maandfracties.*,
        case
            when
                maandfracties.frequentie_code = '1'
                then cast(maandfracties.volume as {{ type_double() }}) * maandfracties.dagen_in_jaar
            when
                maandfracties.frequentie_code = '2'
                then cast(maandfracties.volume as {{ type_double() }}) * maandfracties.dagen_in_jaar / 7
            when
                maandfracties.frequentie_code = '4'
                then cast(maandfracties.volume as {{ type_double() }}) * maandfracties.maanden_in_jaar
            when maandfracties.frequentie_code = '6' and maandfracties.einddatum is not null
                then
                    cast(maandfracties.volume as {{ type_double() }})
                    * maandfracties.dagen_in_jaar
                    / maandfracties.dagen_totaal
            when
                maandfracties.frequentie_code = '6'
                and maandfracties.jaar = extract(year from maandfracties.ingangsdatum)
                then cast(maandfracties.volume as {{ type_double() }})
            when maandfracties.frequentie_code = '6' then 0
        end as eenheden_in_jaar,
        case when maandfracties.eenheid_code = '83' then 1 else maandfracties.tarief end as tarief_toegepast
    from maandfracties

),

final as (

    select
        cast(beschikking_id as {{ dbt.type_string() }}) as beschikking_id,
        cast(jaar as integer) as jaar,
        cast(jaar_start as date) as jaar_start,
        cast(jaar_eind as date) as jaar_eind,
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(client_id as {{ dbt.type_string() }}) as client_id,
        cast(wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(product_id as {{ dbt.type_string() }}) as product_id,
        cast(ingangsdatum as date) as ingangsdatum,
        cast(einddatum as date) as einddatum,
        cast(frequentie_code as {{ dbt.type_string() }}) as frequentie_code,
        cast(eenheid_code as {{ dbt.type_string() }}) as eenheid_code,
        volume,
        cast(tarief_toegepast as decimal(18, 2)) as tarief_toegepast,
        cast(dagen_in_jaar as integer) as dagen_in_jaar,
        cast(dagen_na_kennisdatum as integer) as dagen_na_kennisdatum,
        cast(eenheden_in_jaar as decimal(28, 8)) as eenheden_in_jaar,
        (volume is null or tarief_toegepast is null or eenheden_in_jaar is null) as is_verplichting_onbekend,
        cast(eenheden_in_jaar * tarief_toegepast as decimal(28, 8)) as bedrag_verplichting,
        cast(
            eenheden_in_jaar * tarief_toegepast * dagen_na_kennisdatum / dagen_in_jaar as decimal(28, 8)
        ) as bedrag_verplichting_na_kennisdatum
    from eenheden

)

select * from final
