"""The council report (`sdw report`): its declaration, its figures on hand-made editions with
hand-computed values, and the demo's report read as a reader would, in headless Chromium.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml
from playwright.sync_api import sync_playwright

from ingest.contract import PROJECT_ROOT
from ingest.publish import CURRENT, publish
from ingest.report import (
    ONDERDRUKT,
    Bron,
    Editie,
    Kpi,
    ReportError,
    Sectie,
    achteraf_gewijzigd,
    choose_editions,
    formatteer,
    kaart,
    make_report,
    read_sections,
    verschil,
)

SDW = str(Path(sys.executable).with_name("sdw"))

# ---------------------------------------------------------------------------------------------
# The declaration


def _model_columns() -> dict[str, set[str]]:
    columns: dict[str, set[str]] = {}
    for yml in (PROJECT_ROOT / "models").rglob("*.yml"):
        for model in (yaml.safe_load(yml.read_text(encoding="utf-8")) or {}).get("models") or []:
            columns[model["name"]] = {c["name"] for c in model.get("columns") or []}
    return columns


def test_every_section_reads_only_the_marts_its_exposure_declares() -> None:
    """The exposures are the report's declaration: what a section's KPIs read is exactly what its
    depends_on names (so dbt docs draws the true lineage), and every column a KPI reads is a
    documented column of that mart."""
    sections = read_sections()
    assert [s.titel for s in sections] == [
        "Wmo",
        "Jeugd",
        "Participatiewet",
        "Financiën",
        "Stapeling",
        "KPI-scorecard",
    ]
    columns = _model_columns()
    for s in sections:
        read = {k.mart for k in s.kpis} | {"rpt_scorecard" for k in s.kpis if k.doel}
        read |= {s.scorecard} if s.scorecard else set()
        read |= {s.vergelijking.mart} if s.vergelijking else set()
        assert read == set(s.marts), s.naam
        for k in [*s.kpis, *([s.vergelijking] if s.vergelijking else [])]:
            used = {k.waarde, k.records, k.categorie, *k.filter, *k.kolommen}
            used |= set((k.uitsplitsing or {}).values())
            used.discard(None)
            used.discard("")
            assert used <= columns[k.mart], (k.code, used - columns[k.mart])


def test_the_manifest_holds_the_report_exposures(tmp_path: Path) -> None:
    """dbt parses the exposures: `dbt docs` shows the lineage from the marts up to the report."""
    env = dict(os.environ, DBT_TARGET_PATH=str(tmp_path / "target"), DO_NOT_TRACK="1")
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    env["SDW_WAREHOUSE"] = str(tmp_path / "sdw.duckdb")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "parse"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text(encoding="utf-8"))
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert set(exposures) == {s.naam for s in read_sections()}
    assert (
        "model.sociaal_domein_warehouse.mart_jeugd_zwaarte"
        in (exposures["rapport_jeugd"]["depends_on"]["nodes"])
    )


def test_a_declaration_error_names_the_kpi(tmp_path: Path) -> None:
    bad = tmp_path / "x.yml"
    bad.write_text(
        "exposures:\n  - name: r\n    depends_on: [ref('m')]\n    meta:\n      sectie: S\n"
        "      kpis:\n        - {code: k1, titel: T, mart: m, eenheid: stuks, periode: maand}\n",
        encoding="utf-8",
    )
    with pytest.raises(ReportError, match=r"r\.k1: unknown eenheid 'stuks'"):
        read_sections(bad)


# ---------------------------------------------------------------------------------------------
# Formatting


def test_numbers_are_written_the_dutch_way_and_suppressed_cells_never_as_a_number() -> None:
    assert formatteer(12345, "aantal") == "12.345"
    assert formatteer(0.9512, "aandeel") == "95,1 %"
    assert formatteer(1234.5, "euro") == "€ 1.235"  # half away from zero, as a reader rounds
    assert formatteer(-2.5, "verschil") == "-3"
    assert formatteer(1.05, "ratio") == "1,05"
    assert formatteer(7.25, "uren") == "7,3"
    assert formatteer(None, "aantal") == ONDERDRUKT
    assert verschil(0.90, 0.95, "aandeel") == "−5,0 %-punt"
    assert verschil(60, 40, "aantal") == "+20"
    assert verschil(5, 5, "aantal") == "±0"
    assert verschil(None, 40, "aantal") is None


# ---------------------------------------------------------------------------------------------
# Figures on two hand-made editions

GEBRUIK = """
create table marts.mart_gebruik (
    gemeente_code varchar, periode_type varchar, periode_start date, periode_eind date,
    periode_label varchar, wet_code varchar, productcategorie_code varchar,
    productcategorie_omschrijving varchar, aantal_unieke_clienten integer,
    aantal_unieke_clienten_is_onderdrukt boolean, aantal_actieve_voorzieningen integer,
    aantal_actieve_voorzieningen_is_onderdrukt boolean
)"""
SCORECARD = """
create table marts.rpt_scorecard (
    gemeente_code varchar, wet_code varchar, kpi_code varchar, kpi_omschrijving varchar,
    periode_type varchar, periode_start date, periode_eind date, periode_label varchar,
    waarde decimal(18, 4), waarde_is_onderdrukt boolean, eenheid varchar,
    doelwaarde decimal(18, 4), richting varchar, is_doel_gehaald boolean
)"""
TIJDIGHEID = """
create table marts.mart_tijdigheid (
    gemeente_code varchar, periode_type varchar, periode_start date, periode_eind date,
    periode_label varchar, wet_code varchar, aandeel_tijdig decimal(18, 4),
    aandeel_tijdig_is_onderdrukt boolean, aantal_besluiten integer,
    aantal_besluiten_is_onderdrukt boolean
)"""


def _month(month: str, clients: int | None, records: int | None) -> tuple:
    start = date.fromisoformat(month + "-01")
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    end = date.fromordinal(end.toordinal() - 1)
    return (
        "GM0001", "maand", start, end, month, "WMO", "totaal", "Totaal",
        clients, clients is None, records, records is None,
    )  # fmt: skip


def _edition(
    root: Path, label: str, kennisdatum: str, months: list[tuple], extra: str = ""
) -> Editie:
    folder = root / ".edities" / f"{label}-x"
    folder.mkdir(parents=True)
    con = duckdb.connect(str(folder / "sdw.duckdb"))
    con.execute("create schema marts")
    con.execute(GEBRUIK)
    con.execute("comment on column marts.mart_gebruik.aantal_unieke_clienten is 'Unieke cliënten.'")
    con.executemany(f"insert into marts.mart_gebruik values ({', '.join('?' * 12)})", months)
    con.execute(
        "create table marts.publicatie (mart varchar, rijen bigint, kennisdatum date, "
        "gebouwd_op timestamp, project_versie varchar, editie varchar)"
    )
    con.execute(
        "insert into marts.publicatie values ('mart_gebruik', ?, ?, now(), '0.1.0', ?)",
        [len(months), kennisdatum, label],
    )
    if extra:
        con.execute(extra)
    con.close()
    (root / label).symlink_to(f".edities/{label}-x")
    return Editie(label, date.fromisoformat(kennisdatum), "", root / label / "sdw.duckdb")


KPI = Kpi(
    code="wmo_clienten",
    titel="Unieke cliënten Wmo",
    mart="mart_gebruik",
    waarde="aantal_unieke_clienten",
    eenheid="aantal",
    periode="maand",
    filter={"wet_code": "WMO", "productcategorie_code": "totaal"},
    records="aantal_actieve_voorzieningen",
)
SECTIE = Sectie("rapport_wmo", "Wmo", ("mart_gebruik",), (KPI,))


class _NoCharts:
    def trend(self, *_args: object) -> str:
        return "<svg/>"

    def kolommen(self, *_args: object) -> str:
        return "<svg/>"


@pytest.fixture
def two_editions(tmp_path: Path) -> tuple[Path, Editie, Editie]:
    root = tmp_path / "publicatie"
    root.mkdir()
    old = _edition(
        root,
        "2024-03-31",
        "2024-03-31",
        [
            _month("2023-06", 40, 45),
            _month("2024-01", 50, 58),
            _month("2024-02", 51, 60),
            _month("2024-03", 7, 9),
        ],
    )
    new = _edition(
        root,
        "2024-06-30",
        "2024-06-30",
        [
            _month("2023-06", 40, 45),
            _month("2024-01", 50, 58),
            _month("2024-02", 52, 62),  # a late record: 51 -> 52 clients, 60 -> 62 records
            _month("2024-03", None, None),  # a correction made the month suppressed
            _month("2024-04", 55, 63),
            _month("2024-05", 57, 64),
            _month("2024-06", 60, 66),
        ],
        extra=f"""{SCORECARD}; {TIJDIGHEID};
        insert into marts.rpt_scorecard values
          ('GM0001', 'WMO', 'tijdigheid', 'Besluit binnen 8 weken', 'kwartaal', '2024-04-01',
           '2024-06-30', '2024-K2', 0.9, false, 'aandeel', 0.95, 'minimum', false),
          ('GM0001', 'WMO', 'tijdigheid', 'Besluit binnen 8 weken', 'kwartaal', '2024-01-01',
           '2024-03-31', '2024-K1', 0.96, false, 'aandeel', 0.95, 'minimum', true);
        insert into marts.mart_tijdigheid values
          ('GM0001', 'kwartaal', '2024-01-01', '2024-03-31', '2024-K1', 'WMO', 0.96, false,
           50, false),
          ('GM0001', 'kwartaal', '2024-04-01', '2024-06-30', '2024-K2', 'WMO', 0.90, false,
           40, false)
        """,
    )
    (root / CURRENT).symlink_to("2024-06-30")
    return root, old, new


def test_the_card_shows_the_latest_value_and_its_changes(two_editions) -> None:
    """Latest month 2024-06: 60 clients; a year earlier (2023-06) 40: +20; the previous
    edition's latest figure was 2024-03 with 7: +53."""
    _root, old, new = two_editions
    bron, vorige = Bron(new), Bron(old)
    try:
        card = kaart(bron, vorige, KPI, "GM0001", _NoCharts())  # type: ignore[arg-type]
    finally:
        bron.close()
        vorige.close()
    assert card.laatste is not None and (card.laatste.label, card.laatste.waarde) == ("2024-06", 60)
    assert card.jaar_eerder is not None and card.jaar_eerder.label == "2023-06"
    assert verschil(card.laatste.waarde, card.jaar_eerder.waarde, "aantal") == "+20"
    assert card.vorige_editie is not None and card.vorige_editie.label == "2024-03"
    assert verschil(card.laatste.waarde, card.vorige_editie.waarde, "aantal") == "+53"
    assert card.definitie == "Unieke cliënten."
    assert [p.label for p in card.trend] == [
        "2023-06", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
    ]  # fmt: skip
    assert card.trend[3].onderdrukt and card.trend[3].waarde is None


