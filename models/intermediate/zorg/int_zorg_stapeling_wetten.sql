-- Stapeling over wetten (kpi-definitions.md, as in the national stapelingsmonitor): per gemeente
-- and monthly peildatum, households (huishouden_id) by the combination of wetten in which they
-- have something active ON the peildatum: a voorziening (WMO, JW; huishouden_id on the
-- voorziening) or an uitkering dossier (PW: every regeling, by the dossier dates of
-- fct_uitkering; a payment row is not required). Combinations WMO, JW, PW, WMO+JW, WMO+PW, JW+PW,
-- WMO+JW+PW and the total 'totaal' (households with at least one); every cell present (0 shown).
-- Unsuppressed: mart_stapeling_wetten publishes it, reconciliation tests read it.
with

voorzieningen as (

    select * from {{ ref('fct_voorziening') }}

),

uitkeringen as (

    select * from {{ ref('fct_uitkering') }}

),

perioden as (

    select * from {{ ref('int_rapportage_periode') }}

),

peildata as (

    select
        perioden.periode_type,
        perioden.periode_start,
        perioden.periode_eind,
        perioden.periode_label,
        perioden.peildatum
    from perioden
    where perioden.periode_type = 'maand'

),

dossiers as (

    select
        voorzieningen.gemeente_code,
        voorzieningen.huishouden_id,
        voorzieningen.wet_code,
        voorzieningen.ingangsdatum,
        voorzieningen.einddatum
    from voorzieningen
    union all
    select
        uitkeringen.gemeente_code,
        uitkeringen.huishouden_id,
        'PW' as wet_code,
        uitkeringen.ingangsdatum,
        uitkeringen.einddatum
    from uitkeringen

),

gemeenten as (

    select distinct dossiers.gemeente_code
    from dossiers

),

combinaties as (

    select
        'WMO' as wetten_combinatie,
        1 as heeft_wmo,
        0 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'JW' as wetten_combinatie,
        0 as heeft_wmo,
        1 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'PW' as wetten_combinatie,
        0 as heeft_wmo,
        0 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'WMO+JW' as wetten_combinatie,
        1 as heeft_wmo,
        1 as heeft_jw,
        0 as heeft_pw
    union all
    select
        'WMO+PW' as wetten_combinatie,
        1 as heeft_wmo,
        0 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'JW+PW' as wetten_combinatie,
        0 as heeft_wmo,
        1 as heeft_jw,
        1 as heeft_pw
    union all
    select
        'WMO+JW+PW' as wetten_combinatie,
        1 as heeft_wmo,
        1 as heeft_jw,
        1 as heeft_pw

),

huishouden_op_peildatum as (

    select
        dossiers.gemeente_code,
        peildata.peildatum,
        dossiers.huishouden_id,
        max(case when dossiers.wet_code = 'WMO' then 1 else 0 end) as heeft_wmo,
        max(case when dossiers.wet_code = 'JW' then 1 else 0 end) as heeft_jw,
        max(case when dossiers.wet_code = 'PW' then 1 else 0 end) as heeft_pw
    from dossiers
    inner join peildata
        on {{ is_active_in_period(
            'dossiers.ingangsdatum', 'dossiers.einddatum', 'peildata.peildatum', 'peildata.peildatum'
        ) }}
    group by
        dossiers.gemeente_code,
        peildata.peildatum,
        dossiers.huishouden_id

),

per_combinatie as (

    select
        huishouden_op_peildatum.gemeente_code,
        huishouden_op_peildatum.peildatum,
        combinaties.wetten_combinatie,
        count(*) as aantal_huishoudens
    from huishouden_op_peildatum
    inner join combinaties
        on
            huishouden_op_peildatum.heeft_wmo = combinaties.heeft_wmo
            and huishouden_op_peildatum.heeft_jw = combinaties.heeft_jw
            and huishouden_op_peildatum.heeft_pw = combinaties.heeft_pw
    group by
        huishouden_op_peildatum.gemeente_code,
        huishouden_op_peildatum.peildatum,
        combinaties.wetten_combinatie

),

totalen as (

    select
        huishouden_op_peildatum.gemeente_code,
        huishouden_op_peildatum.peildatum,
        'totaal' as wetten_combinatie,
        count(*) as aantal_huishoudens
    from huishouden_op_peildatum
    group by
        huishouden_op_peildatum.gemeente_code,
        huishouden_op_peildatum.peildatum

),

cellen as (

    select * from per_combinatie
    union all
    select * from totalen

),

alle_combinaties as (

    select combinaties.wetten_combinatie
    from combinaties
    union all
    select 'totaal' as wetten_combinatie

),

final as (

    select
        gemeenten.gemeente_code,
        peildata.periode_type,
        peildata.periode_start,
        peildata.periode_eind,
        peildata.periode_label,
        peildata.peildatum,
        alle_combinaties.wetten_combinatie,
        cast(coalesce(cellen.aantal_huishoudens, 0) as {{ dbt.type_bigint() }}) as aantal_huishoudens
    from gemeenten
    cross join peildata
    cross join alle_combinaties
    left join cellen
        on
            gemeenten.gemeente_code = cellen.gemeente_code
            and peildata.peildatum = cellen.peildatum
            and alle_combinaties.wetten_combinatie = cellen.wetten_combinatie

)

select * from final
