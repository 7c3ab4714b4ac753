-- The unsuppressed figures of mart_gebruik_leeftijd (kpi-definitions.md, "Wmo by age"): unique Wmo
-- clients with a voorziening active in the period (the rows of int_gebruik_voorziening_periode that
-- mart_gebruik counts), per gemeente, period (month, quarter, year), productcategorie and age band.
-- Productcategorie: '01' hulp bij het huishouden (schoonmaakondersteuning), 'vervoer' (08
-- vervoerdiensten or 12 vervoervoorzieningen: a client with both counts once) and 'totaal' (every
-- Wmo voorziening). Age: completed years on the last day of the period (a birthday on that day
-- counts), from the client's current date of birth in dim_client; the bands are those of macro
-- gebruik_leeftijd_klassen. Each client has one age per period, so within a productcategorie the
-- hoofdklassen add up to 'totaal' and 70-74, 75-84 and 85+ add up to '70+'. Unique counts are
-- distinct over the whole period. Every cell present (0 shown).
with

voorziening_perioden as {{ inline_cte() }} (

    select * from {{ ref('int_gebruik_voorziening_periode') }}
    where wet_code = 'WMO' and is_actief

),

clienten as (

    select * from {{ ref('dim_client') }}
    where is_current

),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

-- the published productcategorie of each Wmo code: its own group (01, vervoer) and 'totaal'
wmo_codes as (

    select * from {{ ref('code_productcategorie') }}
    where wet = 'WMO'

),

koppeling as (

    select
        wmo_codes.productcategorie_code as bron_code,
        case wmo_codes.productcategorie_code
            when '01' then '01'
            when '08' then 'vervoer'
            when '12' then 'vervoer'
        end as productcategorie_code
    from wmo_codes
    where wmo_codes.productcategorie_code in ('01', '08', '12')

    union all

    select
        wmo_codes.productcategorie_code as bron_code,
        'totaal' as productcategorie_code
    from wmo_codes

),

productcategorieen as (

    {{ values_table(['productcategorie_code'], [['01'], ['vervoer'], ['totaal']]) }}

),

klassen as (

    {{ gebruik_leeftijd_klassen() }}

),

-- each client once per period and published productcategorie (grouped on the client's number,
-- macro client_sleutel), so the age is worked out once per client and period, not per voorziening;
-- the date of birth is joined per voorziening and carried as a date (one per client), which
-- groups faster than carrying the 64-character client_id to join it afterwards
clienten_per_periode as (

    select
        voorziening_perioden.gemeente_code,
        voorziening_perioden.periode_type,
        voorziening_perioden.periode_start,
        voorziening_perioden.periode_eind,
        koppeling.productcategorie_code,
        {{ client_sleutel('voorziening_perioden.client_id') }} as client_nummer,
        min(clienten.geboortedatum) as geboortedatum
    from voorziening_perioden
    inner join koppeling
        on voorziening_perioden.productcategorie_code = koppeling.bron_code
    left join clienten using (client_id)
    group by
        voorziening_perioden.gemeente_code,
        voorziening_perioden.periode_type,
        voorziening_perioden.periode_start,
        voorziening_perioden.periode_eind,
        koppeling.productcategorie_code,
        {{ client_sleutel('voorziening_perioden.client_id') }}

),

met_leeftijd as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        productcategorie_code,
        {{ participatie_volle_jaren('geboortedatum', 'periode_eind') }} as leeftijd
    from clienten_per_periode

),

-- one row per client, period and published productcategorie, with the client's age band; read
-- twice below (once per level of the bands), so inlined rather than held in memory
ingedeeld as {{ inline_cte() }} (

    select
        met_leeftijd.gemeente_code,
        met_leeftijd.periode_type,
        met_leeftijd.periode_start,
        met_leeftijd.productcategorie_code,
        klassen.leeftijd_hoofdklasse,
        klassen.leeftijd_deelklasse
    from met_leeftijd
    inner join klassen
        on {{ gebruik_leeftijd_klasse('met_leeftijd.leeftijd') }} = klassen.leeftijd_klasse

),

{%- set sleutels = ['gemeente_code', 'periode_type', 'periode_start', 'productcategorie_code'] %}
{%- set unieke_clienten = 'count(*) as aantal_unieke_clienten' %}

-- '<18', '18-64', '65-69', '70+', 'onbekend' and their 'totaal', and '70-74', '75-84', '85+' within
-- '70+' (macro gebruik_leeftijd_tellingen): a client has one age in a period, so the distinct
-- clients of the bands add up to the distinct clients of the productcategorie
{{ gebruik_leeftijd_tellingen('tellingen', 'ingedeeld', sleutels, [unieke_clienten]) }},

gemeenten as (

    select distinct voorziening_perioden.gemeente_code
    from voorziening_perioden

),

leden as (

    select
        gemeenten.gemeente_code,
        'WMO' as wet_code,
        productcategorieen.productcategorie_code,
        klassen.leeftijd_klasse,
        klassen.leeftijd_hoofdklasse,
        klassen.leeftijd_deelklasse,
        klassen.leeftijd_klasse_volgorde
    from gemeenten
    cross join productcategorieen
    cross join klassen

),

final as (

    {{ figures_grid(
        'leden',
        [
            'wet_code', 'productcategorie_code', 'leeftijd_klasse', 'leeftijd_hoofdklasse', 'leeftijd_deelklasse',
            'leeftijd_klasse_volgorde:integer',
        ],
        {'tellingen': ['aantal_unieke_clienten']},
        keys=['productcategorie_code', 'leeftijd_hoofdklasse', 'leeftijd_deelklasse'],
    ) }}

)

select * from final
