-- Unbroken uitkering spells per household (kpi-definitions.md, duur in bijstand): the dossiers of
-- one household in one gemeente, across regelingen, joined where they touch (the next starts the day
-- after the previous ends) or overlap. A switch of regeling gets a new uitkering_id but continues
-- the spell; a gap of at least one day breaks it. Grain: one row per (gemeente_code, huishouden_id,
-- spell_nummer). spell_eind null = the spell is still running.
with

uitkeringen as (select * from {{ ref('fct_uitkering') }}),

-- The latest end among the household's earlier dossiers (open-ended counts as far in the future).
geordend as (

    select
        gemeente_code,
        huishouden_id,
        uitkering_id,
        ingangsdatum,
        einddatum,
        max(coalesce(einddatum, cast('9999-12-31' as date))) over (
            partition by gemeente_code, huishouden_id
            order by ingangsdatum, uitkering_id
            rows between unbounded preceding and 1 preceding
        ) as eerder_max_eind
    from uitkeringen

),

gemarkeerd as (

    select
        *,
        case
            when eerder_max_eind is null then 1
            when {{ dbt.dateadd('day', -1, 'ingangsdatum') }} > eerder_max_eind then 1
            else 0
        end as is_nieuwe_spell
    from geordend

),

genummerd as (

    select
        *,
        sum(is_nieuwe_spell) over (
            partition by gemeente_code, huishouden_id
            order by ingangsdatum, uitkering_id
            rows between unbounded preceding and current row
        ) as spell_nummer
    from gemarkeerd

),

final as (

    select
        cast(gemeente_code as {{ dbt.type_string() }}) as gemeente_code,
        cast(huishouden_id as {{ dbt.type_string() }}) as huishouden_id,
        cast(spell_nummer as integer) as spell_nummer,
        cast(min(ingangsdatum) as date) as spell_start,
        cast(
            case
                when max(case when einddatum is null then 1 else 0 end) = 1 then null
                else max(einddatum)
            end as date
        ) as spell_eind,
        cast(count(*) as integer) as aantal_uitkeringen
    from genummerd
    group by gemeente_code, huishouden_id, spell_nummer

)

select * from final
