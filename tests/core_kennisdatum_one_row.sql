-- dim_kennisdatum holds exactly one row (marts cross join it).
select count(*) as aantal
from {{ ref('dim_kennisdatum') }}
having count(*) != 1
