-- Reconciliation of tijdigheid and wachttijd (unsuppressed int tables). Returns failing rows.
-- 1. Tijdigheid: tijdig + niet tijdig = besluiten in every row; the months of a quarter or year
--    add up to it (event counts); per wet, the besluiten of the years equal the facts' besluiten
--    with a besluitdatum inside the reporting window.
-- 2. Wachttijd: per wet, the voorzieningen of the years equal the facts' voorzieningen starting
--    inside the reporting window; more than 42 days never exceeds the total.
with

tijdigheid as (

    select * from {{ ref('int_zorg_tijdigheid') }}

),

wachttijd as (

    select * from {{ ref('int_zorg_wachttijd') }}

),

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

maanden as (

    select
        tijdigheid.gemeente_code,
        tijdigheid.wet_code,
        tijdigheid.periode_start,
        tijdigheid.aantal_besluiten
    from tijdigheid
    where tijdigheid.periode_type = 'maand'

),

venster as (

    select
        min(tijdigheid.periode_start) as venster_start,
        max(tijdigheid.periode_eind) as venster_eind
    from tijdigheid

),

opgeteld as (

    select
        grof.gemeente_code,
        grof.periode_type,
        grof.periode_start,
        grof.wet_code,
        max(grof.aantal_besluiten) as aantal_besluiten,
        sum(maanden.aantal_besluiten) as som_maanden
    from tijdigheid as grof
    inner join maanden
        on
            grof.gemeente_code = maanden.gemeente_code
            and grof.wet_code = maanden.wet_code
            and grof.periode_start <= maanden.periode_start
            and grof.periode_eind >= maanden.periode_start
    where grof.periode_type in ('kwartaal', 'jaar')
    group by grof.gemeente_code, grof.periode_type, grof.periode_start, grof.wet_code

),

besluiten_direct as (

    select
        besluiten.wet_code,
        count(*) as aantal
    from (
        select
            voorzieningen.wet_code,
            voorzieningen.besluitdatum
        from voorzieningen
        union all
        select
            'PW' as wet_code,
            uitkeringen.besluitdatum
        from uitkeringen
    ) as besluiten
    cross join venster
    where besluiten.besluitdatum between venster.venster_start and venster.venster_eind
    group by besluiten.wet_code

),

besluiten_jaren as (

    select
        tijdigheid.wet_code,
        sum(tijdigheid.aantal_besluiten) as aantal
    from tijdigheid
    where tijdigheid.periode_type = 'jaar'
    group by tijdigheid.wet_code

),

instroom_direct as (

    select
        voorzieningen.wet_code,
        count(*) as aantal
    from voorzieningen
    cross join venster
    where voorzieningen.ingangsdatum between venster.venster_start and venster.venster_eind
    group by voorzieningen.wet_code

),

instroom_jaren as (

    select
        wachttijd.wet_code,
        sum(wachttijd.aantal_voorzieningen) as aantal,
        max(case when wachttijd.aantal_wachttijd_langer_dan_42 > wachttijd.aantal_voorzieningen then 1 else 0 end)
            as is_te_groot
    from wachttijd
    group by wachttijd.wet_code

),

fouten as (

    select
        'tijdig_plus_niet_tijdig' as controle,
        tijdigheid.wet_code,
        tijdigheid.periode_label as periode,
        tijdigheid.aantal_besluiten as verwacht,
        tijdigheid.aantal_besluiten_tijdig + tijdigheid.aantal_besluiten_niet_tijdig as gevonden
    from tijdigheid
    where
        tijdigheid.aantal_besluiten_tijdig + tijdigheid.aantal_besluiten_niet_tijdig <> tijdigheid.aantal_besluiten
        or tijdigheid.aantal_besluiten_tijdig < 0
        or tijdigheid.aantal_besluiten_niet_tijdig < 0
    union all
    select
        'som_van_maanden' as controle,
        opgeteld.wet_code,
        opgeteld.periode_type as periode,
        opgeteld.aantal_besluiten as verwacht,
        opgeteld.som_maanden as gevonden
    from opgeteld
    where opgeteld.aantal_besluiten <> opgeteld.som_maanden
    union all
    select
        'besluiten_in_venster' as controle,
        besluiten_direct.wet_code,
        'venster' as periode,
        besluiten_direct.aantal as verwacht,
        coalesce(besluiten_jaren.aantal, 0) as gevonden
    from besluiten_direct
    left join besluiten_jaren
        on besluiten_direct.wet_code = besluiten_jaren.wet_code
    where besluiten_direct.aantal <> coalesce(besluiten_jaren.aantal, 0)
    union all
    select
        'wachttijd_voorzieningen' as controle,
        instroom_direct.wet_code,
        'venster' as periode,
        instroom_direct.aantal as verwacht,
        coalesce(instroom_jaren.aantal, 0) as gevonden
    from instroom_direct
    left join instroom_jaren
        on instroom_direct.wet_code = instroom_jaren.wet_code
    where
        instroom_direct.aantal <> coalesce(instroom_jaren.aantal, 0)
        or instroom_jaren.is_te_groot = 1

)

select * from fouten
