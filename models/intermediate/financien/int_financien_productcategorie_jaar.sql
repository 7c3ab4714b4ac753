-- Money per gemeente, reporting year ('jaar' periods of int_rapportage_periode), wet and
-- productcategorie, plus a 'totaal' row per wet; unsuppressed (the marts suppress):
--   verplichting     int_verplichting_jaar (by the productcategorie of the voorziening); unknown
--                    verplichtingen are left out of the sum and counted
--   realisatie       int_realisatie_periode (by the productcategorie on the declaratie)
--   verzilvering     realisatie / verplichting
--   unieke clienten  distinct clients with a voorziening of the category active in the year
--   prognose         realisatie so far + the verplichting still to come in the year (after the
--                    knowledge date, pro rata by days) x the verzilveringsgraad of the previous year;
--                    a year that ended on or before the knowledge date: prognose = realisatie.
--                    When the category had no verplichting in the previous year, the previous year's
--                    verzilveringsgraad of the whole wet is used. The 'totaal' row's prognose is the
--                    sum of its categories. The year before the reporting window has no graad
--                    (history before var rapportage_start is not complete).
with

verplichting_jaren as (select * from {{ ref('int_verplichting_jaar') }}),

realisatie as {{ inline_cte() }} (

    select * from {{ ref('int_realisatie_periode') }}
    where periode_type = 'jaar'

),

jaren as {{ inline_cte() }} ({{ rapportage_perioden('jaar') }}),

verplichting_regels as (

    select
        verplichting_jaren.gemeente_code,
        jaren.periode_start,
        verplichting_jaren.wet_code,
        verplichting_jaren.productcategorie_code,
        verplichting_jaren.beschikking_id,
        verplichting_jaren.client_id,
        verplichting_jaren.is_verplichting_onbekend,
        verplichting_jaren.bedrag_verplichting,
        verplichting_jaren.bedrag_verplichting_na_kennisdatum
    from verplichting_jaren
    inner join jaren using (jaar)

),

verplichting_met_totaal as (

    select * from verplichting_regels
    union all
    select
        gemeente_code,
        periode_start,
        wet_code,
        'totaal' as productcategorie_code,
        beschikking_id,
        client_id,
        is_verplichting_onbekend,
        bedrag_verplichting,
        bedrag_verplichting_na_kennisdatum
    from verplichting_regels

),

verplichting as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        productcategorie_code,
        count(distinct beschikking_id) as aantal_voorzieningen,
        count(distinct case when is_verplichting_onbekend then beschikking_id end)
            as aantal_voorzieningen_verplichting_onbekend,
        count(distinct client_id) as aantal_unieke_clienten,
        sum(case when not is_verplichting_onbekend then bedrag_verplichting else 0 end) as bedrag_verplichting,
        sum(case when not is_verplichting_onbekend then bedrag_verplichting_na_kennisdatum else 0 end)
            as bedrag_verplichting_rest_jaar
    from verplichting_met_totaal
    group by gemeente_code, periode_start, wet_code, productcategorie_code

),

sleutels as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        productcategorie_code
    from verplichting
    union
    select
        gemeente_code,
        periode_start,
        wet_code,
        productcategorie_code
    from realisatie

),

samen as (

    select
        sleutels.gemeente_code,
        jaren.periode_type,
        jaren.periode_start,
        jaren.periode_eind,
        jaren.periode_label,
        jaren.jaar,
        jaren.is_volledig,
        sleutels.wet_code,
        sleutels.productcategorie_code,
        coalesce(verplichting.aantal_voorzieningen, 0) as aantal_voorzieningen,
        coalesce(verplichting.aantal_voorzieningen_verplichting_onbekend, 0)
            as aantal_voorzieningen_verplichting_onbekend,
        coalesce(verplichting.aantal_unieke_clienten, 0) as aantal_unieke_clienten,
        coalesce(realisatie.aantal_clienten, 0) as aantal_clienten_realisatie,
        coalesce(verplichting.bedrag_verplichting, 0) as bedrag_verplichting,
        coalesce(verplichting.bedrag_verplichting_rest_jaar, 0) as bedrag_verplichting_rest_jaar,
        coalesce(realisatie.bedrag_realisatie, 0) as bedrag_realisatie
    from sleutels
    inner join jaren using (periode_start)
    left join verplichting using (gemeente_code, periode_start, wet_code, productcategorie_code)
    left join realisatie using (gemeente_code, periode_start, wet_code, productcategorie_code)

),

