-- Headline counts per 1,000 inhabitants (kpi-definitions.md, "Per 1,000 inhabitants"), per
-- gemeente, year, kerncijfer and, where the count is published per wijk or age band, per wijk or
-- age band. The counts are read from the published marts, as they publish them: a suppressed
-- count is NULL here and so is its rate (rate x population / 1,000 = count, so a rate must never
-- show where its count is suppressed). The yml's declaration locks every count to its owner's flag
-- (`inherit`) and derives the rates from it. Population on 1 January: int_bevolking_doelgroep.
with

gebruik_wijk as (

    select * from {{ ref('mart_gebruik_wijk') }}
    where
        periode_type = 'jaar'
        and wijk_code <> 'onbekend'  -- no population to divide by; counted in the 'totaal' row

),

participatie_jaar as {{ inline_cte() }} (select * from {{ ref('mart_participatie_jaar') }}),

participatie_bestand as (

    select * from {{ ref('mart_participatie_bestand') }}
    where
        periode_type = 'jaar'
        and regeling_code = 'totaal'

),

participatie_leeftijd as (

    select * from {{ ref('mart_participatie_leeftijd') }}
    where leeftijd_klasse <> 'onbekend'  -- no age, no population to divide by

),

bevolking as {{ inline_cte() }} (select * from {{ ref('int_bevolking_doelgroep') }}),

-- the headline counts: code, wet, the doelgroep whose population is the second denominator, and
-- the figure in words
kerncijfers as (

    {{ values_table(['kerncijfer_code', 'kerncijfer_wet', 'kerncijfer_doelgroep', 'kerncijfer_omschrijving'], [
        ['wmo_clienten', 'WMO', 'alle', 'Unieke Wmo-cliënten in het jaar'],
        ['wmo_instroom', 'WMO', 'alle', 'Instroom Wmo-voorzieningen in het jaar'],
        ['jeugd_jeugdigen', 'JW', '0-22', 'Unieke jeugdigen met jeugdhulp in het jaar'],
        ['jeugd_instroom', 'JW', '0-22', 'Instroom jeugdhulpvoorzieningen in het jaar'],
        ['bijstand_huishoudens', 'PW', '18+', 'Huishoudens met een uitkering op de peildatum'],
        ['bijstand_clienten', 'PW', '18+', 'Aanvragers van een uitkering op de peildatum'],
        ['bijstand_instroom', 'PW', '18+', 'Instroom uitkeringen in het jaar']
    ]) }}

),

-- applicants by age band on the year's peildatum; the band's doelgroep holds the ages the band can
-- hold ('<27': 18 to 26, '55-AOW': 55 to 66; 'totaal': 18 and over)
participatie_leeftijd_jaar as (

    select
        participatie_jaar.gemeente_code,
        participatie_jaar.periode_type,
        participatie_jaar.periode_start,
        participatie_jaar.periode_eind,
        participatie_jaar.periode_label,
        participatie_leeftijd.leeftijd_klasse,
        participatie_leeftijd.peildatum,
        case participatie_leeftijd.leeftijd_klasse
            when '<27' then '18-26'
            when '55-AOW' then '55-66'
            when 'totaal' then '18+'
            else participatie_leeftijd.leeftijd_klasse
        end as leeftijd_doelgroep,
        participatie_leeftijd.aantal_clienten,
        participatie_leeftijd.aantal_clienten_is_onderdrukt
    from participatie_jaar
    inner join participatie_leeftijd using (gemeente_code, peildatum)

),

