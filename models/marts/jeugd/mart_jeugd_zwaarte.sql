-- Jeugd zwaarte, published: int_zorg_jeugd_zwaarte, suppressed as declared in _jeugd__models.yml
-- (active voorzieningen over licht, middel, zwaar, onbekend = totaal; ties in that order, from
-- zwaarte_volgorde). Unique jeugdigen are not additive and get primary suppression only.
-- depends_on: {{ ref('mart_jeugd_verwijzer_split') }} (figures published there too: declaration `inherit`)
with

figuren as (select * from {{ ref('int_zorg_jeugd_zwaarte') }}),

final as (

    select
        figuren.*,
        case figuren.zwaarte
            when 'licht' then 1
            when 'middel' then 2
            when 'zwaar' then 3
            when 'onbekend' then 4
            else 5
        end as zwaarte_volgorde
    from figuren

)

select * from final
