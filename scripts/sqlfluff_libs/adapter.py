"""Stand-in for dbt's `adapter` under sqlfluff's jinja templater: `adapter.dispatch(name)()`
renders the default (empty) implementation, which is what lint needs of our dispatch macros."""

from collections.abc import Callable


def dispatch(macro_name: str, macro_namespace: str | None = None) -> Callable[..., str]:
    def render(*_args: object, **_kwargs: object) -> str:
        return ""

    return render
