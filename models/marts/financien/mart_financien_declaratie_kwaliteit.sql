-- The data-quality figure of the declaraties per gemeente x year x wet x beschikking status
-- (geldige, ingetrokken, onbekende beschikking, + 'totaal'): declaraties, accepted declaraties,
-- their amount and clients. Figures from int_financien_declaratie_kwaliteit; suppressed as
-- declared in _financien__models.yml.
with

cijfers as (select * from {{ ref('int_financien_declaratie_kwaliteit') }}),

final as (

    select * from cijfers

)

select * from final