-- where each headline count is published: the CTE, the kerncijfer, the count column (its flag is
-- <count>_is_onderdrukt) and, where the source has them, wijk, age band and peildatum (otherwise
-- the gemeente's 'totaal', all ages, no peildatum)
{%- set bronnen = [
    {
        'cte': 'gebruik_wijk', 'telling': 'aantal_unieke_clienten',
        'code': "case wet_code when 'WMO' then 'wmo_clienten' else 'jeugd_jeugdigen' end",
        'wijk_code': 'wijk_code', 'wijk_naam': 'wijk_naam',
    },
    {
        'cte': 'gebruik_wijk', 'telling': 'aantal_instroom',
        'code': "case wet_code when 'WMO' then 'wmo_instroom' else 'jeugd_instroom' end",
        'wijk_code': 'wijk_code', 'wijk_naam': 'wijk_naam',
    },
    {
        'cte': 'participatie_jaar', 'telling': 'aantal_huishoudens_peildatum',
        'code': "'bijstand_huishoudens'", 'peildatum': 'peildatum',
    },
    {
        'cte': 'participatie_leeftijd_jaar', 'telling': 'aantal_clienten', 'code': "'bijstand_clienten'",
        'leeftijd_klasse': 'leeftijd_klasse', 'peildatum': 'peildatum', 'leeftijd_doelgroep': 'leeftijd_doelgroep',
    },
    {'cte': 'participatie_bestand', 'telling': 'aantal_instroom', 'code': "'bijstand_instroom'"},
] %}

-- one row per published count: where it comes from, its keys, the count and its flag
tellingen as (
    {%- for bron in bronnen %}

        select
            gemeente_code,
            periode_type,
            periode_start,
            periode_eind,
            periode_label,
            {{ bron.code }} as kerncijfer_code,
            {{ bron.get('wijk_code', "'totaal'") }} as wijk_code,
            {{ bron.get('wijk_naam', "'Totaal'") }} as wijk_naam,
            {{ bron.get('leeftijd_klasse', "'totaal'") }} as leeftijd_klasse,
            {{ bron.get('peildatum', 'cast(null as date)') }} as peildatum,
            {{ bron.get('leeftijd_doelgroep', 'cast(null as ' ~ dbt.type_string() ~ ')') }} as leeftijd_doelgroep,
            {{ bron.telling }} as aantal_kerncijfer,
            {{ bron.telling }}_is_onderdrukt as bron_is_onderdrukt
        from {{ bron.cte }}
        {%- if not loop.last %}

            union all
        {%- endif %}
    {%- endfor %}

),

met_bevolking as (

    select
        tellingen.*,
        kerncijfers.kerncijfer_wet,
        kerncijfers.kerncijfer_omschrijving,
        coalesce(tellingen.leeftijd_doelgroep, kerncijfers.kerncijfer_doelgroep) as doelgroep,
        cast(extract(year from tellingen.periode_start) as {{ dbt.type_int() }}) as jaar
    from tellingen
    inner join kerncijfers using (kerncijfer_code)

),

final as (

    select
        {{ declared_casts([
            'gemeente_code', 'periode_type', 'periode_start', 'periode_eind', 'periode_label', 'jaar',
        ], 'met_bevolking') }},
        cast(met_bevolking.kerncijfer_wet as {{ dbt.type_string() }}) as wet_code,
        {{ declared_casts([
            'kerncijfer_code', 'kerncijfer_omschrijving', 'wijk_code', 'wijk_naam', 'leeftijd_klasse',
            'peildatum', 'doelgroep', 'aantal_kerncijfer',
        ], 'met_bevolking') }},
        cast(met_bevolking.bron_is_onderdrukt as {{ dbt.type_boolean() }}) as bron_is_onderdrukt,
        cast(alle.aantal_inwoners as {{ dbt.type_bigint() }}) as inwoners,
        cast(doelgroep.aantal_inwoners as {{ dbt.type_bigint() }}) as inwoners_doelgroep,
        {{ per_1000('met_bevolking.aantal_kerncijfer', 'alle.aantal_inwoners') }} as per_1000_inwoners,
        {{ per_1000('met_bevolking.aantal_kerncijfer', 'doelgroep.aantal_inwoners') }} as per_1000_doelgroep
    from met_bevolking
    left join bevolking as alle
        on
            met_bevolking.gemeente_code = alle.gemeente_code
            and met_bevolking.wijk_code = alle.wijk_code
            and met_bevolking.jaar = alle.jaar
            and alle.doelgroep = 'alle'
    left join bevolking as doelgroep
        on
            met_bevolking.gemeente_code = doelgroep.gemeente_code
            and met_bevolking.wijk_code = doelgroep.wijk_code
            and met_bevolking.jaar = doelgroep.jaar
            and met_bevolking.doelgroep = doelgroep.doelgroep

)

select * from final
