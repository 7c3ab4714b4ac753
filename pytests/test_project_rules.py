"""Our own dbt-project-evaluator: project rules checked on the manifest of `dbt parse`.

The module runs `dbt parse` once, into a temporary target path (so it never touches target/ of a
developer or the warehouse file), and every test checks one rule on the resulting manifest. A
failure lists every offending node, so one run shows all work left.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PROJECT = "sociaal_domein_warehouse"
PARSE_TIMEOUT_S = 120

# Folder (first part of the path under models/) -> allowed model name prefixes.
LAYER_PREFIXES: dict[str, tuple[str, ...]] = {
    "staging": ("stg_",),
    "intermediate": ("int_",),
    "core": ("dim_", "fct_"),
    "prep": ("prep_",),  # prepare core from staging
    "marts": ("mart_",),
    "reports": ("rpt_",),  # assembled from published marts, published with them
    "fixtures": ("fixture_",),  # test fixtures of the macros, never published
}
# Layers each layer may ref (besides seeds; staging refs only sources and seeds, tested apart):
# staging -> prep -> core -> intermediate -> marts -> reports, never backwards.
ALLOWED_PARENT_LAYERS: dict[str, frozenset[str]] = {
    "prep": frozenset({"staging", "prep"}),
    "core": frozenset({"staging", "prep", "core"}),
    "intermediate": frozenset({"core", "intermediate"}),
    # a mart refs another for the suppression it inherits (declaration `inherit`)
    "marts": frozenset({"core", "intermediate", "marts"}),
    "reports": frozenset({"marts"}),
    # a fixture refs another for the suppression it inherits, as a mart does
    "fixtures": frozenset({"core", "intermediate", "fixtures"}),
}
# Columns that are sensitive whether or not a yml says so (meta `sensitive: true` adds more):
# the pseudonym, the birth date, the postcode and the household. Every yml that documents one of
# them marks it `config: {meta: {sensitive: true, sensitive_kind: ...}}` (GitLab's convention).
SENSITIVE_COLUMN_NAMES = frozenset(
    {"bsn", "bsn_pseudoniem", "client_id", "geboortedatum", "postcode", "huishouden_id"}
)
SENSITIVE_KINDS = frozenset({"pseudonym", "birth_date", "postcode", "household"})
# Generic tests that make a primary key: unique + not_null on one column, or one of these.
COMBINATION_KEY_TESTS = frozenset({"unique_combination_of_columns", "unique_combination"})

Node = dict[str, Any]


def _dbt_executable() -> str:
    candidate = Path(sys.executable).parent / "dbt"
    return str(candidate) if candidate.exists() else "dbt"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("dbt_parse")
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(REPO_ROOT),
        "SDW_WAREHOUSE": str(work / "parse.duckdb"),
    }
    result = subprocess.run(
        [
            _dbt_executable(),
            "parse",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            "--no-partial-parse",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=PARSE_TIMEOUT_S,
        check=False,
    )
    manifest_path = work / "target" / "manifest.json"
    if result.returncode != 0 or not manifest_path.exists():
        pytest.fail(f"dbt parse failed:\n{result.stdout}\n{result.stderr}")
    loaded: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    return loaded


def _models(manifest: dict[str, Any]) -> Iterator[Node]:
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["package_name"] == PROJECT:
            yield node


def _layer(node: Node) -> str:
    """First folder under models/, e.g. 'staging' for models/staging/extract/stg_x.sql."""
    parts = PurePosixPath(node["path"]).parts
    return parts[0] if len(parts) > 1 else ""


def _is_mart(node: Node) -> bool:
    """Published: a mart, or a report assembled from marts (both in schema marts)."""
    return _layer(node) in ("marts", "reports") or node.get("schema") == "marts"


def _label(node: Node) -> str:
    return f"{node['name']} ({node['original_file_path']})"


def _column_meta(column: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    meta.update(column.get("meta") or {})
    meta.update((column.get("config") or {}).get("meta") or {})
    return meta


def _report(rule: str, offenders: list[str]) -> str:
    lines = "\n".join(f"  - {offender}" for offender in sorted(offenders))
    return f"{rule}: {len(offenders)} offending node(s):\n{lines}"


def test_models_and_columns_have_descriptions(manifest: dict[str, Any]) -> None:
    offenders: list[str] = []
    for node in _models(manifest):
        if not (node.get("description") or "").strip():
            offenders.append(f"{_label(node)}: model has no description")
        for name, column in node["columns"].items():
            if not (column.get("description") or "").strip():
                offenders.append(f"{_label(node)}: column {name} has no description")
    assert not offenders, _report(
        "Every model and every documented column needs a description", offenders
    )


def test_models_have_primary_key_test(manifest: dict[str, Any]) -> None:
    unique: dict[str, set[str]] = {}
    not_null: dict[str, set[str]] = {}
    combination: set[str] = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or not node.get("test_metadata"):
            continue
        attached = node.get("attached_node")
        test_name = node["test_metadata"]["name"]
        column = node.get("column_name")
        if not attached:
            continue
        if test_name == "unique" and column:
            unique.setdefault(attached, set()).add(column.lower())
        elif test_name == "not_null" and column:
            not_null.setdefault(attached, set()).add(column.lower())
        elif test_name in COMBINATION_KEY_TESTS:
            combination.add(attached)
    offenders = [
        _label(node)
        for node in _models(manifest)
        if node["unique_id"] not in combination
        and not unique.get(node["unique_id"], set()) & not_null.get(node["unique_id"], set())
    ]
    assert not offenders, _report(
        "Every model needs a primary-key test (unique + not_null on one column, or "
        f"{' / '.join(sorted(COMBINATION_KEY_TESTS))})",
        offenders,
    )


def test_staging_refs_only_sources_and_seeds(manifest: dict[str, Any]) -> None:
    offenders = [
        f"{_label(node)} refs {dependency}"
        for node in _models(manifest)
        if _layer(node) == "staging"
        for dependency in node["depends_on"]["nodes"]
        if dependency.startswith("model.")
    ]
    assert not offenders, _report(
        "Staging models ref only sources and seeds, no other model", offenders
    )


def test_only_staging_selects_from_sources(manifest: dict[str, Any]) -> None:
    offenders = [
        f"{_label(node)} selects from {dependency}"
        for node in _models(manifest)
        if _layer(node) != "staging"
        for dependency in node["depends_on"]["nodes"]
        if dependency.startswith("source.")
    ]
    assert not offenders, _report("Only staging models select from sources", offenders)


def test_marts_are_public_and_contracted(manifest: dict[str, Any]) -> None:
    offenders: list[str] = []
    for node in _models(manifest):
        if not _is_mart(node):
            continue
        if node.get("access") != "public":
            offenders.append(f"{_label(node)}: access is {node.get('access')!r}, not 'public'")
        if not (node["config"].get("contract") or {}).get("enforced"):
            offenders.append(f"{_label(node)}: contract is not enforced")
    assert not offenders, _report("Marts are public and have an enforced contract", offenders)


def test_exposures_read_only_published_tables(manifest: dict[str, Any]) -> None:
    """dbt-project-evaluator's exposure rules: an exposure (a section of the council report)
    depends only on public models materialised as tables, here the published marts and reports,
    never on a source, a view or an intermediate model; and it names an owner."""
    nodes = manifest["nodes"]
    offenders: list[str] = []
    exposures = list(manifest.get("exposures", {}).values())
    for exposure in exposures:
        if not (exposure.get("owner") or {}).get("name"):
            offenders.append(f"exposure {exposure['name']}: no owner name")
        for dependency in exposure["depends_on"]["nodes"]:
            parent = nodes.get(dependency)
            if parent is None or parent["resource_type"] != "model":
                offenders.append(f"exposure {exposure['name']} depends on {dependency}")
                continue
            layer = _layer(parent)
            materialized = parent["config"].get("materialized")
            if layer not in ("marts", "reports") or parent.get("access") != "public":
                offenders.append(
                    f"exposure {exposure['name']} reads {parent['name']} (layer {layer!r}, "
                    f"access {parent.get('access')!r})"
                )
            elif materialized not in ("table", "suppressed_table", "incremental"):
                offenders.append(
                    f"exposure {exposure['name']} reads {parent['name']}, a {materialized}"
                )
    assert exposures, "the council report's sections are declared as exposures"
    assert not offenders, _report("Exposures read only published tables", offenders)


def test_layers_ref_only_the_layers_before_them(manifest: dict[str, Any]) -> None:
    nodes = manifest["nodes"]
    offenders: list[str] = []
    for node in _models(manifest):
        allowed = ALLOWED_PARENT_LAYERS.get(_layer(node))
        if allowed is None:
            continue
        for dependency in node["depends_on"]["nodes"]:
            if dependency.startswith("seed."):
                continue
            parent = nodes.get(dependency)
            if parent is None or parent["resource_type"] != "model":
                continue
            if parent["package_name"] == PROJECT and _layer(parent) not in allowed:
                offenders.append(
                    f"{_label(node)} refs {parent['name']} (layer {_layer(parent)!r}; "
                    f"{_layer(node)} may ref {', '.join(sorted(allowed))})"
                )
    assert not offenders, _report("Each layer refs only the layers before it", offenders)


def test_sources_have_freshness(manifest: dict[str, Any]) -> None:
    offenders: list[str] = []
    for source in manifest["sources"].values():
        if source["package_name"] != PROJECT:
            continue
        label = f"{source['source_name']}.{source['name']} ({source['original_file_path']})"
        exempt = (source.get("meta") or {}).get("freshness_exempt") or (
            source.get("config", {}).get("meta") or {}
        ).get("freshness_exempt")
        if isinstance(exempt, str) and exempt.strip():
            continue  # a documented exemption: the reason is in meta.freshness_exempt
        freshness = source.get("freshness") or {}
        thresholds = [freshness.get("warn_after") or {}, freshness.get("error_after") or {}]
        if not any(t.get("count") and t.get("period") for t in thresholds):
            offenders.append(f"{label}: no freshness warn_after / error_after")
        if not (source.get("loaded_at_field") or source.get("loaded_at_query")):
            offenders.append(f"{label}: no loaded_at_field (freshness cannot be computed)")
    assert not offenders, _report("Every source has freshness defined", offenders)


def test_model_names_match_folder_prefix(manifest: dict[str, Any]) -> None:
    offenders: list[str] = []
    for node in _models(manifest):
        layer = _layer(node)
        file_name = PurePosixPath(node["original_file_path"]).stem
        prefixes = LAYER_PREFIXES.get(layer)
        if prefixes is None:
            offenders.append(f"{_label(node)}: not in a layer folder ({', '.join(LAYER_PREFIXES)})")
        elif not file_name.startswith(prefixes):
            offenders.append(
                f"{_label(node)}: models in {layer}/ are named {' or '.join(prefixes)}*"
            )
    assert not offenders, _report("Model file names match the prefix of their folder", offenders)


def test_sensitive_columns_are_marked_in_every_yml(manifest: dict[str, Any]) -> None:
    """Every documented pseudonym, birth date, postcode or household column carries meta
    sensitive: true with its kind, so the marking (read by the tests below and by the publication
    test on the published file) is complete."""
    documented = list(manifest["nodes"].values()) + list(manifest["sources"].values())
    offenders = []
    for node in documented:
        for name, column in (node.get("columns") or {}).items():
            meta = _column_meta(column)
            if name.lower() in SENSITIVE_COLUMN_NAMES and meta.get("sensitive") is not True:
                offenders.append(f"{_label(node)}: column {name} lacks meta sensitive: true")
            if meta.get("sensitive") is True and meta.get("sensitive_kind") not in SENSITIVE_KINDS:
                offenders.append(f"{_label(node)}: column {name} has no known sensitive_kind")
    assert not offenders, _report("Sensitive columns are marked in the yml", offenders)


def test_no_sensitive_columns_in_marts(manifest: dict[str, Any]) -> None:
    sensitive = set(SENSITIVE_COLUMN_NAMES)
    documented = list(manifest["nodes"].values()) + list(manifest["sources"].values())
    for node in documented:
        for name, column in (node.get("columns") or {}).items():
            if _column_meta(column).get("sensitive") is True:
                sensitive.add(name.lower())
    offenders = [
        f"{_label(node)}: column {name}"
        for node in _models(manifest)
        if _is_mart(node)
        for name, column in node["columns"].items()
        if name.lower() in sensitive or _column_meta(column).get("sensitive") is True
    ]
    assert not offenders, _report(
        "Sensitive columns (meta sensitive: true, or "
        + ", ".join(sorted(SENSITIVE_COLUMN_NAMES))
        + ") never appear in a mart",
        offenders,
    )


def test_readme_lists_every_group_each_mart_protects(manifest: dict[str, Any]) -> None:
    """The README's table of suppression groups is the one the declarations give."""
    from ingest.suppression_docs import render  # noqa: PLC0415

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert render(manifest) in readme, (
        "README.md 'Small cells' is out of date: paste the output of "
        "python -m ingest.suppression_docs target/manifest.json"
    )


