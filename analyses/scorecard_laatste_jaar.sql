-- The scorecard of the latest year: every KPI with its target and whether it is met.
select
    wet_code,
    kpi_code,
    waarde,
    doelwaarde,
    richting,
    is_doel_gehaald
from {{ ref('rpt_scorecard') }}
where
    periode_type = 'jaar'
    and periode_start = (
        select max(laatste.periode_start) from {{ ref('rpt_scorecard') }} as laatste
    )
order by wet_code, kpi_code
