-- The population on 1 January per gemeente, wijk ('totaal' for the gemeente), year and doelgroep:
-- the denominators of the rates per 1,000 inhabitants, stated once (kpi-definitions.md, "Per
-- 1,000 inhabitants"). A doelgroep is a range of ages in completed years on 1 January: everyone,
-- the ages a Jeugdwet count can hold, those a Participatiewet count can hold, and the Participatiewet
-- age bands of mart_participatie_leeftijd (its '<27' holds applicants of 18 to 26, '55-AOW' 55 to
-- 66). A doelgroep nobody in the wijk belongs to has 0 inhabitants, not a missing row.
with

bevolking as (select * from {{ ref('bevolking') }}),

doelgroepen as (

    {{ values_table(['doelgroep', 'leeftijd_van', 'leeftijd_tot'], [
        ['alle', 0, 100],
        ['0-22', 0, 22],
        ['18+', 18, 100],
        ['18-26', 18, 26],
        ['27-44', 27, 44],
        ['45-54', 45, 54],
        ['55-66', 55, 66],
        ['67+', 67, 100]
    ]) }}

),

wijk_jaren as (

    select distinct
        gemeente_code,
        wijk_code,
        jaar
    from bevolking

),

per_wijk as (

    select
        wijk_jaren.gemeente_code,
        wijk_jaren.wijk_code,
        wijk_jaren.jaar,
        doelgroepen.doelgroep,
        doelgroepen.leeftijd_van,
        doelgroepen.leeftijd_tot,
        coalesce(sum(bevolking.aantal_inwoners), 0) as aantal_inwoners
    from wijk_jaren
    cross join doelgroepen
    left join bevolking
        on
            wijk_jaren.gemeente_code = bevolking.gemeente_code
            and wijk_jaren.wijk_code = bevolking.wijk_code
            and wijk_jaren.jaar = bevolking.jaar
            and bevolking.leeftijd between doelgroepen.leeftijd_van and doelgroepen.leeftijd_tot
    group by
        wijk_jaren.gemeente_code,
        wijk_jaren.wijk_code,
        wijk_jaren.jaar,
        doelgroepen.doelgroep,
        doelgroepen.leeftijd_van,
        doelgroepen.leeftijd_tot

),

met_totaal as (

    {{ group_with_total(
        'per_wijk',
        ['gemeente_code', 'jaar', 'doelgroep', 'leeftijd_van', 'leeftijd_tot'],
        'wijk_code',
        ['sum(aantal_inwoners) as aantal_inwoners']
    ) }}

),

final as (

    select
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(wijk_code as {{ dbt.type_string() }}) as wijk_code,
        cast(jaar as {{ dbt.type_int() }}) as jaar,
        cast(doelgroep as {{ dbt.type_string() }}) as doelgroep,
        cast(leeftijd_van as {{ dbt.type_int() }}) as leeftijd_van,
        cast(leeftijd_tot as {{ dbt.type_int() }}) as leeftijd_tot,
        cast(aantal_inwoners as {{ dbt.type_bigint() }}) as aantal_inwoners
    from met_totaal

)

select * from final
