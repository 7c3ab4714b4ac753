-- The wijk and verwijzer figures against mart_gebruik's, on the unsuppressed int tables, per
-- gemeente, period and wet: the wijken (clients given one wijk each) add up to the 'totaal' row,
-- whose unique clients, instroom and uitstroom equal those of int_gebruik_telling's 'totaal';
-- the verwijzer types add up to their 'totaal', which equals that instroom and nieuw instroom; and
-- per year the verwijzers of a type add up to the type's instroom. Fails with the offending groups.
with

telling as (

    select * from {{ ref('int_gebruik_telling') }}
    where productcategorie_code = 'totaal'

),

wijk as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        sum(case when wijk_code = 'totaal' then aantal_unieke_clienten else 0 end) as totaal_clienten,
        sum(case when wijk_code != 'totaal' then aantal_unieke_clienten else 0 end) as som_clienten,
        sum(case when wijk_code = 'totaal' then aantal_instroom else 0 end) as totaal_instroom,
        sum(case when wijk_code != 'totaal' then aantal_instroom else 0 end) as som_instroom,
        sum(case when wijk_code = 'totaal' then aantal_uitstroom else 0 end) as totaal_uitstroom,
        sum(case when wijk_code != 'totaal' then aantal_uitstroom else 0 end) as som_uitstroom
    from {{ ref('int_gebruik_wijk_telling') }}
    group by gemeente_code, periode_type, periode_start, wet_code

),

verwijzer as (

    select
        gemeente_code,
        periode_type,
        periode_start,
        wet_code,
        sum(case when verwijzer_type_code = 'totaal' then aantal_instroom else 0 end) as totaal_instroom,
        sum(case when verwijzer_type_code != 'totaal' then aantal_instroom else 0 end) as som_instroom,
        sum(case when verwijzer_type_code = 'totaal' then aantal_instroom_nieuw else 0 end) as totaal_nieuw,
        sum(case when verwijzer_type_code != 'totaal' then aantal_instroom_nieuw else 0 end) as som_nieuw
    from {{ ref('int_gebruik_verwijzer_telling') }}
    group by gemeente_code, periode_type, periode_start, wet_code

),

groep_fouten as (

    select
        'wijk en verwijzer type' as controle,
        telling.gemeente_code,
        telling.periode_type,
        telling.periode_start,
        telling.wet_code,
        cast(null as {{ dbt.type_string() }}) as verwijzer_type_code
    from telling
    left join wijk
        on
            telling.gemeente_code = wijk.gemeente_code
            and telling.periode_type = wijk.periode_type
            and telling.periode_start = wijk.periode_start
            and telling.wet_code = wijk.wet_code
    left join verwijzer
        on
            telling.gemeente_code = verwijzer.gemeente_code
            and telling.periode_type = verwijzer.periode_type
            and telling.periode_start = verwijzer.periode_start
            and telling.wet_code = verwijzer.wet_code
    where
        wijk.wet_code is null
        or verwijzer.wet_code is null
        or wijk.totaal_clienten != wijk.som_clienten
        or wijk.totaal_clienten != telling.aantal_unieke_clienten
        or wijk.totaal_instroom != wijk.som_instroom
        or wijk.totaal_instroom != telling.aantal_instroom
        or wijk.totaal_uitstroom != wijk.som_uitstroom
        or wijk.totaal_uitstroom != telling.aantal_uitstroom
        or verwijzer.totaal_instroom != verwijzer.som_instroom
        or verwijzer.totaal_instroom != telling.aantal_instroom
        or verwijzer.totaal_nieuw != verwijzer.som_nieuw
        or verwijzer.totaal_nieuw != telling.aantal_instroom_nieuw

),

naam as (

    select
        gemeente_code,
        periode_start,
        wet_code,
        verwijzer_type_code,
        sum(aantal_instroom) as som_instroom
    from {{ ref('int_gebruik_verwijzer_naam_telling') }}
    group by gemeente_code, periode_start, wet_code, verwijzer_type_code

),

naam_fouten as (

    select
        'verwijzers binnen type' as controle,
        types.gemeente_code,
        types.periode_type,
        types.periode_start,
        types.wet_code,
        types.verwijzer_type_code
    from {{ ref('int_gebruik_verwijzer_telling') }} as types
    left join naam
        on
            types.gemeente_code = naam.gemeente_code
            and types.periode_start = naam.periode_start
            and types.wet_code = naam.wet_code
            and types.verwijzer_type_code = naam.verwijzer_type_code
    where
        types.periode_type = 'jaar'
        and types.verwijzer_type_code != 'totaal'
        and coalesce(naam.som_instroom, 0) != types.aantal_instroom

)

select * from groep_fouten
union all
select * from naam_fouten
