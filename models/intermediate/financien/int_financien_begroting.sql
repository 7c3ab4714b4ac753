-- Begroting vs realisatie per gemeente, reporting year and kostenpost (cost line); unsuppressed.
--   Wmo/Jeugd kostenposten: the productcategorie figures of int_financien_productcategorie_jaar,
--     mapped by code_productcategorie.kostenpost (wet + productcategorie on the declaratie).
--   pw_uitkeringen: realisatie = sum of fct_uitkering_maand.bedrag over the betaalmaanden of the
--     year; prognose = realisatie extrapolated by the months paid (x 12 / months with a payment),
--     or the realisatie for a year that ended on or before the knowledge date.
--   bedrag_verschil = begroting - prognose (positive: voordeel).
-- The begroting seed holds a budget per gemeente_code, year and cost line.
with

categorieen as (

    select * from {{ ref('int_financien_productcategorie_jaar') }}
    where productcategorie_code != 'totaal'

),

kostenposten as (

    select
        wet as wet_code,
        productcategorie_code,
        kostenpost
    from {{ ref('code_productcategorie') }}

),

verplichting_jaren as (select * from {{ ref('int_verplichting_jaar') }}),

realisatie_regels as (select * from {{ ref('int_realisatie_declaratie_maand') }}),

uitkering_maanden as (select * from {{ ref('fct_uitkering_maand') }}),

jaren as ({{ rapportage_perioden('jaar') }}),

begroting as (select * from {{ ref('begroting') }}),

-- the Wmo and Jeugd figures per cost line (macro per_kostenpost)
zorg_bedragen as (

    {{ per_kostenpost('categorieen', [
        'cast(sum(categorieen.bedrag_realisatie) as decimal(28, 8)) as bedrag_realisatie',
        'cast(sum(categorieen.bedrag_prognose) as decimal(28, 8)) as bedrag_prognose',
    ]) }}

),

-- voorzieningen and clients behind a cost line in the year (for suppression)
zorg_voorzieningen as (

    {{ per_kostenpost('verplichting_jaren', [
        'count(distinct verplichting_jaren.beschikking_id) as aantal_voorzieningen',
        'count(distinct verplichting_jaren.client_id) as aantal_clienten',
    ]) }}

),

zorg_declarerende_clienten as (

    {{ per_kostenpost('realisatie_regels', [
        'count(distinct realisatie_regels.client_id) as aantal_clienten_realisatie',
    ]) }}

),

-- every payment month once, in the year that holds it (found by period number, macro
-- expand_to_periods)
{{ expand_to_periods(
    'uitkering_jaren', 'uitkering_maanden', 'betaalmaand_start', 'betaalmaand_start', 'jaren',
    ['jaar as periode_jaar', 'is_volledig']
) }},

uitkeringen as (

    select
        gemeente_code,
        periode_jaar as jaar,
        'pw_uitkeringen' as kostenpost,
        cast(sum(bedrag) as decimal(28, 8)) as bedrag_realisatie,
        count(distinct betaalmaand) as aantal_betaalmaanden,
        count(distinct uitkering_id) as aantal_voorzieningen,
        count(distinct client_id) as aantal_clienten,
        max(case when is_volledig then 1 else 0 end) as is_volledig
    from uitkering_jaren
    group by gemeente_code, periode_jaar

),

cellen as (

    select
        zorg_bedragen.gemeente_code,
        zorg_bedragen.jaar,
        zorg_bedragen.kostenpost,
        zorg_bedragen.bedrag_realisatie,
        zorg_bedragen.bedrag_prognose,
        coalesce(zorg_voorzieningen.aantal_voorzieningen, 0) as aantal_voorzieningen,
        coalesce(zorg_voorzieningen.aantal_clienten, 0) as aantal_clienten,
        coalesce(zorg_declarerende_clienten.aantal_clienten_realisatie, 0) as aantal_clienten_realisatie
    from zorg_bedragen
    left join zorg_voorzieningen using (gemeente_code, jaar, kostenpost)
    left join zorg_declarerende_clienten using (gemeente_code, jaar, kostenpost)
    union all
    select
        gemeente_code,
        jaar,
        kostenpost,
        bedrag_realisatie,
        cast(
            case
                when is_volledig = 1 then bedrag_realisatie
                else bedrag_realisatie * 12 / aantal_betaalmaanden
            end as decimal(28, 8)
        ) as bedrag_prognose,
        aantal_voorzieningen,
        aantal_clienten,
        aantal_clienten as aantal_clienten_realisatie
    from uitkeringen

),

gemeente_jaren as (

    select distinct
        gemeente_code,
        jaar
    from cellen

),

begroting_per_gemeente as (

    select
        gemeente_jaren.gemeente_code,
        begroting.jaar,
        begroting.kostenpost,
        begroting.bedrag as bedrag_begroting
    from begroting
    inner join gemeente_jaren using (gemeente_code, jaar)

),

sleutels as (

    select
        gemeente_code,
        jaar,
        kostenpost
    from cellen
    union
    select
        gemeente_code,
        jaar,
        kostenpost
    from begroting_per_gemeente

),

final as (

    select
        {{ periode_kolommen('sleutels', 'jaren', ['periode_eind:date', 'periode_label', 'jaar:integer']) }},
        jaren.is_volledig,
        cast(sleutels.kostenpost as {{ dbt.type_string() }}) as kostenpost,
        cast(begroting_per_gemeente.bedrag_begroting as decimal(18, 2)) as bedrag_begroting,
        cast(coalesce(cellen.bedrag_realisatie, 0) as decimal(28, 8)) as bedrag_realisatie,
        cast(coalesce(cellen.bedrag_prognose, 0) as decimal(28, 8)) as bedrag_prognose,
        cast(
            begroting_per_gemeente.bedrag_begroting - coalesce(cellen.bedrag_prognose, 0) as decimal(28, 8)
        ) as bedrag_verschil,
        cast(coalesce(cellen.aantal_voorzieningen, 0) as {{ dbt.type_bigint() }}) as aantal_voorzieningen,
        cast(coalesce(cellen.aantal_clienten, 0) as {{ dbt.type_bigint() }}) as aantal_clienten,
        cast(coalesce(cellen.aantal_clienten_realisatie, 0) as {{ dbt.type_bigint() }})
            as aantal_clienten_realisatie
    from sleutels
    inner join jaren using (jaar)
    left join cellen using (gemeente_code, jaar, kostenpost)
    left join begroting_per_gemeente using (gemeente_code, jaar, kostenpost)

)

select * from final