def test_the_target_is_the_scorecards_judgement_of_the_same_period(two_editions) -> None:
    """2024-K2: 90 % against a minimum of 95 %: not met, as rpt_scorecard judged it."""
    _root, _old, new = two_editions
    kpi = Kpi(
        code="t",
        titel="Tijdig",
        mart="mart_tijdigheid",
        waarde="aandeel_tijdig",
        eenheid="aandeel",
        periode="kwartaal",
        filter={"wet_code": "WMO"},
        doel={"kpi_code": "tijdigheid", "wet_code": "WMO"},
        records="aantal_besluiten",
    )
    bron = Bron(new)
    try:
        card = kaart(bron, None, kpi, "GM0001", _NoCharts())  # type: ignore[arg-type]
    finally:
        bron.close()
    assert card.laatste is not None and card.laatste.label == "2024-K2"
    assert card.doel == {"waarde": 0.95, "richting": "minimum", "gehaald": False}
    assert card.trend_periode == "kwartaal"  # the mart has no months for this series


def test_figures_changed_afterwards_list_old_new_and_records(two_editions) -> None:
    """Of the months the old edition covered (up to 2024-03-31), 2024-02 went from 51 to 52 with
    60 then 62 records, and 2024-03 from 7 to suppressed; 2023-06 and 2024-01 are unchanged, and
    months after the old knowledge date are new, not changed."""
    _root, old, new = two_editions
    bron, vorige = Bron(new), Bron(old)
    try:
        changes = achteraf_gewijzigd(bron, vorige, SECTIE, KPI, "GM0001")
    finally:
        bron.close()
        vorige.close()
    assert [(c.periode, c.oud, c.nieuw, c.verschil, c.records) for c in changes] == [
        ("2024-02", "51", "52", "+1", "60 → 62"),
        ("2024-03", "7", ONDERDRUKT, None, f"9 → {ONDERDRUKT}"),
    ]


