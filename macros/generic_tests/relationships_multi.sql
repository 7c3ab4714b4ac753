{#-
    Generic test: a composite foreign key exists in the parent. Rows where any child column is null
    are not checked (like dbt's relationships test).
    columns: mapping child column -> parent column, e.g. {wet_code: wet, productcategorie_code: productcategorie_code}
-#}
{% test relationships_multi(model, to, columns) %}
    select child.*
    from {{ model }} as child
    where
        {% for child_col in columns -%}
            child.{{ child_col }} is not null{% if not loop.last %} and {% endif %}
        {%- endfor %}
        and not exists (
            select 1
            from {{ to }} as parent
            where
                {% for child_col, parent_col in columns.items() -%}
                    parent.{{ parent_col }} = child.{{ child_col }}{% if not loop.last %} and {% endif %}
                {%- endfor %}
        )
{% endtest %}
