{#-
    Materialization `suppressed_table`: a published mart, suppressed until no group changes.

    The model's SQL returns the unsuppressed figures (grain, counts, derived figures and any helper
    counts); its yml declares what to protect (config.meta.suppression, see sdc_plan). The build:

      1. work table   the model's rows, numbered (sdc_rij)
      2. cells        one row per (row, count column) with its value
      3. members      one row per (group instance, cell) for every additive group declared
      4. suppressed   primary suppression: counts from 1 to min_celgrootte - 1; except for the
                      figures that another mart publishes too (declaration `inherit`: the owner
                      mart, the join keys, which rows, which columns): those are locked to the
                      owner's flags, suppressed or shown, and never chosen here, so one figure is
                      published one way everywhere; and the cells that must stay shown because
                      a group whose other members all stay shown would give them away
                      (sdc_pinned_sql: a quarter that is its year's only one, the year shown
                      by the owner), never chosen either
      5. rounds       secondary suppression (sdc_round_sql) on the groups touched by the last
                      round's new cells, until a round adds nothing; more than
                      var('suppressie_max_rondes') rounds fails the build, so a mart is never
                      published half-protected
      6. the table    the yml's columns in yml order: counts NULL when suppressed, with their
                      <count>_is_onderdrukt flag; derived figures NULL when a count they come
                      from is suppressed or small; everything else as the model returns it. The
                      contract (if enforced) is checked here, as for a plain table.

    Every statement is small and portable (no SQL grows with the number of rounds), so the
    planner of any engine handles it; the work tables are dropped before the model commits.