met_graad as (

    select
        samen.*,
        samen.bedrag_realisatie / nullif(samen.bedrag_verplichting, 0) as aandeel_verzilvering
    from samen

),

met_vorig_jaar as (

    select
        huidig.*,
        vorig.aandeel_verzilvering as aandeel_verzilvering_vorig_jaar,
        vorig_wet.aandeel_verzilvering as aandeel_verzilvering_vorig_jaar_wet
    from met_graad as huidig
    {{ join_vorig_jaar('met_graad', 'vorig', 'huidig') }}
    {{ join_vorig_jaar('met_graad', 'vorig_wet', 'huidig', wet_totaal=true) }}

),

-- the prognose of a category as the decimal it is published in, before the wet's total sums it:
-- a sum of floating-point values depends on the order the engine adds them in, and gave a total
-- that differed in its 8th decimal from one build to the next
prognose_categorie as (

    select
        met_vorig_jaar.*,
        cast(
            case
                when
                    met_vorig_jaar.is_volledig or met_vorig_jaar.bedrag_verplichting_rest_jaar = 0
                    then met_vorig_jaar.bedrag_realisatie
                else
                    met_vorig_jaar.bedrag_realisatie
                    + met_vorig_jaar.bedrag_verplichting_rest_jaar
                    * coalesce(
                        met_vorig_jaar.aandeel_verzilvering_vorig_jaar,
                        met_vorig_jaar.aandeel_verzilvering_vorig_jaar_wet
                    )
            end as decimal(28, 8)
        ) as bedrag_prognose_categorie
    from met_vorig_jaar

),

prognose_totaal as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        sum(bedrag_prognose_categorie) as bedrag_prognose
    from prognose_categorie
    where productcategorie_code != 'totaal'
    group by gemeente_code, periode_start, wet_code

),

final as (

    select
        {{ periode_kolommen(
            'prognose_categorie', 'prognose_categorie', ['periode_eind:date', 'periode_label', 'jaar:integer']
        ) }},
        prognose_categorie.is_volledig,
        cast(prognose_categorie.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(prognose_categorie.productcategorie_code as {{ dbt.type_string() }}) as productcategorie_code,
        cast(prognose_categorie.aantal_voorzieningen as {{ dbt.type_bigint() }}) as aantal_voorzieningen,
        cast(prognose_categorie.aantal_voorzieningen_verplichting_onbekend as {{ dbt.type_bigint() }})
            as aantal_voorzieningen_verplichting_onbekend,
        cast(prognose_categorie.aantal_unieke_clienten as {{ dbt.type_bigint() }}) as aantal_unieke_clienten,
        cast(prognose_categorie.aantal_clienten_realisatie as {{ dbt.type_bigint() }})
            as aantal_clienten_realisatie,
        cast(prognose_categorie.bedrag_verplichting as decimal(28, 8)) as bedrag_verplichting,
        cast(prognose_categorie.bedrag_verplichting_rest_jaar as decimal(28, 8)) as bedrag_verplichting_rest_jaar,
        cast(prognose_categorie.bedrag_realisatie as decimal(28, 8)) as bedrag_realisatie,
        cast(prognose_categorie.aandeel_verzilvering as decimal(18, 6)) as aandeel_verzilvering,
        cast(prognose_categorie.aandeel_verzilvering_vorig_jaar as decimal(18, 6))
            as aandeel_verzilvering_vorig_jaar,
        cast(
            case
                when prognose_categorie.productcategorie_code = 'totaal' then prognose_totaal.bedrag_prognose
                else prognose_categorie.bedrag_prognose_categorie
            end as decimal(28, 8)
        ) as bedrag_prognose
    from prognose_categorie
    left join prognose_totaal using (gemeente_code, periode_start, wet_code)

)

select * from final
