{{ config(materialized='table') }}
-- Unsuppressed clients by leeftijd (kpi-definitions.md): per gemeente and month-end peildatum, the
-- applicants (client_id of fct_uitkering) of the uitkeringen active on the peildatum, by their age in
-- completed years on the peildatum (a birthday on the peildatum counts): '<27', '27-44', '45-54',
-- '55-AOW' (55 to 66), '67+', 'onbekend' (no date of birth known), plus 'totaal'. A client counts
-- once per peildatum. The date of birth is the client's current one in dim_client (a correction
-- applies to the whole history); it is only used here to derive the class.
with

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

clienten as (

    select * from {{ ref('dim_client') }}
    where is_current

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

maanden as (

    select * from perioden
    where periode_type = 'maand'

),

klassen as (

    select
        '<27' as leeftijd_klasse,
        1 as leeftijd_klasse_volgorde
    union all
    select
        '27-44' as leeftijd_klasse,
        2 as leeftijd_klasse_volgorde
    union all
    select
        '45-54' as leeftijd_klasse,
        3 as leeftijd_klasse_volgorde
    union all
    select
        '55-AOW' as leeftijd_klasse,
        4 as leeftijd_klasse_volgorde
    union all
    select
        '67+' as leeftijd_klasse,
        5 as leeftijd_klasse_volgorde
    union all
    select
        'onbekend' as leeftijd_klasse,
        6 as leeftijd_klasse_volgorde
    union all
    select
        'totaal' as leeftijd_klasse,
        7 as leeftijd_klasse_volgorde

),

-- the uitkeringen once per month whose peildatum they may hold (macro expand_to_periods), then the
-- exact rule: active on the peildatum
{{ expand_to_periods(
    'uitkering_maanden', 'uitkeringen', 'ingangsdatum', 'einddatum', 'maanden',
    ['periode_start', 'peildatum']
) }},

actief as (

    select distinct
        uitkering_maanden.gemeente_code,
        uitkering_maanden.client_id,
        uitkering_maanden.periode_start,
        uitkering_maanden.peildatum
    from uitkering_maanden
    where {{ is_active_in_period(
        'uitkering_maanden.ingangsdatum', 'uitkering_maanden.einddatum',
        'uitkering_maanden.peildatum', 'uitkering_maanden.peildatum'
    ) }}

),

met_leeftijd as (

    select
        actief.gemeente_code,
        actief.client_id,
        actief.periode_start,
        {{ participatie_volle_jaren('clienten.geboortedatum', 'actief.peildatum') }} as leeftijd
    from actief
    left join clienten
        on actief.client_id = clienten.client_id

),

ingedeeld as (

    select
        gemeente_code,
        client_id,
        periode_start,
        case
            when leeftijd is null then 'onbekend'
            when leeftijd < 27 then '<27'
            when leeftijd < 45 then '27-44'
            when leeftijd < 55 then '45-54'
            when leeftijd < 67 then '55-AOW'
            else '67+'
        end as leeftijd_klasse
    from met_leeftijd

),

tellingen as (

    select
        gemeente_code,
        periode_start,
        leeftijd_klasse,
        count(distinct client_id) as aantal_clienten
    from ingedeeld
    group by gemeente_code, periode_start, leeftijd_klasse
    union all
    select
        gemeente_code,
        periode_start,
        'totaal' as leeftijd_klasse,
        count(distinct client_id) as aantal_clienten
    from ingedeeld
    group by gemeente_code, periode_start

),

gemeenten as (

    select distinct gemeente_code from uitkeringen

),

rooster as (

    select
        gemeenten.gemeente_code,
        maanden.periode_type,
        maanden.periode_start,
        maanden.periode_eind,
        maanden.periode_label,
        maanden.peildatum,
        klassen.leeftijd_klasse,
        klassen.leeftijd_klasse_volgorde
    from gemeenten
    cross join maanden
    cross join klassen

),

final as (

    select
        cast(rooster.gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(rooster.periode_type as {{ dbt.type_string() }}) as periode_type,
        cast(rooster.periode_start as date) as periode_start,
        cast(rooster.periode_eind as date) as periode_eind,
        cast(rooster.periode_label as {{ dbt.type_string() }}) as periode_label,
        cast(rooster.peildatum as date) as peildatum,
        cast(rooster.leeftijd_klasse as {{ dbt.type_string() }}) as leeftijd_klasse,
        cast(rooster.leeftijd_klasse_volgorde as integer) as leeftijd_klasse_volgorde,
        cast(coalesce(tellingen.aantal_clienten, 0) as {{ dbt.type_bigint() }}) as aantal_clienten
    from rooster
    left join tellingen
        on
            rooster.gemeente_code = tellingen.gemeente_code
            and rooster.periode_start = tellingen.periode_start
            and rooster.leeftijd_klasse = tellingen.leeftijd_klasse

)

select * from final
