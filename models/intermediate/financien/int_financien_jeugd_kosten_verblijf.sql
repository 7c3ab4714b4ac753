-- Jeugd: kosten per jeugdige met en zonder verblijf (kpi-definitions.md, Money), per gemeente,
-- reporting year ('jaar' periods of int_rapportage_periode), wet JW and verblijf class of the
-- productcategorie on the declaratie (seed code_productcategorie.verblijf: met, zonder,
-- jeugdbescherming, jeugdreclassering), plus 'totaal':
--   realisatie           the lines of int_realisatie_declaratie_maand (where the realisatie rule
--                        lives: accepted declaraties, pro rata by days, signed, the gemeente of the
--                        beschikking) in the months of the year, attributed to the year as
--                        int_realisatie_periode does (macro expand_to_periods on the month)
--   jeugdigen            distinct clients on those lines: the jeugdigen the money was spent on.
--                        Not additive over the classes: a jeugdige with and without verblijf counts
--                        in both, once in 'totaal'
--   kosten per jeugdige  realisatie / jeugdigen (null without jeugdigen), unrounded; computed here
--                        only
--   productcategorie     the one productcategorie with realisatie in the class, when there is
--                        exactly one ('totaal' on the totaal row): the class's figures are then
--                        that productcategorie's figures in int_financien_productcategorie_jaar
-- Every class of every gemeente with Jeugd realisatie in every year (0 shown). Wmo has no verblijf
-- class and is left out (its cost per client is in mart_financien_productcategorie).
-- Unsuppressed: mart_jeugd_kosten_verblijf publishes it.
with

regels as {{ inline_cte() }} (

    select * from {{ ref('int_realisatie_declaratie_maand') }}
    where wet_code = 'JW'

),

jaren as {{ inline_cte() }} ({{ rapportage_perioden('jaar') }}),

productcategorieen as (

    select
        productcategorie_code,
        verblijf
    from {{ ref('code_productcategorie') }}
    where wet = 'JW'

),

klassen as (

    {{ values_table(['verblijf'], [['met'], ['zonder'], ['jeugdbescherming'], ['jeugdreclassering'], ['totaal']]) }}

),

-- the year that holds each month (only the months that occur; a month outside the reporting
-- window has none)
maanden as (

    select distinct maand_start
    from regels

),

{{ expand_to_periods(
    'maand_jaren', 'maanden', 'maand_start', 'maand_start', 'jaren', ['periode_type', 'periode_start']
) }},

regels_per_jaar as (

    select
        regels.gemeente_code,
        maand_jaren.periode_type,
        maand_jaren.periode_start,
        regels.wet_code,
        productcategorieen.verblijf,
        regels.productcategorie_code,
        regels.client_nummer,
        regels.signed_bedrag_maand
    from regels
    inner join maand_jaren using (maand_start)
    left join productcategorieen using (productcategorie_code)

),

cellen as (

    {{ group_with_total(
        'regels_per_jaar', ['gemeente_code', 'periode_type', 'periode_start', 'wet_code'], 'verblijf',
        [
            'sum(signed_bedrag_maand) as bedrag_realisatie',
            'count(distinct client_nummer) as aantal_jeugdigen_realisatie',
            'case when count(distinct productcategorie_code) = 1 then min(productcategorie_code) end'
            ~ ' as enige_productcategorie_code',
        ],
    ) }}

),

leden as (

    select distinct
        regels_per_jaar.gemeente_code,
        regels_per_jaar.wet_code,
        klassen.verblijf
    from regels_per_jaar
    cross join klassen

),

rooster as (

    {{ figures_grid(
        'leden', ['wet_code', 'verblijf'],
        {'cellen': ['bedrag_realisatie:decimal(28, 8)', 'aantal_jeugdigen_realisatie']},
        periods='jaren',
    ) }}

),

final as (

    select
        rooster.*,
        cast(
            rooster.bedrag_realisatie / nullif(rooster.aantal_jeugdigen_realisatie, 0) as decimal(28, 8)
        ) as bedrag_kosten_per_jeugdige,
        cast(
            case when rooster.verblijf = 'totaal' then 'totaal' else cellen.enige_productcategorie_code end
            as {{ dbt.type_string() }}
        ) as productcategorie_code
    from rooster
    left join cellen using (gemeente_code, periode_type, periode_start, wet_code, verblijf)

)

select * from final
