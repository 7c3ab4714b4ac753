-- Begroting vs realisatie per gemeente x year x kostenpost: begroting (seed), realisatie,
-- prognose, verschil (begroting - prognose; positive = voordeel). Amounts of a whole cost line are
-- not person-level, but are still suppressed when fewer than the threshold of voorzieningen /
-- clients lie behind the cost line (declaration in _financien__models.yml). The begroting itself
-- (a published budget) is never suppressed.
with

figuren as (

    select * from {{ ref('int_financien_begroting') }}

),

final as (

    select
        figuren.*,
        figuren.bedrag_verschil > 0 as is_voordeel
    from figuren

)

select * from final
