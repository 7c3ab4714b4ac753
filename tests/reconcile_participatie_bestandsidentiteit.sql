-- Stock identity per gemeente and regeling (and 'totaal'), month by month in int_participatie_bestand:
-- active(M) = active(M-1) - uitstroom(M-1) + instroom(M). A dossier active in M-1 that did not end in
-- M-1 is active in M; a dossier active in M was active in M-1 or started in M. Returns violations.
with

maanden as (

    select * from {{ ref('int_participatie_bestand') }}
    where periode_type = 'maand'

),

met_vorige as (

    select
        gemeente_code,
        regeling_code,
        periode_start,
        aantal_uitkeringen,
        aantal_instroom,
        lag(aantal_uitkeringen) over (
            partition by gemeente_code, regeling_code order by periode_start
        ) as vorige_uitkeringen,
        lag(aantal_uitstroom) over (
            partition by gemeente_code, regeling_code order by periode_start
        ) as vorige_uitstroom
    from maanden

),

final as (

    select * from met_vorige
    where
        vorige_uitkeringen is not null
        and aantal_uitkeringen != vorige_uitkeringen - vorige_uitstroom + aantal_instroom

)

select * from final
