-- Client x calendar month x wet activity, for months up to the month of the knowledge date.
-- WMO/JW: voorzieningen active in the month; PW: uitkering dossiers active in the month by their
-- dossier dates (a payment row is not required). "Active" is macro is_active_in_period.
with

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

kennisdatum as (

    select * from {{ ref('dim_kennisdatum') }}

),

maanden as (

    select
        periode.maand_start,
        periode.maand_eind,
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

actief as (

    select
        activiteiten.*,
        maanden.maand_start,
        maanden.maand_eind,
        maanden.jaarmaand,
        maanden.jaar,
        maanden.maand,
        -- household and location: from the most recently registered active record
        row_number() over (
            partition by activiteiten.client_id, maanden.maand_start, activiteiten.wet_code
            order by activiteiten.registratiedatum desc, activiteiten.activiteit_id desc
        ) as rang
    from activiteiten
    inner join maanden
        on {{ is_active_in_period(
            'activiteiten.ingangsdatum', 'activiteiten.einddatum', 'maanden.maand_start', 'maanden.maand_eind'
        ) }}

),

geaggregeerd as (

    select
        client_id,
        maand_start,
        wet_code,
        sum(is_voorziening) as aantal_voorzieningen,
        count(distinct productcode) as aantal_productcodes,
        sum(1 - is_voorziening) as aantal_uitkeringen
    from actief
    group by client_id, maand_start, wet_code

),

final as (

    select
        cast(
            {{ dbt.concat(['actief.client_id', "'|'", 'actief.jaarmaand', "'|'", 'actief.wet_code']) }}
            as {{ dbt.type_string() }}
        ) as client_maand_id,
        cast(actief.client_id as {{ dbt.type_string() }}) as client_id,
        cast(actief.maand_start as date) as maand_start,
        cast(actief.maand_eind as date) as maand_eind,
        cast(actief.jaarmaand as {{ dbt.type_string() }}) as jaarmaand,
        cast(actief.jaar as integer) as jaar,
        cast(actief.maand as integer) as maand,
        cast(actief.wet_code as {{ dbt.type_string() }}) as wet_code,
        cast(actief.huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(actief.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(actief.wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(geaggregeerd.aantal_voorzieningen as integer) as aantal_voorzieningen,
        cast(geaggregeerd.aantal_productcodes as integer) as aantal_productcodes,
        cast(geaggregeerd.aantal_uitkeringen as integer) as aantal_uitkeringen
    from actief
    inner join geaggregeerd
        on
            actief.client_id = geaggregeerd.client_id
            and actief.maand_start = geaggregeerd.maand_start
            and actief.wet_code = geaggregeerd.wet_code
    where actief.rang = 1

)

select * from final
