-- One row per voorziening (current, not withdrawn beschikking): how its start counts as instroom
-- (nieuw / herindicatie / geen herindicatie) and whether its end is continued by a herindicatie.
-- The definitions of kpi-definitions.md (source: Dongen, seed 003), in one place:
--   nieuw:        no voorziening of the same client and wet with a strictly earlier ingangsdatum
--   herindicatie: not nieuw, and a voorziening of the same client, productcode and omvang
--                 (volume, eenheid, frequentie; empty volume equals empty volume) ended exactly
--                 the day before this ingangsdatum
--   netto:        instroom without herindicaties, uitstroom without the ends they continue
with

voorzieningen as {{ inline_cte() }} (select * from {{ ref('fct_voorziening') }}),

-- the client's first ingangsdatum in the wet: a voorziening starting later has a strictly earlier
-- one (a window per client, not a join of every voorziening with the client's earlier ones)
eerdere as (

    select
        beschikking_id,
        -- (a null client, wet or date matches no other voorziening, as in a join on them)
        client_id is not null
        and wet_code is not null
        and ingangsdatum is not null
        and ingangsdatum > min(ingangsdatum) over (partition by client_id, wet_code) as heeft_eerdere_voorziening
    from voorzieningen

),

aansluitend as (

    -- pairs (voorganger, opvolger): same client, product and omvang, the opvolger starting the
    -- day after the voorganger ends
    select
        voorganger.beschikking_id as voorganger_id,
        opvolger.beschikking_id as opvolger_id
    from voorzieningen as voorganger
    inner join voorzieningen as opvolger
        on
            voorganger.client_id = opvolger.client_id
            and voorganger.productcode = opvolger.productcode
            and {{ null_safe_equal('voorganger.volume', 'opvolger.volume') }}
            and voorganger.eenheid_code = opvolger.eenheid_code
            and voorganger.frequentie_code = opvolger.frequentie_code
            and {{ dbt.dateadd('day', 1, 'voorganger.einddatum') }} = opvolger.ingangsdatum

),

opvolgers as (

    select distinct opvolger_id from aansluitend

),

voorgangers as (

    select distinct voorganger_id from aansluitend

),

final as (

    select
        voorzieningen.beschikking_id,
        voorzieningen.client_id,
        voorzieningen.wet_code,
        voorzieningen.productcategorie_code,
        voorzieningen.productcode,
        voorzieningen.ingangsdatum,
        voorzieningen.einddatum,
        not eerdere.heeft_eerdere_voorziening as is_nieuwe_client,
        eerdere.heeft_eerdere_voorziening and opvolgers.opvolger_id is not null as is_herindicatie,
        case
            when not eerdere.heeft_eerdere_voorziening then 'nieuw'
            when opvolgers.opvolger_id is not null then 'herindicatie'
            else 'geen_herindicatie'
        end as instroom_type,
        voorgangers.voorganger_id is not null as is_einde_voortgezet
    from voorzieningen
    inner join eerdere using (beschikking_id)
    left join opvolgers
        on voorzieningen.beschikking_id = opvolgers.opvolger_id
    left join voorgangers
        on voorzieningen.beschikking_id = voorgangers.voorganger_id

)

select * from final
