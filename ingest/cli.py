"""The `sdw` command line: generate demo data, load deliveries, build the warehouse, summarise."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.contract import PROJECT_ROOT, mask_bsns

if TYPE_CHECKING:
    from ingest.load import FileReport

EXIT_REFUSED = 2
EXIT_BUILD_FAILED = 3


def _say(msg: str) -> None:
    print(msg, flush=True)


def _warehouse(args: argparse.Namespace) -> Path:
    from ingest.warehouse import default_warehouse_path  # noqa: PLC0415

    return Path(args.warehouse).resolve() if args.warehouse else default_warehouse_path()


def cmd_generate(args: argparse.Namespace) -> int:
    from ingest.generator import generate  # noqa: PLC0415

    started = time.perf_counter()
    gemeenten = getattr(args, "gemeenten", 1)  # sdw demo: one municipality, CSV
    file_format = getattr(args, "format", "csv")
    try:
        counts = generate(
            Path(args.out),
            args.inwoners,
            args.start,
            args.end,
            args.seed,
            broken=args.broken,
            gemeenten=gemeenten,
            file_format=file_format,
            workers=getattr(args, "workers", None),
            bevolking_csv=Path(args.bevolking) if getattr(args, "bevolking", None) else None,
        )
    except ValueError as exc:
        print(f"sdw generate: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    _say(
        f"generated {args.inwoners:,} inhabitants in {gemeenten} gemeente(n), "
        f"{args.start}..{args.end}, seed {args.seed}, {file_format} into {args.out} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    for name, n in counts.items():
        _say(f"  {name:<24} {n if isinstance(n, int) else json.dumps(n)}")
    return 0


# replaced: landed rows that a later row of the delivery with the same key and registratiedatum
# replaces (they landed: read = landed + quarantine + duplicate)
LOAD_TABLE_COUNTS = (
    ("read", "rows_read", 10),
    ("landed", "rows_landed", 10),
    ("quarantine", "rows_quarantined", 12),
    ("duplicate", "rows_duplicate", 11),
    ("replaced", "rows_version_replaced", 10),
)


def load_table(files: list[FileReport]) -> list[str]:
    """`sdw load`'s table of files and counts (FileReports); a column widens for a long file name
    or a count of a national delivery (164,520,300 declaraties) so that no two values touch."""
    name_width = max([28, *(len(f.source_file) + 2 for f in files)])
    widths = [
        max([width, *(len(f"{getattr(f, attr):,}") + 2 for f in files)])
        for _, attr, width in LOAD_TABLE_COUNTS
    ]
    header = f"{'file':<{name_width}}{'status':<16}" + "".join(
        f"{title:>{w}}" for (title, _, _), w in zip(LOAD_TABLE_COUNTS, widths, strict=True)
    )
    lines = [header, "-" * len(header)]
    for f in files:
        lines.append(
            f"{f.source_file:<{name_width}}{f.status:<16}"
            + "".join(
                f"{getattr(f, attr):>{w},}"
                for (_, attr, _), w in zip(LOAD_TABLE_COUNTS, widths, strict=True)
            )
        )
    return lines


def cmd_load(args: argparse.Namespace) -> int:
    from ingest import expectations  # noqa: PLC0415

    # the Great Expectations gate's process first: it imports GX while this one starts and reads
    expectations.start()

    import duckdb  # noqa: PLC0415

    from ingest.load import load_delivery  # noqa: PLC0415
    from ingest.pseudonym import KeyError_  # noqa: PLC0415
    from ingest.readers import DeliveryError  # noqa: PLC0415

    warehouse = _warehouse(args)
    try:
        report = load_delivery(
            Path(args.delivery),
            warehouse,
            args.max_invalid_share,
            progress=_say,
            new_key=getattr(args, "new_key", False),
        )
    except DeliveryError as exc:
        print(f"delivery refused, nothing loaded: {mask_bsns(str(exc))}", file=sys.stderr)
        return EXIT_REFUSED
    except (KeyError_, expectations.GateError) as exc:
        print(f"sdw load: nothing loaded: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except duckdb.OutOfMemoryException as exc:
        print(
            "sdw load: nothing loaded: DuckDB ran out of memory "
            f"({mask_bsns(str(exc).splitlines()[0])}); raise SDW_LOAD_MEMORY_LIMIT "
            f"(now {os.environ.get('SDW_LOAD_MEMORY_LIMIT', 'the default')}) or free disk space "
            "in its temporary directory (SDW_TEMP_DIR)",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except (OSError, duckdb.IOException, duckdb.FatalException) as exc:
        # a full disk or a file size limit, while DuckDB or the reader writes: the transaction
        # never committed, so the warehouse holds what it held before
        first = mask_bsns(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        print(
            f"sdw load: nothing loaded: cannot write ({first}); free disk space beside the "
            "warehouse and in SDW_TEMP_DIR, then load again",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    _say("")
    for line in load_table(report.files):
        _say(line)
    if report.batch_id is None:
        _say("\nnothing new: every file was loaded before")
    else:
        _say(f"\nbatch {report.batch_id} loaded into {warehouse}")
    if report.rows_quarantined:
        _say(f"{report.rows_quarantined:,} rows quarantined (raw.quarantine):")
        for f in report.files:
            for (field, reason), n in sorted(f.quarantine_reasons.items()):
                _say(f"  {f.source_file}: {n:,} x {field}: {reason}")
    if getattr(args, "target", "duckdb") == "postgres":
        return _copy_raw_to_server(warehouse)
    if getattr(args, "target", "duckdb") == "spark":
        return _export_raw_for_spark(warehouse)
    return 0


def _copy_raw_to_server(warehouse: Path) -> int:
    """sdw load --target postgres: the raw layer just loaded, copied to the server."""
    from ingest.postgres import PostgresError, connect, copy_raw  # noqa: PLC0415
    from ingest.warehouse import connect as connect_warehouse  # noqa: PLC0415

    con = connect_warehouse(warehouse)
    try:
        with connect() as server:
            copied = copy_raw(con, server, _say)
    except PostgresError as exc:
        print(
            f"sdw load: loaded into {warehouse}, not copied to PostgreSQL: {exc}", file=sys.stderr
        )
        return EXIT_REFUSED
    finally:
        con.close()
    rows = sum(c.rows for c in copied)
    _say(f"raw layer copied to PostgreSQL: {rows:,} rows in {len(copied)} tables")
    return 0


def _export_raw_for_spark(warehouse: Path) -> int:
    """sdw load --target spark: the raw layer just loaded, written as Parquet for Spark."""
    from ingest.spark import export_raw, spark_dir  # noqa: PLC0415
    from ingest.warehouse import connect as connect_warehouse  # noqa: PLC0415

    root = spark_dir()
    con = connect_warehouse(warehouse, read_only=True)
    try:
        rows = export_raw(con, root)
    except OSError as exc:
        print(f"sdw load: loaded into {warehouse}, not written for Spark: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    _say(
        f"raw layer written for Spark: {sum(rows.values()):,} rows in {len(rows)} tables "
        f"({root / 'raw'})"
    )
    return 0


def cmd_reload_quarantine(args: argparse.Namespace) -> int:
    from ingest.load import reload_quarantine  # noqa: PLC0415

    report = reload_quarantine(_warehouse(args), progress=_say)
    _say(
        f"{report.retried:,} quarantined rows retried: {report.released:,} released into raw, "
        f"{report.still_quarantined:,} still quarantined; {report.not_retryable:,} cannot be "
        "retried (BSN or unsplittable row: deliver them again)"
    )
    return 0


def _die_with_parent() -> None:
    """In the dbt child: ask Linux to kill it when `sdw` dies (SIGKILL included), so a killed
    build leaves no dbt process holding the warehouse's lock."""
    try:
        import ctypes  # noqa: PLC0415
        import signal  # noqa: PLC0415

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except OSError:
        pass