def test_the_current_edition_is_compared_with_the_one_before(two_editions) -> None:
    root, _old, _new = two_editions
    edition, previous = choose_editions(root)
    assert (edition.label, previous and previous.label) == ("2024-06-30", "2024-03-31")
    edition, previous = choose_editions(root, "2024-03-31")
    assert (edition.label, previous) == ("2024-03-31", None)
    with pytest.raises(ReportError, match="no edition '2023-12-31'"):
        choose_editions(root, "2023-12-31")


KERNCIJFERS = """
create table marts.mart_kerncijfers_per_1000 (
    gemeente_code varchar, periode_type varchar, periode_start date, periode_eind date,
    periode_label varchar, wijk_code varchar, leeftijd_klasse varchar,
    kerncijfer_omschrijving varchar, per_1000_inwoners decimal(18, 4),
    per_1000_inwoners_is_onderdrukt boolean
)"""


def test_a_region_gets_every_section_per_gemeente_and_a_comparison(tmp_path: Path) -> None:
    """Two municipalities: each section once per gemeente, and the comparison page per 1,000
    inhabitants of the latest year (2024; 2023 is older) side by side, a suppressed rate as the
    mark."""
    root = tmp_path / "publicatie"
    root.mkdir()
    other = [("GM0002", *m[1:]) for m in [_month("2024-06", 30, 33)]]
    _edition(
        root,
        "2024-06-30",
        "2024-06-30",
        [_month("2024-06", 60, 66), *other],
        extra=f"""{KERNCIJFERS};
        insert into marts.mart_kerncijfers_per_1000 values
          ('GM0001', 'jaar', '2024-01-01', '2024-12-31', '2024', 'totaal', 'totaal',
           'Unieke Wmo-cliënten', 61.25, false),
          ('GM0002', 'jaar', '2024-01-01', '2024-12-31', '2024', 'totaal', 'totaal',
           'Unieke Wmo-cliënten', null, true),
          ('GM0001', 'jaar', '2023-01-01', '2023-12-31', '2023', 'totaal', 'totaal',
           'Unieke Wmo-cliënten', 12.5, false),
          ('GM0001', 'jaar', '2024-01-01', '2024-12-31', '2024', 'WK000101', 'totaal',
           'Unieke Wmo-cliënten', 99.0, false)
        """,
    )
    (root / CURRENT).symlink_to("2024-06-30")
    made = make_report(root, tmp_path / "rapport", pdf=False)
    assert (made.gemeenten, made.vorige) == (["GM0001", "GM0002"], None)
    page = made.html.read_text(encoding="utf-8")
    for gemeente in made.gemeenten:
        for section in read_sections():
            assert f'id="{gemeente}-{section.naam}"' in page
    comparison = page.split('id="vergelijking"')[1]
    one = make_report(root, tmp_path / "een", pdf=False, alleen=["GM0002"])
    assert one.gemeenten == ["GM0002"]
    assert 'id="GM0001-rapport_wmo"' not in one.html.read_text(encoding="utf-8")
    with pytest.raises(ReportError, match="has no figures of GM0404"):
        make_report(root, tmp_path / "geen", pdf=False, alleen=["GM0404"])
    assert "Kerncijfers per 1.000 inwoners, 2024, per gemeente" in comparison
    row = re.search(r"<tr><th>Unieke Wmo-cliënten</th>(.*?)</tr>", comparison)
    assert row and re.findall(r'<span class="(\w+)"[^>]*>([^<]*)</span>', row.group(1)) == [
        ("w", "61,3"),
        ("onderdrukt", ONDERDRUKT),
    ]


