-- noqa: disable=LT02
-- (as in the other macro files: sqlfluff's jinja variants misjudge the indentation of jinja tags in
-- macro bodies; what they render is run in every build.)
{#-
    The suppression declaration of a published mart, read from its yml (config.meta.suppression),
    turned into a plan that the materialization `suppressed_table` and the generic tests
    `no_small_cells` and `no_recoverable_cells` all use: one declaration, read in three places.

    Declaration (docs/kpi-definitions.md, "Publication and privacy"):

        meta:
          suppression:
            grain: [gemeente_code, periode_type, periode_start, wet_code, productcategorie_code]
            counts: [aantal_instroom, aantal_uitstroom, ...]   # every published count
            groups:                                            # additive groups
              - category: productcategorie_code   # rows that differ in the category, with the
                columns: [...]                    #   'totaal' row as their total (default: all
                total: totaal                     #   counts; total value default 'totaal')
                order_by: productcategorie_code   # natural order for ties (default: category)
              - category: productcategorie_code   # a part of the category's cells whose sum
                within: [kostenpost]              #   another mart publishes: the cells that share
                columns: [...]                    #   these (published) columns too, without the
                total_in:                         #   total row; their total is that mart's row
                  - mart: mart_financien_begroting    #   (its grain's values from the cells' row,
                    where: {}                         #   or constants in where) and the amounts
                    amounts: {bedrag_realisatie: bedrag_realisatie}   # here: their sum there
              - time: [aantal_instroom, ...]      # months of a quarter, quarters of a year
              - total: aantal_instroom            # columns of one row that add up to another
                cells: [aantal_instroom_nieuw, aantal_instroom_herindicatie, ...]
            threshold: 5                          # optional: fixed threshold (test fixtures);
                                                  #   default var('min_celgrootte')
            internal_counts: [...]                # counts suppressed and grouped like the others
                                                  #   but not published (they guard a figure)
            inherit:                              # figures another mart publishes too
              - from: mart_gebruik                #   the owner (ref it: -- depends_on)
                keys: [gemeente_code, periode_type, periode_start, wet_code]
                where: "wijk_code = 'totaal'"     #   which of this mart's rows (default all)
                from_where: "productcategorie_code = 'totaal'"   # which of the owner's rows
                columns: {aantal_instroom: aantal_instroom}      # this mart's: the owner's
            derived:                              # figures computed from counts
              - column: aandeel_terugkerend
                counts: [aantal_instroom_herindicatie, aantal_instroom]
                flag: true                        # emit <column>_is_onderdrukt (default true)
                additive: false                   # true for an amount that adds up in the groups
                                                  #   of the counts it comes from (read by the
                                                  #   privacy audit, which solves amounts too)
            not_additive: [aantal_clienten]       # counts grouped only to protect the amounts
                                                  #   suppressed with them (distinct clients do
                                                  #   not add up): the audit adds up their amounts,
                                                  #   not the counts

    sdc_counts(decl, published_only) is the list of count columns: counts + internal_counts for the
    build, counts only for the tests on the published mart. sdc_plan(decl, counts) returns the list
    of groups over those counts (columns not in the list are left out), each a dict:
      kind 'rows':    columns, keys (partition expressions), filter (or none), is_total (SQL
                      condition of the total row), order (SQL expression for ties), label,
                      elsewhere (0; k > 0 for the k-th group declared with total_in: no total
                      row here, the total is another mart's, published or suppressed there)
      kind 'columns': total, cells, label
-#}
{% macro sdc_declaration(node_name) -%}
    {#- The suppression declaration of a model, by name, from the graph (run time only). -#}
    {%- set found = namespace(decl=none) -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and node.name == node_name -%}
                {%- set found.decl = (node.config.meta or {}).get('suppression') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if found.decl is none -%}
            {%- do exceptions.raise_compiler_error(
                'suppression: model ' ~ node_name ~ ' has no config.meta.suppression declaration'
            ) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(found.decl) }}
{%- endmacro %}


{% macro sdc_counts(decl, published_only=false) -%}
    {{ return(decl.get('counts', []) + ([] if published_only else decl.get('internal_counts', []))) }}
{%- endmacro %}


{% macro sdc_plan(decl, counts) -%}
    {%- set declared = decl.get('counts', []) + decl.get('internal_counts', []) -%}
    {%- set grain = decl.get('grain', []) -%}
    {%- do _sdc_require(grain | length > 0, 'the declaration needs a grain') -%}
    {%- set groups = [] -%}
    {%- set state = namespace(elsewhere=0) -%}
    {%- for group in decl.get('groups', []) -%}
        {%- if 'cells' in group -%}
            {%- set members = [group['total']] + group['cells'] -%}
            {%- for col in members -%}
                {%- do _sdc_require(col in declared, 'column group member ' ~ col ~ ' is not a declared count') -%}
            {%- endfor -%}
            {%- if members | reject('in', counts) | list | length == 0 -%}
            {%- do groups.append({
                'kind': 'columns',
                'total': group['total'],
                'cells': group['cells'],
                'label': group['total'] ~ ' = ' ~ (group['cells'] | join(' + ')),
            }) -%}
            {%- endif -%}
        {%- elif 'category' in group -%}
            {%- set category = group['category'] -%}
            {%- do _sdc_require(category in grain, 'category ' ~ category ~ ' is not in the grain') -%}
            {%- for col in group.get('columns', []) -%}
                {%- do _sdc_require(col in declared, 'group column ' ~ col ~ ' is not a declared count') -%}
            {%- endfor -%}
            {%- set columns = group.get('columns', declared) | select('in', counts) | list -%}
            {%- set total = group.get('total', 'totaal') -%}
            {%- set within = group.get('within', []) -%}
            {%- set within = [within] if within is string else within -%}
            {%- if within -%}
                {%- do _sdc_require(
                    'total_in' in group, 'a group with within needs total_in (the mart that publishes its total)'
                ) -%}
                {%- set state.elsewhere = state.elsewhere + 1 -%}
            {%- endif -%}
            {%- if columns and within -%}
            {%- set present = [] -%}
            {%- for col in within %}{% do present.append(col ~ ' is not null') %}{% endfor -%}
            {%- do groups.append({
                'kind': 'rows',
                'columns': columns,
                'keys': (grain | reject('equalto', category) | list) + within,
                'filter': category ~ " != '" ~ total ~ "' and " ~ (present | join(' and ')),
                'is_total': '1 = 0',
                'order': group.get('order_by', category),
                'label': category ~ ' within ' ~ (within | join(', ')) ~ ' (total in '
                    ~ (group['total_in'] | map(attribute='mart') | join(', ')) ~ ')',
                'elsewhere': state.elsewhere,
            }) -%}
            {%- elif columns -%}
            {%- do groups.append({
                'kind': 'rows',
                'columns': columns,
                'keys': grain | reject('equalto', category) | list,
                'filter': none,
                'is_total': category ~ " = '" ~ total ~ "'",
                'order': group.get('order_by', category),
                'label': category ~ ' (cells and the ' ~ total ~ ' row)',
                'elsewhere': 0,
            }) -%}
            {%- endif -%}
        {%- elif 'time' in group -%}
            {%- do _sdc_require(
                'periode_type' in grain and 'periode_start' in grain,
                'time groups need periode_type and periode_start in the grain'
            ) -%}
            {%- for col in group['time'] -%}
                {%- do _sdc_require(col in declared, 'time group column ' ~ col ~ ' is not a declared count') -%}
            {%- endfor -%}
            {%- set columns = group['time'] | select('in', counts) | list -%}
            {%- set keys = grain | reject('in', ['periode_type', 'periode_start']) | list -%}
            {%- for level, parts, total_level in ([] if not columns else [
                ('quarter', "'maand', 'kwartaal'", 'kwartaal'),
                ('year', "'kwartaal', 'jaar'", 'jaar'),
            ]) -%}
                {%- do groups.append({
                    'kind': 'rows',
                    'columns': columns,
                    'keys': keys + [dbt.date_trunc(level, 'periode_start')],
                    'filter': 'periode_type in (' ~ parts ~ ')',
                    'is_total': "periode_type = '" ~ total_level ~ "'",
                    'order': 'periode_start',
                    'label': ('months of a quarter' if level == 'quarter' else 'quarters of a year'),
                    'elsewhere': 0,
                }) -%}
            {%- endfor -%}
        {%- else -%}
            {%- do _sdc_require(false, 'a group needs category, time, or total and cells; got ' ~ group) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(groups) }}
{%- endmacro %}


{#- Fails compilation with a clear message when condition is false. -#}
{% macro _sdc_require(condition, message) -%}
    {%- if not condition -%}
        {%- do exceptions.raise_compiler_error('suppression: ' ~ message) -%}
    {%- endif -%}
{%- endmacro %}


{#- on-run-start: the schema of the suppression's work and audit tables (var suppressie_schema),
    with the threshold of this build (table instellingen) for the privacy audit. -#}
{% macro sdc_create_audit_schema() -%}
    {%- if execute -%}
        {%- set schema = var('suppressie_schema') -%}
        {#- Spark has no database level: its target has no database -#}
        {%- set database = target.database if target.database is defined else none -%}
        {%- do adapter.create_schema(api.Relation.create(database=database, schema=schema)) -%}
        {%- do run_query('drop table if exists ' ~ schema ~ '.instellingen') -%}
        {%- do run_query(
            'create table ' ~ schema ~ '.instellingen as select cast(' ~ var('min_celgrootte')
            ~ ' as ' ~ dbt.type_int() ~ ') as min_celgrootte'
        ) -%}
    {%- endif -%}
{%- endmacro %}
