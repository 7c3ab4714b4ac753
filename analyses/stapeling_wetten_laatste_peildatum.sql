-- Households by the combination of wetten they use on the latest peildatum (stapelingsmonitor).
select
    wetten_combinatie,
    aantal_huishoudens,
    aantal_huishoudens_is_onderdrukt
from {{ ref('mart_stapeling_wetten') }}
where
    peildatum = (
        select max(laatste.peildatum) from {{ ref('mart_stapeling_wetten') }} as laatste
    )
order by wetten_combinatie