def test_every_mart_declares_its_suppression(manifest: dict[str, Any]) -> None:
    """Every mart (not the reports, assembled from marts) is a suppressed_table with a
    declaration and runs the two suppression tests, which read it."""
    tests: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("attached_node"):
            name = (node.get("test_metadata") or {}).get("name", "")
            tests.setdefault(node["attached_node"], set()).add(name)
    offenders = []
    for node in _models(manifest):
        if _layer(node) != "marts":
            continue
        config = node["config"]
        decl = (config.get("meta") or {}).get("suppression")
        if config["materialized"] != "suppressed_table" or not decl:
            offenders.append(_label(node) + ": not a suppressed_table with a declaration")
        elif "no_small_cells" not in tests.get(node["unique_id"], set()) and decl.get("counts"):
            offenders.append(_label(node) + ": no no_small_cells test")
        elif decl.get("groups") and "no_recoverable_cells" not in tests.get(
            node["unique_id"], set()
        ):
            offenders.append(_label(node) + ": no no_recoverable_cells test")
    assert not offenders, _report("marts declare their suppression", offenders)


ENGINE_WORDS = re.compile(r"\b(duckdb|postgres(?:ql)?|spark|target\.type|adapter\.type)\b", re.I)
ENGINE_MACRO = re.compile(r"^(duckdb|postgres|spark)__")
SQL_COMMENTS = re.compile(r"--[^\n]*|\{#.*?#\}|/\*.*?\*/", re.S)


def test_no_engine_named_in_a_model(manifest: dict[str, Any]) -> None:
    """One project, three engines: a model names no engine; what engines spell differently is
    a dispatched macro of ours (default__/duckdb__/postgres__/spark__), and every engine-specific
    macro implements one that dispatches."""
    offenders = []
    for node in _models(manifest):
        code = SQL_COMMENTS.sub("", node["raw_code"])  # a comment may say why
        named = sorted({m.lower() for m in ENGINE_WORDS.findall(code)})
        if named:
            offenders.append(f"{_label(node)}: {', '.join(named)}")
    macros = {m["name"]: m for m in manifest["macros"].values() if m["package_name"] == PROJECT}
    for name in macros:
        if ENGINE_MACRO.match(name):
            generic = ENGINE_MACRO.sub("", name)
            dispatches = generic in macros and "adapter.dispatch" in macros[generic]["macro_sql"]
            # an adapter's own macro overridden for that adapter (spark__load_csv_rows) is fine
            if not dispatches and generic in macros:
                offenders.append(f"macro {name}: {generic} does not dispatch")
    assert not offenders, _report("engine-specific SQL outside dispatched macros", offenders)
