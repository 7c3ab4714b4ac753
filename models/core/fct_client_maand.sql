-- Client x calendar month x wet activity, for months up to the month of the knowledge date.
-- WMO/JW: voorzieningen active in the month; PW: uitkering dossiers active in the month by their
-- dossier dates (a payment row is not required). "Active" is macro is_active_in_period.
with

voorzieningen as (select * from {{ ref('fct_voorziening') }}),

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

kennisdatum as (select * from {{ ref('dim_kennisdatum') }}),

maanden as (

    select
        'maand' as periode_type,
        periode.maand_start as periode_start,
        periode.maand_eind as periode_eind,
        periode.jaarmaand,
        periode.jaar,
        periode.maand
    from {{ ref('dim_periode') }} as periode
    cross join kennisdatum
    where periode.datum = periode.maand_start and periode.maand_start <= kennisdatum.kennisdatum

),

activiteiten as (

    select
        client_id,
        wet_code,
        beschikking_id as activiteit_id,
        productcode,
        ingangsdatum,
        einddatum,
        registratiedatum,
        huishouden_id,
        gemeente_code,
        wijk_code,
        1 as is_voorziening
    from voorzieningen

    union all

    select
        client_id,
        wet_code,
        uitkering_id as activiteit_id,
        cast(null as {{ dbt.type_string() }}) as productcode,
        ingangsdatum,
        einddatum,
        registratiedatum,
        huishouden_id,
        gemeente_code,
        wijk_code,
        0 as is_voorziening
    from uitkeringen

),

-- Each record's place among the client's records of the wet, computed once per record instead of
-- once per record and month (client_wet_nummer: the client and wet as one number, so the months are
-- grouped on numbers):
--   activiteit_rang    1 = most recently registered (registratiedatum, then activiteit_id): the
--                      active record with the smallest rank in a month gives household and location
--   eerste_eigen_maand from this month on (month number) the record is the first of its productcode
--                      in a month: earlier records of the productcode (in start order) end before
--                      it, so each productcode counts once per month without count(distinct)
gerangschikt as (

    select
        activiteiten.*,
        dense_rank() over (order by activiteiten.client_id, activiteiten.wet_code) as client_wet_nummer,
        row_number() over (
            partition by activiteiten.client_id, activiteiten.wet_code
            order by activiteiten.registratiedatum desc, activiteiten.activiteit_id desc
        ) as activiteit_rang,
        {{ periode_index('activiteiten.ingangsdatum', "'maand'") }} as eerste_maand_nummer,
        max(
            case
                when activiteiten.ingangsdatum is not null
                    then {{ periode_index("coalesce(activiteiten.einddatum, cast('9999-12-31' as date))", "'maand'") }}
            end
        ) over (
            partition by activiteiten.client_id, activiteiten.wet_code, activiteiten.productcode
            order by activiteiten.ingangsdatum asc, activiteiten.einddatum desc, activiteiten.activiteit_id asc
            rows between unbounded preceding and 1 preceding
        ) as eerder_laatste_maand_nummer
    from activiteiten

),

-- every record once per month it is active in (macro is_active_in_period), up to the knowledge date
{{ expand_to_periods(
    'actief', 'gerangschikt', 'ingangsdatum', 'einddatum', 'maanden',
    [
        'periode_start as maand_start', 'periode_eind as maand_eind', 'jaarmaand', 'jaar', 'maand',
        'sdw_periode_nummer as maand_nummer',
    ]
) }},

geaggregeerd as (

    select
        client_wet_nummer,
        maand_start,
        -- one value per month: carried instead of joining the months back in afterwards
        max(maand_eind) as maand_eind,
        max(jaarmaand) as jaarmaand,
        max(jaar) as jaar,
        max(maand) as maand,
        min(activiteit_rang) as activiteit_rang,
        sum(is_voorziening) as aantal_voorzieningen,
        sum(
            case
                when
                    productcode is not null
                    and maand_nummer >= greatest(eerste_maand_nummer, coalesce(eerder_laatste_maand_nummer + 1, 0))
                    then 1
                else 0
            end
        ) as aantal_productcodes,
        sum(1 - is_voorziening) as aantal_uitkeringen
    from actief
    group by client_wet_nummer, maand_start

),

final as (

    select
        cast(gerangschikt.client_id as {{ dbt.type_string() }}) as client_id,
        {{ declared_casts(['maand_start', 'maand_eind', 'jaarmaand', 'jaar', 'maand'], 'geaggregeerd') }},
        {{ declared_casts(['wet_code', 'huishouden_id', 'gemeente_code', 'wijk_code'], 'gerangschikt') }},
        {{ declared_casts(['aantal_voorzieningen', 'aantal_productcodes', 'aantal_uitkeringen'], 'geaggregeerd') }}
    from geaggregeerd
    inner join gerangschikt using (client_wet_nummer, activiteit_rang)

)

select * from final
