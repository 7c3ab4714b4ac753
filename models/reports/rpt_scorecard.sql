-- The scorecard (seed 000, Hilversum's "Scorecard Sociaal Plein"): per gemeente, wet (domain),
-- KPI and period the published value, its target from seed kpi_doelen and whether it is met.
-- It reads the published marts, so every value here is the suppressed, published figure: a
-- suppressed value stays empty here and is never judged against its target.
with

tijdigheid as (select * from {{ ref('mart_tijdigheid') }}),

wachttijd as (select * from {{ ref('mart_wachttijd') }}),

participatie_jaar as {{ inline_cte() }} (select * from {{ ref('mart_participatie_jaar') }}),

participatie_bestand as (select * from {{ ref('mart_participatie_bestand') }}),

begroting as (select * from {{ ref('mart_financien_begroting') }}),

kostenposten as (select * from {{ ref('kostenposten') }}),

-- the prognose of the wet as a whole (Wmo, Jeugd): the sum of its productcategorieen
prognose_wet as (

    select * from {{ ref('mart_financien_prognose') }}
    where productcategorie_code = 'totaal'

),

doelen as (select * from {{ ref('kpi_doelen') }}),

waarden_tijdigheid as (

    select
        gemeente_code,
        wet_code,
        'tijdigheid' as kpi_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        cast(aandeel_tijdig as {{ dbt.type_numeric() }}) as waarde,
        aandeel_tijdig_is_onderdrukt as waarde_is_onderdrukt
    from tijdigheid
    where periode_type in ('kwartaal', 'jaar')

),

waarden_wachttijd as (

    select
        gemeente_code,
        wet_code,
        'wachttijd_mediaan' as kpi_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        cast(mediaan_wachttijd_dagen as {{ dbt.type_numeric() }}) as waarde,
        mediaan_wachttijd_dagen_is_onderdrukt as waarde_is_onderdrukt
    from wachttijd

),

waarden_uitstroom_naar_werk as (

    select
        gemeente_code,
        wet_code,
        'uitstroom_naar_werk' as kpi_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        cast(aantal_uitstroom_naar_werk as {{ dbt.type_numeric() }}) as waarde,
        aantal_uitstroom_naar_werk_is_onderdrukt as waarde_is_onderdrukt
    from participatie_jaar

),

waarden_afname_bestand as (

    select
        gemeente_code,
        wet_code,
        'afname_bestand' as kpi_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        cast(aantal_afname_bestand as {{ dbt.type_numeric() }}) as waarde,
        aantal_afname_bestand_is_onderdrukt as waarde_is_onderdrukt
    from participatie_jaar

),

waarden_parttime as (

    select
        gemeente_code,
        wet_code,
        'parttime_werk_fte' as kpi_code,
        periode_type,
        periode_start,
        periode_eind,
        periode_label,
        cast(werk_fte as {{ dbt.type_numeric() }}) as waarde,
        werk_fte_is_onderdrukt as waarde_is_onderdrukt
    from participatie_bestand
    where periode_type = 'jaar' and regeling_code = 'totaal'

),

begroting_per_wet as (

    select
        begroting.gemeente_code,
        kostenposten.wet_code,
        begroting.periode_type,
        begroting.periode_start,
        begroting.periode_eind,
        begroting.periode_label,
        sum(begroting.bedrag_begroting) as bedrag_begroting,
        sum(begroting.bedrag_prognose) as bedrag_prognose,
        max(case when begroting.bedrag_prognose_is_onderdrukt then 1 else 0 end) = 1 as is_prognose_onderdrukt
    from begroting
    inner join kostenposten using (kostenpost)
    group by
        begroting.gemeente_code,
        kostenposten.wet_code,
        begroting.periode_type,
        begroting.periode_start,
        begroting.periode_eind,
        begroting.periode_label

),

-- prognose / begroting over all cost lines of the wet. When a cost line's prognose is suppressed
-- (a running year can hide the Jeugd lines with and without verblijf), the wet's own prognose
-- total, published in mart_financien_prognose, takes its place: the same sum, shown there;
-- unknown only when that is suppressed too
waarden_begroting as (

    select
        begroting_per_wet.gemeente_code,
        begroting_per_wet.wet_code,
        'binnen_begroting' as kpi_code,
        begroting_per_wet.periode_type,
        begroting_per_wet.periode_start,
        begroting_per_wet.periode_eind,
        begroting_per_wet.periode_label,
        cast(
            case
                when not begroting_per_wet.is_prognose_onderdrukt then begroting_per_wet.bedrag_prognose
                when not prognose_wet.bedrag_prognose_is_onderdrukt then prognose_wet.bedrag_prognose
            end
            / nullif(begroting_per_wet.bedrag_begroting, 0) as {{ dbt.type_numeric() }}
        ) as waarde,
        begroting_per_wet.is_prognose_onderdrukt
        and coalesce(prognose_wet.bedrag_prognose_is_onderdrukt, true) as waarde_is_onderdrukt
    from begroting_per_wet
    left join prognose_wet using (gemeente_code, wet_code, periode_start)

),

waarden as (

    select * from waarden_tijdigheid
    union all
    select * from waarden_wachttijd
    union all
    select * from waarden_uitstroom_naar_werk
    union all
    select * from waarden_afname_bestand
    union all
    select * from waarden_parttime
    union all
    select * from waarden_begroting

),

final as (

    select
        {{ declared_casts(['gemeente_code', 'wet_code', 'kpi_code'], 'waarden') }},
        cast(doelen.omschrijving as {{ dbt.type_string() }}) as kpi_omschrijving,
        {{ declared_casts(['periode_type', 'periode_start', 'periode_eind', 'periode_label', 'waarde'], 'waarden') }},
        cast(waarden.waarde_is_onderdrukt as {{ dbt.type_boolean() }}) as waarde_is_onderdrukt,
        {{ declared_casts(['eenheid', 'doelwaarde', 'richting'], 'doelen') }},
        cast(
            {{ is_doel_gehaald('waarden.waarde', 'doelen.doelwaarde', 'doelen.richting') }}
            as {{ dbt.type_boolean() }}
        ) as is_doel_gehaald
    from waarden
    left join doelen
        on
            waarden.kpi_code = doelen.kpi_code
            and waarden.wet_code = doelen.wet

)

select * from final
