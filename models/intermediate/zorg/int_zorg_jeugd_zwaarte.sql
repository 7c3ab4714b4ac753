-- Jeugd: zwaarte (kpi-definitions.md, source 001): JW voorzieningen active in the period by
-- zwaarte licht / middel / zwaar (seed zwaarte_jeugd via dim_product; 'onbekend' when the
-- productcategorie is not mapped) and 'totaal'. aantal_actieve_voorzieningen is additive over the
-- zwaarte classes; aantal_unieke_jeugdigen is not (a jeugdige with a licht and a zwaar
-- voorziening counts in both, once in 'totaal'). Per maand, kwartaal and jaar (unique counts
-- distinct over the whole period). Every cell present (0 shown).
-- Unsuppressed: mart_jeugd_zwaarte publishes it, reconciliation tests read it.
with

actief as {{ inline_cte() }} (select * from {{ ref('int_zorg_jeugd_actief_in_periode') }}),

perioden as (select * from {{ ref('int_rapportage_periode') }}),

klassen as (

    {{ values_table(['zwaarte'], [['licht'], ['middel'], ['zwaar'], ['onbekend'], ['totaal']]) }}

),

{{ klasse_figures(
    'actief', 'actief', 'klassen', ['zwaarte'],
    ['count(*) as aantal_actieve_voorzieningen', 'count(distinct client_id) as aantal_unieke_jeugdigen'],
) }}

select * from final
