-- The Wmo figures by age (int_gebruik_leeftijd_telling, int_gebruik_hulp_huishouden_uren, before
-- suppression) against themselves and against int_gebruik_telling, per gemeente and period:
--   - the hoofdklassen add up to 'totaal' and 70-74 + 75-84 + 85+ to '70+' (the two groups the marts
--     declare for secondary suppression), for the clients and for every count of voorzieningen;
--   - the 'totaal' age rows of '01' and 'totaal' are the Wmo unique clients of int_gebruik_telling
--     (the figures mart_gebruik_leeftijd takes as mart_gebruik publishes them);
--   - 'vervoer' lies between the larger of 08 and 12 and their sum (a client with both counts once);
--   - voorzieningen with + without hours = all, and those active on the peildatum are at most those
--     active in the month.
-- Fails with the offending rows.
with

leeftijd as (

    select * from {{ ref('int_gebruik_leeftijd_telling') }}

),

uren as (

    select * from {{ ref('int_gebruik_hulp_huishouden_uren') }}

),

telling as (

    select * from {{ ref('int_gebruik_telling') }}
    where wet_code = 'WMO'

),

-- every count of both tables as one column, so one check covers them all
cellen as (

    select
        'leeftijd.aantal_unieke_clienten' as maat,
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        leeftijd_klasse,
        leeftijd_hoofdklasse,
        leeftijd_deelklasse,
        aantal_unieke_clienten as waarde
    from leeftijd

    union all

    select
        'uren.aantal_voorzieningen' as maat,
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        leeftijd_klasse,
        leeftijd_hoofdklasse,
        leeftijd_deelklasse,
        aantal_voorzieningen as waarde
    from uren

    union all

    select
        'uren.aantal_voorzieningen_met_uren' as maat,
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        leeftijd_klasse,
        leeftijd_hoofdklasse,
        leeftijd_deelklasse,
        aantal_voorzieningen_met_uren as waarde
    from uren

    union all

    select
        'uren.aantal_voorzieningen_zonder_uren' as maat,
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        leeftijd_klasse,
        leeftijd_hoofdklasse,
        leeftijd_deelklasse,
        aantal_voorzieningen_zonder_uren as waarde
    from uren

),

groepen as (

    select
        maat,
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        sum(case when leeftijd_klasse = 'totaal' then waarde else 0 end) as totaal,
        sum(
            case when leeftijd_deelklasse = 'totaal' and leeftijd_hoofdklasse != 'totaal' then waarde else 0 end
        ) as som_hoofdklassen,
        sum(case when leeftijd_klasse = '70+' then waarde else 0 end) as zeventig_plus,
        sum(
            case when leeftijd_hoofdklasse = '70+' and leeftijd_deelklasse != 'totaal' then waarde else 0 end
        ) as som_deelklassen
    from cellen
    group by maat, gemeente_code, periode_type, periode_start, productcategorie_code

),

klassen_fouten as (

    select
        maat || ': the age bands do not add up' as fout,
        gemeente_code,
        periode_type,
        periode_start
    from groepen
    where totaal != som_hoofdklassen or zeventig_plus != som_deelklassen

),

per_categorie as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        sum(case when productcategorie_code = '01' then aantal_unieke_clienten else 0 end) as clienten_01,
        sum(case when productcategorie_code = '08' then aantal_unieke_clienten else 0 end) as clienten_08,
        sum(case when productcategorie_code = '12' then aantal_unieke_clienten else 0 end) as clienten_12,
        sum(case when productcategorie_code = 'totaal' then aantal_unieke_clienten else 0 end) as clienten_totaal,
        sum(case when productcategorie_code = '01' then aantal_actieve_voorzieningen else 0 end) as voorzieningen_01
    from telling
    group by gemeente_code, periode_type, periode_start

),

leeftijd_totalen as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        sum(case when productcategorie_code = '01' then aantal_unieke_clienten else 0 end) as clienten_01,
        sum(case when productcategorie_code = 'vervoer' then aantal_unieke_clienten else 0 end) as clienten_vervoer,
        sum(case when productcategorie_code = 'totaal' then aantal_unieke_clienten else 0 end) as clienten_totaal
    from leeftijd
    where leeftijd_klasse = 'totaal'
    group by gemeente_code, periode_type, periode_start

),

totaal_fouten as (

    select
        'leeftijd: the totals differ from int_gebruik_telling' as fout,
        leeftijd_totalen.gemeente_code,
        leeftijd_totalen.periode_type,
        leeftijd_totalen.periode_start
    from leeftijd_totalen
    left join per_categorie
        on
            leeftijd_totalen.gemeente_code = per_categorie.gemeente_code
            and leeftijd_totalen.periode_type = per_categorie.periode_type
            and leeftijd_totalen.periode_start = per_categorie.periode_start
    where
        leeftijd_totalen.clienten_01 != coalesce(per_categorie.clienten_01, 0)
        or leeftijd_totalen.clienten_totaal != coalesce(per_categorie.clienten_totaal, 0)
        or leeftijd_totalen.clienten_vervoer
        < greatest(coalesce(per_categorie.clienten_08, 0), coalesce(per_categorie.clienten_12, 0))
        or leeftijd_totalen.clienten_vervoer
        > coalesce(per_categorie.clienten_08, 0) + coalesce(per_categorie.clienten_12, 0)

),

uren_fouten as (

    select
        'uren: with + without hours is not all, or more than active in the month' as fout,
        uren.gemeente_code,
        uren.periode_type,
        uren.periode_start
    from uren
    left join per_categorie
        on
            uren.gemeente_code = per_categorie.gemeente_code
            and uren.periode_type = per_categorie.periode_type
            and uren.periode_start = per_categorie.periode_start
    where
        uren.aantal_voorzieningen_met_uren + uren.aantal_voorzieningen_zonder_uren != uren.aantal_voorzieningen
        or (
            uren.leeftijd_klasse = 'totaal'
            and uren.aantal_voorzieningen > coalesce(per_categorie.voorzieningen_01, 0)
        )

),

final as (

    select * from klassen_fouten
    union all
    select * from totaal_fouten
    union all
    select * from uren_fouten

)

select * from final