-#}
{% materialization suppressed_table, default %}
    {%- set decl = (config.get('meta') or {}).get('suppression') -%}
    {%- do _sdc_require(decl is not none, this.identifier ~ ' is a suppressed_table without config.meta.suppression') -%}
    {%- set counts = sdc_counts(decl) -%}
    {%- set plan = sdc_plan(decl, counts) -%}
    {%- set threshold = decl.get('threshold', var('min_celgrootte')) -%}
    {%- set max_rounds = var('suppressie_max_rondes') | int -%}
    {%- do _sdc_require(threshold | int >= 1, 'var min_celgrootte must be 1 or more') -%}
    {%- do _sdc_require(model['columns'] | length > 0, this.identifier ~ ': a suppressed_table lists its columns in yml') -%}

    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
    {%- set backup_relation = make_backup_relation(
        target_relation, 'table' if existing_relation is none else existing_relation.type
    ) -%}
    {%- set audit_schema = var('suppressie_schema') -%}
    {%- set work = {} -%}
    {%- for part in ['w', 'c', 'm', 'l', 's', 'p', 'pn', 'd0', 'd1'] -%}
        {%- do work.update({part: api.Relation.create(
            database=this.database, schema=audit_schema,
            identifier=this.identifier ~ '__sdc_' ~ part, type='table'
        )}) -%}
    {%- endfor -%}
    {%- set audit = {} -%}
    {%- for part in ['leden', 'vast'] -%}
        {%- do audit.update({part: api.Relation.create(
            database=this.database, schema=audit_schema, identifier=this.identifier ~ '__' ~ part, type='table'
        )}) -%}
    {%- endfor -%}
    {%- set extra = adapter.get_relation(database=this.database, schema=audit_schema, identifier='extra_cellen') -%}

    {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
    {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}
    {#- work tables a stopped build left behind -#}
    {% do sdc_drop_tables(work.values() | list) %}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {#- 1-4: work table, cells, members, primary suppression -#}
    {%- call statement('sdc_work') -%}
        {{ sdc_create_table(work['w'],
            'select sdc_bron.*, row_number() over (order by ' ~ (decl['grain'] | join(', ')) ~ ') as sdc_rij, '
            ~ sdc_key_sql(decl['grain'], 'sdc_bron') ~ ' as sdc_sleutel'
            ~ ' from (' ~ sql ~ ') as sdc_bron') }}
    {%- endcall -%}
    {%- set work_columns = adapter.get_columns_in_relation(work['w']) | map(attribute='name') | map('lower') | list -%}
    {%- set state = namespace(rounds=0, converged=false, previous='d0', next='d1', added=0, suppressed=0) -%}
    {%- if counts -%}
    {#- 4a: figures another mart publishes (declaration `inherit`): locked to that mart's flags -#}
    {%- set locked = [] -%}
    {%- for entry in decl.get('inherit', []) -%}
        {%- set owner = ref(entry['from']) -%}
        {%- set owner_key = sdc_key_sql(sdc_declaration(entry['from'])['grain'], 'sdc_o') -%}
        {%- set conditions = [] -%}
        {%- for key in entry['keys'] -%}
            {%- do conditions.append('sdc_w.' ~ key ~ ' = sdc_o.' ~ key) -%}
        {%- endfor -%}
        {%- for own_col, owner_col in entry['columns'].items() -%}
            {%- do _sdc_require(own_col in counts, 'inherited column ' ~ own_col ~ ' is not a declared count') -%}
            {%- do locked.append(
                'select sdc_w.sdc_rij, ' ~ counts.index(own_col) ~ ' as sdc_kolom, '
                ~ 'case when sdc_o.' ~ owner_col ~ '_is_onderdrukt then 1 else 0 end as sdc_vlag, '
                ~ 'sdc_w.sdc_sleutel, ' ~ "'" ~ own_col ~ "' as kolom, '" ~ entry['from'] ~ "' as bron_mart, "
                ~ owner_key ~ " as bron_sleutel, '" ~ owner_col ~ "' as bron_kolom"
                ~ ' from (select * from ' ~ work['w'] ~ ' where ' ~ entry.get('where', '1 = 1') ~ ') as sdc_w'
                ~ ' inner join (select * from ' ~ owner ~ ' where ' ~ entry.get('from_where', '1 = 1') ~ ') as sdc_o'
                ~ ' on ' ~ (conditions | join(' and '))
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if not locked -%}
        {%- do locked.append(
            'select sdc_rij, 0 as sdc_kolom, 0 as sdc_vlag, sdc_sleutel, sdc_sleutel as kolom, sdc_sleutel as bron_mart,'
            ~ ' sdc_sleutel as bron_sleutel, sdc_sleutel as bron_kolom from ' ~ work['w'] ~ ' where 1 = 0'
        ) -%}
    {%- endif -%}
    {%- call statement('sdc_locked') -%}
        {{ sdc_create_table(work['l'], locked | join('\nunion all\n')) }}
    {%- endcall -%}
    {%- set primary = [] -%}
    {%- for col in counts -%}
        {%- do primary.append(
            'select sdc_rij, ' ~ loop.index0 ~ ' as sdc_kolom from ' ~ work['w']
            ~ ' where ' ~ col ~ ' >= 1 and ' ~ col ~ ' < ' ~ threshold
        ) -%}
    {%- endfor -%}
    {#- cells the privacy audit of `sdw build` found recoverable by combining groups: suppress them -#}
    {%- if extra is not none -%}
        {%- set kolom_index -%}
            case sdc_e.kolom {% for col in counts %}when '{{ col }}' then {{ loop.index0 }} {% endfor %}end
        {%- endset -%}
        {%- do primary.append(
            'select sdc_w.sdc_rij, ' ~ kolom_index ~ ' as sdc_kolom from ' ~ work['w'] ~ ' as sdc_w inner join '
            ~ extra ~ ' as sdc_e on sdc_w.sdc_sleutel = sdc_e.sleutel'
            ~ " where sdc_e.mart = '" ~ this.identifier ~ "' and sdc_e.kolom in ('" ~ (counts | join("', '")) ~ "')"
        ) -%}
    {%- endif -%}
    {#- 4b: primary suppression of the cells this mart decides, plus the locked cells suppressed -#}
    {%- call statement('sdc_primary') -%}
        {{ sdc_create_table(work['s'],
            'select sdc_p.sdc_rij, sdc_p.sdc_kolom from (' ~ (primary | join('\nunion all\n')) ~ ') as sdc_p'
            ~ ' left join ' ~ work['l'] ~ ' as sdc_l on sdc_p.sdc_rij = sdc_l.sdc_rij and sdc_p.sdc_kolom = sdc_l.sdc_kolom'
            ~ ' where sdc_l.sdc_rij is null'
            ~ ' union all select sdc_rij, sdc_kolom from ' ~ work['l'] ~ ' where sdc_vlag = 1') }}
    {%- endcall -%}
    {%- if plan -%}
    {%- call statement('sdc_cells') -%}
        {{ sdc_create_table(work['c'], sdc_cells_sql(work['w'], counts)) }}
    {%- endcall -%}
    {%- call statement('sdc_members') -%}
        {{ sdc_create_table(work['m'], sdc_members_sql(work['w'], plan, counts)) }}
    {%- endcall -%}
    {%- call statement('sdc_delta') -%}
        {{ sdc_create_table(work['d0'], 'select sdc_rij, sdc_kolom from ' ~ work['s']) }}
    {%- endcall -%}

    {#- 4c: the cells that must stay shown (pinned): suppressed, they would be given away by a group
        whose other members all stay shown (sdc_pinned_sql); repeated until nothing is added -#}
    {%- call statement('sdc_pinned') -%}
        {{ sdc_create_table(work['p'], 'select sdc_rij, sdc_kolom from ' ~ work['s'] ~ ' where 1 = 0') }}
    {%- endcall -%}
    {#- (only a cell locked and shown starts it: without inherit nothing is pinned) -#}
    {%- for step in (range(max_rounds + 1) if decl.get('inherit') else []) -%}
        {%- call statement('sdc_pinned_step') -%}
            {{ sdc_create_table(work['pn'], sdc_pinned_sql(work['m'], work['s'], work['l'], work['p'])) }}
        {%- endcall -%}
        {%- set new_pinned = run_query('select count(*) from ' ~ work['pn']).columns[0].values()[0] | int -%}
        {%- if new_pinned > 0 -%}
            {%- call statement('sdc_pinned_add') -%}
                insert into {{ work['p'] }} select sdc_rij, sdc_kolom from {{ work['pn'] }}
            {%- endcall -%}
        {%- endif -%}
        {%- do adapter.drop_relation(work['pn']) -%}
        {%- if new_pinned == 0 -%}
            {%- break -%}
        {%- endif -%}
    {%- endfor -%}

    {#- 5: rounds until nothing changes -#}
    {%- for round in range(max_rounds + 1) -%}
        {%- call statement('sdc_round') -%}
            {{ sdc_create_table(work[state.next], sdc_round_sql(work['m'], work['c'], work['s'], work[state.previous], work['l'], work['p'])) }}
        {%- endcall -%}
        {%- set new_cells = run_query('select count(*) from ' ~ work[state.next]).columns[0].values()[0] | int -%}
        {%- if new_cells == 0 -%}
            {%- set state.converged = true -%}
            {%- break -%}
        {%- endif -%}
        {%- set state.rounds = state.rounds + 1 -%}
        {%- set state.added = state.added + new_cells -%}
        {%- call statement('sdc_add') -%}
            insert into {{ work['s'] }} select sdc_rij, sdc_kolom from {{ work[state.next] }}
        {%- endcall -%}
        {%- do adapter.drop_relation(work[state.previous]) -%}
        {%- set swap = state.previous -%}
        {%- set state.previous = state.next -%}
        {%- set state.next = swap -%}
    {%- endfor -%}
    {%- if not state.converged -%}
        {%- do exceptions.raise_compiler_error(
            this.identifier ~ ': secondary suppression did not converge within ' ~ max_rounds
            ~ ' rounds (var suppressie_max_rondes); nothing is published'
        ) -%}
    {%- endif -%}
    {%- endif -%}
    {%- set state.suppressed = run_query('select count(*) from ' ~ work['s']).columns[0].values()[0] | int -%}
    {%- endif -%}
    {{ log('suppression ' ~ this.identifier ~ ': converged after ' ~ state.rounds ~ ' rounds; '
        ~ state.suppressed ~ ' cells suppressed (' ~ state.added ~ ' secondary)', info=True) }}

    {#- for the privacy audit of `sdw build`: every group's members and the locked cells, by key -#}
    {%- set kolom_naam -%}
        case sdc_kolom {% for col in counts %}when {{ loop.index0 }} then '{{ col }}' {% endfor %}end
    {%- endset -%}
    {%- do sdc_drop_tables(audit.values() | list) -%}
    {%- call statement('sdc_audit_members') -%}
        {{ sdc_create_table(audit['leden'],
            'select sdc_m.sdc_groep, sdc_w.sdc_sleutel as sleutel, ' ~ kolom_naam.replace('sdc_kolom', 'sdc_m.sdc_kolom')
            ~ ' as kolom, sdc_m.sdc_is_totaal as is_totaal from ' ~ work['m'] ~ ' as sdc_m inner join '
            ~ work['w'] ~ ' as sdc_w on sdc_m.sdc_rij = sdc_w.sdc_rij'
            if (counts and plan) else
            "select cast(0 as " ~ dbt.type_bigint() ~ ") as sdc_groep, '' as sleutel, '' as kolom, 0 as is_totaal where 1 = 0") }}
    {%- endcall -%}
    {%- call statement('sdc_audit_locked') -%}
        {{ sdc_create_table(audit['vast'],
            'select sdc_sleutel as sleutel, kolom, bron_mart, bron_sleutel, bron_kolom from ' ~ work['l']
            if counts else
            "select '' as sleutel, '' as kolom, '' as bron_mart, '' as bron_sleutel, '' as bron_kolom where 1 = 0") }}
    {%- endcall -%}

    {#- 6: the published table -#}
    {%- call statement('main') -%}
        {{ get_create_table_as_sql(False, intermediate_relation, sdc_final_sql(work['w'], work['s'] if counts else none, counts, decl, model['columns'], threshold)) }}
    {%- endcall -%}

    {%- if existing_relation is not none -%}
        {%- set existing_relation = load_cached_relation(existing_relation) -%}
        {%- if existing_relation is not none -%}
            {{ adapter.rename_relation(existing_relation, backup_relation) }}
        {%- endif -%}
    {%- endif -%}
    {{ adapter.rename_relation(intermediate_relation, target_relation) }}
    {% do sdc_drop_tables(work.values() | list) %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target_relation, model) %}
    {{ adapter.commit() }}
    {{ drop_relation_if_exists(backup_relation) }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}


{#- The published rows: the yml's columns in order, suppressed per the declaration. -#}
{% macro sdc_final_sql(work, suppressed, counts, decl, columns, threshold) -%}
    {%- set derived = {} -%}
    {%- for item in decl.get('derived', []) -%}
        {%- set conditions = [] -%}
        {%- for count in item['counts'] -%}
            {%- if count in counts -%}
                {%- do conditions.append('coalesce(sdc_v.sdc_v' ~ counts.index(count) ~ ', 0) = 1 or sdc_w.' ~ count ~ ' is null') -%}
            {%- else -%}
                {%- do conditions.append('sdc_w.' ~ count ~ ' is null or (sdc_w.' ~ count ~ ' >= 1 and sdc_w.' ~ count ~ ' < ' ~ threshold ~ ')') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do _sdc_require(conditions | length > 0, 'derived figure ' ~ item['column'] ~ ' needs the counts it is computed from') -%}
        {%- do derived.update({item['column']: '(' ~ (conditions | join(') or (')) ~ ')'}) -%}
    {%- endfor %}
    {%- if suppressed is not none %}
    with

    sdc_v as (
        select
            sdc_rij,
            {%- for col in counts %}
            max(case when sdc_kolom = {{ loop.index0 }} then 1 else 0 end) as sdc_v{{ loop.index0 }}
            {{- "," if not loop.last }}
            {%- endfor %}
        from {{ suppressed }}
        group by sdc_rij
    )
    {%- endif %}

    select
        {%- for name in columns %}
        {%- set base = name[:-14] if name.endswith('_is_onderdrukt') else none %}
        {%- set data_type = columns[name].get('data_type') %}
        {%- if name in counts %}
        {{ _sdc_cast('case when coalesce(sdc_v.sdc_v' ~ counts.index(name) ~ ', 0) = 1 then null else sdc_w.' ~ name ~ ' end', data_type) }} as {{ name }}
        {%- elif base in counts %}
        case when coalesce(sdc_v.sdc_v{{ counts.index(base) }}, 0) = 1 then true else false end as {{ name }}
        {%- elif name in derived %}
        {{ _sdc_cast('case when ' ~ derived[name] ~ ' then null else sdc_w.' ~ name ~ ' end', data_type) }} as {{ name }}
        {%- elif base in derived %}
        case when {{ derived[base] }} then true else false end as {{ name }}
        {%- else %}
        {{ _sdc_cast('sdc_w.' ~ name, data_type) }} as {{ name }}
        {%- endif %}
        {{- "," if not loop.last }}
        {%- endfor %}
    from {{ work }} as sdc_w
    {%- if suppressed is not none %}
    left join sdc_v on sdc_w.sdc_rij = sdc_v.sdc_rij
    {%- endif %}
{%- endmacro %}


{#- The key of a row as text: its grain values joined by '|' (the privacy audit matches on it). -#}
{% macro sdc_key_sql(columns, alias) -%}
    {%- set parts = [] -%}
    {%- for col in columns -%}
        {%- if not loop.first %}{% do parts.append("'|'") %}{% endif -%}
        {%- do parts.append('coalesce(cast(' ~ alias ~ '.' ~ col ~ ' as ' ~ dbt.type_string() ~ "), '')") -%}
    {%- endfor -%}
    {{ return(dbt.concat(parts)) }}
{%- endmacro %}


{#- A published column in the type its yml declares (the contract), or as it comes. -#}
{% macro _sdc_cast(expression, data_type) -%}
    {%- if data_type -%}cast({{ expression }} as {{ data_type }}){%- else -%}{{ expression }}{%- endif -%}
{%- endmacro %}


{#- create table <relation> as <sql>: work tables, behind dispatch for engines that differ. -#}
{% macro sdc_create_table(relation, sql) -%}
    {{ return(adapter.dispatch('sdc_create_table')(relation, sql)) }}
{%- endmacro %}

{% macro default__sdc_create_table(relation, sql) -%}
    create table {{ relation }} as
    {{ sql }}
{%- endmacro %}


{#-
    Drop work tables (that may not exist): on DuckDB and PostgreSQL in one statement, not one
    statement each. Each statement dbt runs costs it some milliseconds of Python (events, logging)
    under one lock for all threads; a mart drops its nine work tables twice.
-#}
{% macro sdc_drop_tables(relations) -%}
    {{ return(adapter.dispatch('sdc_drop_tables')(relations)) }}
{%- endmacro %}

{% macro default__sdc_drop_tables(relations) -%}
    {%- for relation in relations %}
        {%- do adapter.drop_relation(relation) -%}
    {%- endfor %}
{%- endmacro %}

{% macro duckdb__sdc_drop_tables(relations) -%}
    {%- call statement('sdc_drop_tables') -%}
        {%- for relation in relations %}
    drop table if exists {{ relation }};
        {%- endfor %}
    {%- endcall -%}
{%- endmacro %}

{% macro postgres__sdc_drop_tables(relations) -%}
    {%- call statement('sdc_drop_tables') -%}
    drop table if exists {{ relations | join(', ') }}
    {%- endcall -%}
{%- endmacro %}
