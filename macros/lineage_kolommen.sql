{#- The lineage of a raw row that every staging model carries on (the load that landed it, its
    file, its row number in that file, when it was loaded): written once, so a staging model
    cannot drop one. `relation`: the alias to qualify the columns with (none: unqualified). -#}
{% macro lineage_kolommen(relation=none) -%}
    {%- for kolom in ['_batch_id', '_source_file', '_row_number', '_loaded_at'] %}
        {{ relation ~ '.' if relation }}{{ kolom }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
