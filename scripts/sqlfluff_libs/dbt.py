"""Stand-ins for dbt's cross-database macros, so sqlfluff's fast jinja templater can lint models
that call them. They render plausible SQL of the same shape; dbt itself renders the real thing."""


def dateadd(datepart: str, interval: object, from_date_or_timestamp: str) -> str:
    return f"({from_date_or_timestamp} + interval ({interval}) {datepart})"


def datediff(first_date: str, second_date: str, datepart: str) -> str:
    return f"date_diff('{datepart}', {first_date}, {second_date})"


def date_trunc(datepart: str, date: str) -> str:
    return f"date_trunc('{datepart}', {date})"


def last_day(date: str, datepart: str) -> str:
    return f"last_day({date})"


def type_string() -> str:
    return "varchar"


def type_int() -> str:
    return "integer"


def type_bigint() -> str:
    return "bigint"


def type_numeric() -> str:
    return "numeric(28, 6)"


def type_boolean() -> str:
    return "boolean"


def type_timestamp() -> str:
    return "timestamp"


def type_float() -> str:
    return "double"


def safe_cast(field: str, type_: str) -> str:
    return f"try_cast({field} as {type_})"


def concat(fields: list[str]) -> str:
    return " || ".join(fields)


def hash(field: str) -> str:
    return f"md5({field})"


def split_part(string_text: str, delimiter_text: str, part_number: int) -> str:
    return f"split_part({string_text}, {delimiter_text}, {part_number})"


def cast_bool_to_text(field: str) -> str:
    return f"cast({field} as varchar)"


def string_literal(value: str) -> str:
    return f"'{value}'"


def any_value(expression: str) -> str:
    return f"any_value({expression})"


def listagg(
    measure: str, delimiter_text: str = "','", order_by_clause: str = "", limit_num: int = 0
) -> str:
    return f"string_agg({measure}, {delimiter_text})"


def bool_or(expression: str) -> str:
    return f"bool_or({expression})"


def current_timestamp() -> str:
    return "current_timestamp"


def cast(field: str, type_: str) -> str:
    return f"cast({field} as {type_})"


def date(year: int, month: int, day: int) -> str:
    return f"make_date({year}, {month}, {day})"


def date_spine(datepart: str, start_date: str, end_date: str) -> str:
    return (
        f"select cast(range as date) as date_{datepart} "
        f"from range({start_date}, {end_date}, interval 1 {datepart})"
    )