def test_sdw_report_without_editions_says_what_to_do(tmp_path: Path) -> None:
    result = subprocess.run(
        [SDW, "--warehouse", str(tmp_path / "sdw.duckdb"), "report", "--geen-pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "no editions in" in result.stderr and "sdw publish" in result.stderr


# ---------------------------------------------------------------------------------------------
# The demo's report, read as a reader would

EARLIER = "2024-06-30"
SECTIONS = ["rapport_wmo", "rapport_jeugd", "rapport_participatie", "rapport_financien"]
SECTIONS += ["rapport_stapeling", "rapport_scorecard", "gewijzigd", "vergelijking"]


def _chromium() -> str:
    for name in ("chromium-headless-shell", "chromium"):
        if path := shutil.which(name):
            return path
    pytest.fail("no headless Chromium: scripts/setup.sh installs Debian's chromium-headless-shell")


@pytest.fixture(scope="module")
def demo_report(demo_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's current edition (knowledge date 2024-12-31) and an earlier edition built at
    2024-06-30 by `sdw publish --kennisdatum`, then `sdw report` of the current one."""
    root = tmp_path_factory.mktemp("rapport")
    shutil.copy(demo_built, root / "sdw.duckdb")
    latest = publish(root / "sdw.duckdb", root / "publicatie")
    env = dict(
        os.environ,
        DBT_TARGET_PATH=str(root / "target"),
        DBT_LOG_PATH=str(root / "logs"),
        DO_NOT_TRACK="1",
    )
    sdw = [SDW, "--warehouse", str(root / "sdw.duckdb")]
    earlier = subprocess.run(
        [*sdw, "publish", "--kennisdatum", EARLIER],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert earlier.returncode == 0, earlier.stdout[-3000:] + earlier.stderr[-2000:]
    made = subprocess.run(
        [*sdw, "report", "--editie", latest.label, "--uit", str(root / "rapport")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
    assert f"report of edition {latest.label}, compared with edition {EARLIER}" in made.stdout
    return root / "rapport" / f"monitor-{latest.label}.html"


def test_the_report_reads_as_a_council_member_would(demo_report: Path) -> None:
    """Opened in headless Chromium with no network: every section is there and photographed,
    every chart drew marks, nothing asked for a file or a server, no JavaScript error, every card
    has a value or the suppression mark, no count from 1 to 4 outside the footnotes, and the
    change since the earlier edition is shown."""
    shots = demo_report.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(demo_report.as_uri())
        page.wait_for_load_state("load")

        found = page.eval_on_selector_all("section.sectie", "s => s.map(x => x.dataset.sectie)")
        assert found == SECTIONS
        for name in SECTIONS:
            section = page.locator(f'section[data-sectie="{name}"]')
            section.screenshot(path=str(shots / f"{name}.png"))
            assert (shots / f"{name}.png").stat().st_size > 10_000, name

        marks = page.eval_on_selector_all(
            "figure.grafiek svg",
            "svgs => svgs.map(s => s.querySelectorAll('.role-mark > *').length)",
        )
        assert len(marks) >= 25 and min(marks) > 0, marks
        cards = page.eval_on_selector_all(
            "article.kpi",
            """cs => cs.map(c => [c.dataset.kpi,
                 (c.querySelector('.waarde') || c.querySelector('table.uitsplitsing td'))
                   ?.innerText.trim() || ''])""",
        )
        assert len(cards) == sum(len(s.kpis) for s in read_sections())
        for code, value in cards:
            assert value == ONDERDRUKT or re.fullmatch(r"(€ )?[\d.]+(,\d+)?( %)?", value), (
                code,
                value,
            )
        counts = page.eval_on_selector_all(".n", "ns => ns.map(n => n.innerText.trim())")
        assert counts and not [c for c in counts if c in {"1", "2", "3", "4"}]
        # every other text a reader sees, but footnotes, definitions, changes (.delta), a
        # difference of two published counts (.verschil: the afname of the bestand, which the
        # edition publishes as a derived figure) and category and period labels: no stand-alone
        # integer from 1 to 4 anywhere
        text = page.evaluate(
            """() => { const c = document.body.cloneNode(true);
                 c.querySelectorAll(
                   'svg, th, .voetnoot, .definitie, .delta, .verschil, .periode, nav')
                  .forEach(e => e.remove());
                 return c.innerText; }"""
        )
        small = re.findall(r"(?<![\w.,+−-])[1-4](?![\w.,%+])", text)
        assert not small, small
        changed = page.locator("table.gewijzigd tbody tr").count()
        assert changed > 0
        assert page.get_by_text(f"t.o.v. vorige editie ({EARLIER}").count() >= 20
        browser.close()
    assert not errors, errors
    assert all(u.startswith(("file:", "data:")) for u in requests), requests


def test_the_definition_beside_a_figure_is_its_dbt_documentation(
    demo_report: Path, demo_built: Path
) -> None:
    """One text, two places: the card's definition is the column description dbt docs show; and
    the file loads nothing: no script, no stylesheet or image from elsewhere."""
    page = demo_report.read_text(encoding="utf-8")
    target = demo_built.parent / "target" / "manifest.json"
    manifest = json.loads(target.read_text(encoding="utf-8"))
    node = manifest["nodes"]["model.sociaal_domein_warehouse.mart_tijdigheid"]
    description = " ".join(node["columns"]["aandeel_tijdig"]["description"].split())
    text = re.sub(r"\s+", " ", html.unescape(page))
    assert description and f"(mart_tijdigheid.aandeel_tijdig): {description}" in text
    assert not re.search(r"<script|<link|<img|<iframe|url\((?!data:)|src=|@import", page)


def test_the_pdf_holds_a_page_per_section(demo_report: Path) -> None:
    pdf = demo_report.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= len(SECTIONS), pages