def run_dbt(warehouse: Path, dbt_args: list[str]) -> int:
    from ingest.spark import spark_dir  # noqa: PLC0415

    env = dict(os.environ)
    env.update(
        SDW_WAREHOUSE=str(warehouse),
        DBT_PROFILES_DIR=str(PROJECT_ROOT),
        SDW_SPARK_DIR=str(spark_dir()),
        DO_NOT_TRACK="1",
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    # dbt itself, with the nodes that have the most work after them run first (dbt_scheduler)
    cmd = [sys.executable, "-m", "ingest.dbt_scheduler", *dbt_args]
    return subprocess.run(
        cmd, cwd=PROJECT_ROOT, env=env, check=False, preexec_fn=_die_with_parent
    ).returncode


def _publication_root(args: argparse.Namespace, warehouse: Path) -> Path:
    from ingest.publish import default_root  # noqa: PLC0415

    return Path(args.publicatie).resolve() if args.publicatie else default_root(warehouse)


def _build_and_publish(args: argparse.Namespace, publish_after: bool) -> int:
    import duckdb  # noqa: PLC0415

    from ingest.build import AuditFailed, build  # noqa: PLC0415
    from ingest.publish import CURRENT, publish  # noqa: PLC0415

    dbt_args = dbt_arguments(args.dbt_args, args.kennisdatum, getattr(args, "unit_tests", False))
    warehouse = _warehouse(args)
    store = None
    if getattr(args, "target", "duckdb") == "postgres":
        from ingest.postgres import ServerAudit  # noqa: PLC0415
        from ingest.privacy_audit import AUDIT_SCHEMA, EXTRA_TABLE, MART_SCHEMA  # noqa: PLC0415

        # the figures are built and audited on the server; editions are DuckDB files of a
        # DuckDB build, so there is nothing to publish from here (sdw publish --postgres)
        dbt_args = [*dbt_args, "--target", "postgres"]
        store = ServerAudit(AUDIT_SCHEMA, MART_SCHEMA, EXTRA_TABLE)
        publish_after = False
    elif getattr(args, "target", "duckdb") == "spark":
        from ingest.privacy_audit import AUDIT_SCHEMA, EXTRA_TABLE, MART_SCHEMA  # noqa: PLC0415
        from ingest.spark import SparkAudit, spark_dir  # noqa: PLC0415

        # built and audited in the Spark session's warehouse folder; nothing published from here
        dbt_args = [*dbt_args, "--target", "spark"]
        store = SparkAudit(AUDIT_SCHEMA, MART_SCHEMA, EXTRA_TABLE, spark_dir())
        publish_after = False
    root = _publication_root(args, warehouse)
    current = root / CURRENT
    kept = f"{current} still points at {os.readlink(current)}" if current.is_symlink() else ""
    try:
        code = build(warehouse, dbt_args, lambda a: run_dbt(warehouse, a), _say, store=store)
        if code == 0 and publish_after:
            edition = publish(warehouse, root, _say)
            if getattr(args, "postgres", None):
                return _publish_to_server(edition.folder / "sdw.duckdb", args.postgres)
    except AuditFailed as exc:
        print(f"sdw build: {exc}", file=sys.stderr)
        code = EXIT_BUILD_FAILED
    except (OSError, duckdb.IOException, duckdb.FatalException) as exc:
        # a full disk while DuckDB checkpoints or the edition is written
        first = mask_bsns(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        print(f"sdw build: cannot write ({first}); free disk space", file=sys.stderr)
        code = EXIT_BUILD_FAILED
    if code != 0:
        print(
            "sdw build: not built, nothing published" + (f"; {kept}" if kept else ""),
            file=sys.stderr,
        )
        return EXIT_BUILD_FAILED
    return 0


def _publish_to_server(edition: Path, url: str) -> int:
    from ingest.postgres import PostgresError, publish_to_server  # noqa: PLC0415

    try:
        publish_to_server(edition, url, _say)
    except PostgresError as exc:
        print(f"sdw publish: edition published, not to PostgreSQL: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    return 0


def dbt_arguments(extra: list[str], kennisdatum: str | None, unit_tests: bool = False) -> list[str]:
    """The arguments `sdw build` hands to `dbt build`: the user's own, in their order, with
    --kennisdatum as the var kennisdatum (merged into the user's --vars when given: dbt reads
    only one --vars). Without unit_tests, dbt's unit tests are left out: they test the SQL on
    fixed inputs, not the data, so the test suite runs them and a build of new data need not (as
    dbt advises for production); at 26,000 inhabitants they are a sixth of dbt's work."""
    args = list(extra)
    if not unit_tests:
        args += ["--exclude-resource-type", "unit_test"]
    if not kennisdatum:
        return args
    if "--vars" in args and args.index("--vars") + 1 < len(args):
        import yaml  # noqa: PLC0415

        at = args.index("--vars") + 1
        given = yaml.safe_load(args[at]) or {}
        if not isinstance(given, dict):
            raise SystemExit(f"sdw build: --vars must be a mapping, not {args[at]!r}")
        args[at] = json.dumps({**given, "kennisdatum": kennisdatum})
        return args
    return [*args, "--vars", json.dumps({"kennisdatum": kennisdatum})]


def cmd_build(args: argparse.Namespace) -> int:
    return _build_and_publish(args, publish_after=not args.no_publish)


def cmd_publish(args: argparse.Namespace) -> int:
    args.dbt_args = []
    return _build_and_publish(args, publish_after=True)


def cmd_editions(args: argparse.Namespace) -> int:
    from ingest.publish import editions  # noqa: PLC0415

    root = _publication_root(args, _warehouse(args))
    found = editions(root)
    if not found:
        _say(f"no editions in {root}")
        return 0
    _say(f"{'edition':<14}{'kennisdatum':<13}{'built':<21}{'version':<9}{'marts':>6}{'rows':>10}")
    for e in found:
        _say(
            f"{e.label:<14}{e.kennisdatum:<13}{e.gebouwd_op:<21}{e.project_versie:<9}"
            f"{e.marts:>6}{e.rijen:>10,}" + ("  <- actueel" if e.current else "")
        )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ingest.report import ReportError, make_report  # noqa: PLC0415

    warehouse = _warehouse(args)
    root = _publication_root(args, warehouse)
    out = Path(args.uit) if args.uit else root.parent / "rapport"
    try:
        made = make_report(
            root,
            out,
            args.editie,
            args.vorige,
            pdf=not args.geen_pdf,
            say=_say,
            alleen=args.gemeente or (),
        )
    except ReportError as exc:
        print(f"sdw report: {exc}", file=sys.stderr)
        return 1
    compared = f", compared with edition {made.vorige}" if made.vorige else ", no earlier edition"
    _say(
        f"report of edition {made.editie}{compared}: {made.kpis} KPIs for "
        f"{len(made.gemeenten)} gemeente(n), {made.wijzigingen} figures changed afterwards"
    )
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from ingest.summary import print_summary  # noqa: PLC0415

    print_summary(_warehouse(args), _say)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from ingest.bench import NATIONAL, NATIONAL_BUDGET_MIN, SIZES, bench  # noqa: PLC0415

    budget_min = NATIONAL_BUDGET_MIN if args.budget is None else args.budget
    if budget_min <= 0:
        print("sdw bench: --budget must be a positive number of minutes", file=sys.stderr)
        return EXIT_REFUSED

    wanted = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SIZES]
    if unknown:
        print(f"sdw bench: unknown size(s) {', '.join(unknown)}; choose from {', '.join(SIZES)}",
              file=sys.stderr)  # fmt: skip
        return EXIT_REFUSED
    sizes = {label: SIZES[label] for label in wanted}
    if args.national:
        sizes.update(NATIONAL)
    bench(
        sizes,
        args.gemeenten,
        args.format,
        Path(args.dir).resolve(),
        args.seed,
        PROJECT_ROOT / "bench" / "results",
        _say,
        maand=not args.no_maand,
        budget_min=budget_min,
    )
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """sdw compare --postgres / --spark: the marts of the DuckDB warehouse against those of the
    other engine's build, and of one against the other."""
    import tempfile  # noqa: PLC0415

    import duckdb  # noqa: PLC0415

    from ingest.compare import compare_schemas  # noqa: PLC0415
    from ingest.postgres import PostgresError, connect  # noqa: PLC0415
    from ingest.postgres import mirror_schemas as mirror_server  # noqa: PLC0415
    from ingest.privacy_audit import MART_SCHEMA  # noqa: PLC0415
    from ingest.spark import SparkFilesError, spark_dir  # noqa: PLC0415
    from ingest.spark import mirror_schemas as mirror_spark  # noqa: PLC0415

    engines = [e for e in ("postgres", "spark") if getattr(args, e)]
    if not engines:
        print("sdw compare: name an engine to compare with: --postgres, --spark", file=sys.stderr)
        return EXIT_REFUSED
    warehouse = _warehouse(args)
    con = duckdb.connect()
    results = []
    try:
        quoted = str(warehouse).replace("'", "''")
        con.execute(f"attach '{quoted}' as duckdb (read_only)")
        for engine in engines:
            con.execute(f"attach ':memory:' as {engine}")
            con.execute(f"use {engine}")
            if engine == "postgres":
                with tempfile.TemporaryDirectory(prefix="sdw-compare-") as work, connect() as pg:
                    mirror_server(pg, [MART_SCHEMA], Path(work), con)
            else:
                mirror_spark(spark_dir(), [MART_SCHEMA], con)
        con.execute("use memory")
        sides = ["duckdb", *engines]
        for left, right in itertools.pairwise(sides):
            results.append(
                compare_schemas(
                    con,
                    (left, MART_SCHEMA),
                    (right, MART_SCHEMA),
                    most_rows=args.rows,
                    labels=(left, right),
                )
            )
    except (PostgresError, SparkFilesError) as exc:
        print(f"sdw compare: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    for result in results:
        _say(result.report(args.rows))
    return 0 if all(r.equal for r in results) else 1


def cmd_scan(args: argparse.Namespace) -> int:
    from ingest.scan import (  # noqa: PLC0415
        birth_dates_beside_postcodes,
        scan_database,
        scan_parquet,
        scan_text_file,
    )

    warehouse = _warehouse(args)
    root = _publication_root(args, warehouse)
    hits = scan_database(warehouse) if warehouse.exists() else []
    problems: list[str] = []
    texts = [p for p in sorted((PROJECT_ROOT / "logs").rglob("*")) if p.is_file()]
    # every copy of every edition (the links `actueel` and <label> point into .edities/)
    for edition in sorted((root / ".edities").glob("*")) if root.is_dir() else []:
        if (edition / "sdw.duckdb").is_file():
            hits += scan_database(edition / "sdw.duckdb")
            problems += birth_dates_beside_postcodes(edition / "sdw.duckdb")
        for parquet in sorted(edition.glob("parquet/*.parquet")):
            hits += scan_parquet(parquet)
        texts += sorted(edition.glob("csv/*.csv"))
    for path in texts:
        hits += scan_text_file(path)
    for hit in hits:
        _say(f"BSN in clear: {hit.where} ({hit.rows:,} rows)")
    for problem in problems:
        _say(f"birth date beside postcode: {problem}")
    if hits or problems:
        return 1
    _say(f"no BSN in clear in {warehouse}, the editions in {root} or the logs")
    return 0


def _quarter_before(end_month: str) -> str:
    """The last day of the month three months before `end_month` (YYYY-MM): the knowledge date
    of the demo's previous edition."""
    year, month = (int(x) for x in end_month.split("-"))
    year, month = (year, month - 2) if month > 2 else (year - 1, month + 10)
    return (date(year, month, 1) - timedelta(days=1)).isoformat()


def _load_then_stop_gate(delivery: Path, warehouse: str | None) -> int:
    """`sdw load`, then end the Great Expectations gate's process: the builds after it in the
    same process need its memory more."""
    from ingest import expectations  # noqa: PLC0415

    try:
        return cmd_load(
            argparse.Namespace(delivery=str(delivery), warehouse=warehouse, max_invalid_share=0.10)
        )
    finally:
        expectations.stop()


def cmd_demo(args: argparse.Namespace) -> int:
    out = Path(args.out)
    earlier = _quarter_before(args.end)

    def publish_known_on(kennisdatum: str | None) -> int:
        return cmd_publish(
            argparse.Namespace(
                warehouse=args.warehouse,
                kennisdatum=kennisdatum,
                dbt_args=[],
                no_publish=False,
                publicatie=None,
                postgres=None,
            )
        )

    steps = [
        (
            "generate",
            lambda: cmd_generate(
                argparse.Namespace(
                    out=str(out),
                    inwoners=args.inwoners,
                    start=args.start,
                    end=args.end,
                    seed=args.seed,
                    broken=True,
                )
            ),
        ),
        ("load", lambda: _load_then_stop_gate(out, args.warehouse)),
        (
            f"build and publish the edition known on {earlier} (the previous monitor)",
            lambda: publish_known_on(earlier),
        ),
        ("build and publish the current edition", lambda: publish_known_on(None)),
        (
            "report",
            lambda: cmd_report(
                argparse.Namespace(
                    warehouse=args.warehouse,
                    editie=None,
                    vorige=None,
                    uit=None,
                    geen_pdf=False,
                    publicatie=None,
                    gemeente=None,
                )
            ),
        ),
        ("summary", lambda: cmd_summary(args)),
    ]
    for name, step in steps:
        _say(f"\n=== sdw demo: {name} ===")
        code = step()
        if code:
            _say(f"sdw demo: step {name} failed (exit {code})")
            return code
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdw", description="Sociaal Domein Warehouse: raw extracts in, monitor figures out."
    )
    warehouse_help = "DuckDB warehouse file (default: $SDW_WAREHOUSE or warehouse/sdw.duckdb)"
    parser.add_argument("--warehouse", help=warehouse_help)
    # --warehouse also after the subcommand (sdw build --warehouse x.duckdb); SUPPRESS keeps a
    # subcommand from resetting one given before it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--warehouse", default=argparse.SUPPRESS, help=warehouse_help)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kwargs)  # type: ignore[arg-type]

    g = command(
        "generate", help="write a synthetic delivery of one or more municipalities (CSV, Parquet)"
    )
    g.add_argument("--out", required=True, help="delivery folder to write")
    g.add_argument(
        "--inwoners", type=int, default=26000, help="number of inhabitants (all gemeenten)"
    )
    g.add_argument(
        "--gemeenten",
        type=int,
        default=1,
        help="number of municipalities: the first N synthetic ones of seeds/gemeenten.csv (1)",
    )
    g.add_argument("--start", default="2019-01", help="first month, YYYY-MM")
    g.add_argument("--end", default="2024-12", help="last month, YYYY-MM")
    g.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    g.add_argument("--format", choices=("csv", "parquet"), default="csv", help="file format")
    g.add_argument(
        "--workers", type=int, help="processes (default: one per core; never changes the output)"
    )
    g.add_argument("--broken", action="store_true", help="add deliberately broken rows")
    g.add_argument(
        "--bevolking",
        metavar="FILE",
        help="also write the population seed (inhabitants per wijk, year and age on 1 January) "
        "to FILE, e.g. seeds/bevolking.csv; never into the delivery folder",
    )
    g.set_defaults(func=cmd_generate)

    ld = command("load", help="validate and land a delivery folder (or file) in raw.*")
    ld.add_argument("delivery", help="delivery folder or file")
    ld.add_argument(
        "--max-invalid-share",
        type=float,
        default=0.10,
        help="refuse a file when a rule fails for more than this share of its rows (0.10)",
    )
    ld.add_argument(
        "--new-key",
        action="store_true",
        help="accept a pseudonymisation key other than the warehouse's (only while no raw "
        "table holds pseudonyms made with the earlier key)",
    )
    ld.add_argument(
        "--target",
        choices=("duckdb", "postgres", "spark"),
        default="duckdb",
        help="postgres: after loading, copy the raw layer to the server of profiles.yml's "
        "postgres target (SDW_PG_* variables); spark: write it as Parquet under SDW_SPARK_DIR/raw",
    )
    ld.set_defaults(func=cmd_load)

    rq = command(
        "reload-quarantine",
        help="validate quarantined rows again (after extending a code list); land what passes",
    )
    rq.set_defaults(func=cmd_reload_quarantine)

    b = command(
        "build",
        help="dbt build (seeds, models, all tests), privacy audit, then publish",
        description="Every argument sdw build does not know goes to `dbt build` as it is "
        "(--select x, --vars '{...}', --full-refresh).",
        allow_abbrev=False,
    )
    b.add_argument("--kennisdatum", help="build the figures as known on this date (YYYY-MM-DD)")
    b.add_argument("--no-publish", action="store_true", help="build and test only")
    b.add_argument(
        "--unit-tests",
        action="store_true",
        help="also run dbt's unit tests (tests of the SQL on fixed inputs, not of the data: the "
        "test suite runs them; a build of new data skips them, as dbt advises for production)",
    )
    b.add_argument(
        "--target",
        choices=("duckdb", "postgres", "spark"),
        default="duckdb",
        help="postgres: build, test and audit on the server of profiles.yml's postgres target "
        "(raw layer copied there by sdw load --target postgres); spark: in a local Spark "
        "session under SDW_SPARK_DIR (raw layer from sdw load --target spark); neither "
        "publishes an edition",
    )
    b.add_argument("--publicatie", help="publication folder (default: publicatie/ beside it)")
    b.set_defaults(func=cmd_build, dbt_args=[])

    pb = command(
        "publish", help="build and publish an edition (as known on --kennisdatum) for readers"
    )
    pb.add_argument("--kennisdatum", help="freeze the edition as known on this date")
    pb.add_argument("--publicatie", help="publication folder (default: publicatie/ beside it)")
    pb.add_argument(
        "--postgres",
        metavar="URL",
        help="also publish the edition's marts to this PostgreSQL server "
        "(postgresql://user@host:port/db; the password from PGPASSWORD), readable by the role "
        "publicatie_lezer",
    )
    pb.set_defaults(func=cmd_publish)

    ed = command("editions", help="list the published editions")
    ed.add_argument("--publicatie", help="publication folder (default: publicatie/ beside it)")
    ed.set_defaults(func=cmd_editions)

    rp = command(
        "report",
        help="the council report of a published edition: one self-contained HTML file and a PDF",
        description="Reads only published editions. Compares the edition with the previous one "
        "(the latest with an earlier knowledge date) unless --vorige names another.",
    )
    rp.add_argument("--editie", help="edition label (default: the current edition, actueel)")
    rp.add_argument("--vorige", help="edition to compare with (default: the one before it)")
    rp.add_argument("--uit", help="output folder (default: rapport/ beside the publication folder)")
    rp.add_argument("--geen-pdf", action="store_true", help="write the HTML only")
    rp.add_argument(
        "--gemeente",
        action="append",
        help="only this gemeente_code (repeat for several; default: every gemeente)",
    )
    rp.add_argument("--publicatie", help="publication folder (default: publicatie/ beside it)")
    rp.set_defaults(func=cmd_report)

    s = command("summary", help="rows per table and quarantined rows by reason")
    s.set_defaults(func=cmd_summary)

    bn = command("bench", help="measure load and build at several sizes (a benchmark, not a test)")
    bn.add_argument("--sizes", default="26k,260k,1M", help="comma-separated: 26k, 260k, 1M")
    bn.add_argument("--national", action="store_true", help="also the national size (17.9M)")
    bn.add_argument("--gemeenten", type=int, default=1, help="municipalities per delivery")
    bn.add_argument("--format", choices=["csv", "parquet"], default="csv")
    bn.add_argument("--seed", type=int, default=1)
    bn.add_argument(
        "--no-maand",
        action="store_true",
        help="skip the month added (the last month loaded into a warehouse holding the rest)",
    )
    bn.add_argument(
        "--budget",
        type=float,
        metavar="MINUTES",
        help="national size: minutes for load and build before the bench stops them and records "
        "how far they got (default: the 60-minute target, ingest/bench.py NATIONAL_BUDGET_MIN)",
    )
    bn.add_argument(
        "--dir",
        default=str(PROJECT_ROOT / "warehouse" / "bench"),
        help="where deliveries (kept between runs) and warehouses go (git-ignored)",
    )
    bn.set_defaults(func=cmd_bench)

    cp = command(
        "compare",
        help="compare the marts of the warehouse with a PostgreSQL and/or Spark build, row by row",
        description="Counts exactly, amounts and averages to the cent; exit 1 on a difference. "
        "With both engines: DuckDB against PostgreSQL, then PostgreSQL against Spark.",
    )
    cp.add_argument(
        "--postgres",
        action="store_true",
        help="the server of profiles.yml's postgres target (SDW_PG_* variables)",
    )
    cp.add_argument(
        "--spark",
        action="store_true",
        help="the local Spark build of profiles.yml's spark target (its Parquet files under "
        "SDW_SPARK_DIR/warehouse)",
    )
    cp.add_argument("--rows", type=int, default=5, help="differing rows shown per mart (5)")
    cp.set_defaults(func=cmd_compare)

    sc = command(
        "scan", help="look for BSNs in clear in the warehouse, the published editions and the logs"
    )
    sc.add_argument("--publicatie", help="publication folder (default: publicatie/ beside it)")
    sc.set_defaults(func=cmd_scan)

    d = command("demo", help="generate + load + build + summary on synthetic data")
    d.add_argument("--out", default=str(PROJECT_ROOT / "warehouse" / "demo_delivery"))
    d.add_argument("--inwoners", type=int, default=26000)
    d.add_argument("--start", default="2019-01")
    d.add_argument("--end", default="2024-12")
    d.add_argument("--seed", type=int, default=1)
    d.set_defaults(func=cmd_demo)
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """sdw's arguments; for `sdw build` the ones it does not know are dbt's (args.dbt_args)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "build":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:
        args.dbt_args = extra[1:] if extra[0] == "--" else extra
    return args


def main(argv: list[str] | None = None) -> int:
    from ingest.warehouse import WarehouseLocked  # noqa: PLC0415

    args = parse_args(argv)
    try:
        return int(args.func(args))
    except WarehouseLocked as exc:
        print(f"sdw {args.command}: {exc}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
