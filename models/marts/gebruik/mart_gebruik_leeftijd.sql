-- Wmo by age band (kpi-definitions.md, "Wmo by age"): unique clients per gemeente, period,
-- productcategorie ('01' hulp bij het huishouden, 'vervoer' = 08 or 12, 'totaal') and age band, with
-- the 70+ figures of the municipal monitors as a row of their own. Figures:
-- int_gebruik_leeftijd_telling; suppression as declared in _gebruik__models.yml: the hoofdklassen add
-- up to 'totaal', 70-74 + 75-84 + 85+ to '70+'; the 'totaal' rows of '01' and 'totaal' are the Wmo
-- figures of mart_gebruik, published as they are there.
-- depends_on: {{ ref('mart_gebruik') }} (figures published there too: declaration `inherit`)
with

figuren as (select * from {{ ref('int_gebruik_leeftijd_telling') }}),

-- the productcategorie in words beside its code (macro met_productcategorie_omschrijving)
met_woorden as (

    {{ met_productcategorie_omschrijving('figuren') }}

),

-- 'vervoer' is no code of the code list: its words are said here
final as (

    select
        met_woorden.gemeente_code,
        met_woorden.periode_type,
        met_woorden.periode_start,
        met_woorden.periode_eind,
        met_woorden.periode_label,
        met_woorden.wet_code,
        met_woorden.productcategorie_code,
        cast(
            coalesce(
                met_woorden.productcategorie_omschrijving,
                case
                    when met_woorden.productcategorie_code = 'vervoer'
                        then 'Vervoer: vervoerdiensten (08) of vervoervoorzieningen (12)'
                end
            ) as {{ dbt.type_string() }}
        ) as productcategorie_omschrijving,
        met_woorden.leeftijd_klasse,
        met_woorden.leeftijd_hoofdklasse,
        met_woorden.leeftijd_deelklasse,
        met_woorden.leeftijd_klasse_volgorde,
        met_woorden.aantal_unieke_clienten
    from met_woorden

)

select * from final
