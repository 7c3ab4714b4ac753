"""The synthetic delivery generator: dialects, validity, determinism and realism; several
municipalities, Parquet, chunks and processes."""

from __future__ import annotations

import csv
import io
import itertools
import re
import statistics
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ingest.cli import main as cli_main
from ingest.contract import EXTRACTS, SEEDS_DIR, bsn_is_valid, code_list, code_list_per_wet
from ingest.generator import generate
from ingest.generator.regions import (
    BSN_SPACE,
    CHUNK_INWONERS,
    Gemeente,
    bsns,
    plan,
    read_gemeenten,
    split,
)
from ingest.generator.seeds import write_seeds

INWONERS = 5000
START, END = "2019-01", "2021-12"
FIRST, LAST = date(2019, 1, 1), date(2021, 12, 31)
SEED = 7

# file -> (encoding used to read it back, separator)
DIALECTS = {
    "beschikkingen": ("utf-8-sig", ";"),
    "declaraties": ("utf-8", ","),
    "uitkeringen": ("cp1252", ";"),
    "verwijzers": ("utf-8", ","),
}
BOOLEANS = {"", "true", "false", "ja", "nee", "j", "n", "yes", "no", "1", "0"}


# --- helpers ------------------------------------------------------------------------------------


def parse_date(value: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    if re.fullmatch(r"\d{2}-\d{2}-\d{4}", value):
        day, month, year = value.split("-")
        return date(int(year), int(month), int(day))
    raise ValueError(value)


def opt_date(value: str) -> date | None:
    return parse_date(value) if value else None


def parse_decimal(value: str) -> Decimal:
    if "." in value and "," in value:
        raise ValueError(value)
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation as exc:
        raise ValueError(value) from exc


def read(out: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    encoding, sep = DIALECTS[name]
    text = (out / f"{name}.csv").read_bytes().decode(encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def row_problems(name: str, row: dict[str, str]) -> list[str]:
    """Every rule of the contract the row breaks (empty list: the row is valid)."""
    extract = EXTRACTS[name]
    problems: list[str] = []
    for col in extract.columns:
        value = row[col.name].strip()
        if not value:
            if col.required and not (
                col.name == "volume" and name == "beschikkingen" and row["frequentie"] == "6"
            ):
                problems.append(f"{col.name} missing")
            continue
        try:
            if col.kind == "date":
                parse_date(value)
            elif col.kind == "decimal":
                parse_decimal(value)
            elif col.kind == "integer":
                int(value)
            elif col.kind == "boolean" and value.lower() not in BOOLEANS:
                problems.append(f"{col.name} not a boolean")
            elif col.kind == "bsn" and not bsn_is_valid(value):
                problems.append("bsn 11-proof")
        except ValueError:
            problems.append(f"{col.name} unparsable")
        if col.codes and value not in code_list(col.codes):
            problems.append(f"{col.name} unknown code")
        if col.pattern and not re.fullmatch(col.pattern, value):
            problems.append(f"{col.name} pattern")
    for col, list_name in extract.per_wet_codes:
        value = row[col].strip()
        if value and (row["wet"], value) not in code_list_per_wet(list_name):
            problems.append(f"{col} not valid for wet")
    for earlier, later in extract.date_order:
        try:
            a, b = opt_date(row[earlier]), opt_date(row[later])
        except ValueError:
            continue
        if a and b and b < a:
            problems.append(f"{later} before {earlier}")
    return problems


def current(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    """Latest version per business key (by registratiedatum, then file order)."""
    latest: dict[str, dict[str, str]] = {}
    for row in rows:
        old = latest.get(row[key])
        if old is None or parse_date(row["registratiedatum"]) >= parse_date(
            old["registratiedatum"]
        ):
            latest[row[key]] = row
    return latest


def active_on(row: dict[str, str], day: date) -> bool:
    eind = opt_date(row["einddatum"])
    return parse_date(row["ingangsdatum"]) <= day and (eind is None or eind >= day)


def age(birth: str, day: date) -> int:
    b = parse_date(birth)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("gen")
    return out, generate(out, INWONERS, START, END, SEED)


@pytest.fixture(scope="module")
def data(run: tuple[Path, dict[str, int]]) -> dict[str, list[dict[str, str]]]:
    out, _ = run
    return {name: read(out, name)[1] for name in DIALECTS}


@pytest.fixture(scope="module")
def besch(data: dict[str, list[dict[str, str]]]) -> list[dict[str, str]]:
    """Current, not withdrawn beschikkingen: the voorzieningen."""
    cur = current(data["beschikkingen"], "beschikking_id").values()
    return [r for r in cur if r["ingetrokken"] != "ja"]


# --- files, dialects, determinism ---------------------------------------------------------------


def test_headers_dialects_and_row_counts(run, data):
    out, result = run
    raw = {name: (out / f"{name}.csv").read_bytes() for name in DIALECTS}
    assert raw["beschikkingen"].startswith(b"\xef\xbb\xbf")
    for name in ("declaraties", "uitkeringen", "verwijzers"):
        assert not raw[name].startswith(b"\xef\xbb\xbf")
    for name in DIALECTS:
        header, rows = read(out, name)
        assert tuple(header) == EXTRACTS[name].column_names
        assert result[name] == len(rows) > 0
    assert raw["beschikkingen"].splitlines()[0].count(b";") == 27
    assert raw["declaraties"].splitlines()[0].count(b",") == 15
    raw["uitkeringen"].decode("cp1252")
    assert "é" in raw["verwijzers"].decode("utf-8")
    assert "broken_rows" not in result


def test_same_seed_same_bytes_other_seed_other_bytes(run, tmp_path):
    out, result = run
    again = generate(tmp_path / "a", INWONERS, START, END, SEED)
    other = generate(tmp_path / "b", INWONERS, START, END, SEED + 1)
    assert again == result
    for name in DIALECTS:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes()
    for name in ("beschikkingen", "declaraties", "uitkeringen"):
        assert (tmp_path / "b" / f"{name}.csv").read_bytes() != (out / f"{name}.csv").read_bytes()
    assert other["beschikkingen"] != result["beschikkingen"]


def test_every_row_valid_under_the_contract(data):
    for name, rows in data.items():
        bad = [(i, p) for i, r in enumerate(rows) if (p := row_problems(name, r))]
        assert bad == [], f"{name}: {bad[:3]}"


def test_mixed_date_formats_decimal_commas_and_booleans(data):
    dates = [r[c] for r in data["beschikkingen"] for c in ("ingangsdatum", "besluitdatum")]
    iso = sum(1 for v in dates if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)) / len(dates)
    assert 0.05 < iso < 0.15
    assert any("," in r["tarief"] for r in data["beschikkingen"])
    assert {r["ingetrokken"] for r in data["beschikkingen"]} == {"", "nee", "ja"}
    assert all("," not in r["bedrag"] for r in data["declaraties"])
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["periode_begin"]) for r in data["declaraties"])
    assert all("." not in r["bedrag"] for r in data["uitkeringen"])
    for name in ("beschikkingen", "uitkeringen"):
        codes = Counter(r["gemeente_code"] for r in data[name])
        assert set(codes) == {"", "GM9999"} and codes[""] > codes["GM9999"]


def test_broken_rows(tmp_path):
    result = generate(tmp_path, 1000, "2020-01", "2020-12", 3, broken=True)
    per_file = {
        n: result[f"broken_rows_{n}"] for n in ("beschikkingen", "declaraties", "uitkeringen")
    }
    assert result["broken_rows"] == sum(per_file.values()) >= 15
    for name, expected in per_file.items():
        _, rows = read(tmp_path, name)
        assert len(rows) == result[name]
        assert sum(1 for r in rows if row_problems(name, r)) == expected
    text = (tmp_path / "beschikkingen.csv").read_text(encoding="utf-8-sig")
    for needle in ("31-02-2021", "1.234,56", ";99;", "123456780"):
        assert needle in text
    assert "2021-13-01" in (tmp_path / "declaraties.csv").read_text(encoding="utf-8")


# --- persons, households, rates -----------------------------------------------------------------


def test_bsns_persons_and_households(data):
    births: dict[str, str] = {}
    for name in ("beschikkingen", "declaraties", "uitkeringen"):
        for r in data[name]:
            assert bsn_is_valid(r["bsn"])
            if "geboortedatum" in r:
                b = parse_date(r["geboortedatum"])
                assert births.setdefault(r["bsn"], b.isoformat()) == b.isoformat()
    hh_b = {r["huishouden_id"] for r in data["beschikkingen"]}
    hh_u = {r["huishouden_id"] for r in data["uitkeringen"]}
    assert len(hh_b & hh_u) >= 10
    assert all(re.fullmatch(r"[1-9]\d{3} ?[A-Z]{2}", r["postcode"]) for r in data["beschikkingen"])
    wijken = Counter({r["huishouden_id"]: r["wijk_code"] for r in data["beschikkingen"]}.values())
    assert len(wijken) == 8 and min(wijken.values()) >= 10


def test_rates_on_a_peildatum(besch, data):
    day = date(2020, 6, 30)
    wmo = {r["bsn"] for r in besch if r["wet"] == "WMO" and active_on(r, day)}
    jw = {r["bsn"] for r in besch if r["wet"] == "JW" and active_on(r, day)}
    pw = {r["huishouden_id"] for r in data["uitkeringen"] if r["betaalmaand"] == "2020-06"}
    assert 60 <= len(wmo) * 1000 / INWONERS <= 85
    assert 65 <= len(jw) <= 135  # about 500 per 26,000 inhabitants
    assert 40 <= len(pw) <= 80  # about 300 per 26,000 inhabitants
    # The stock is roughly stable over the years.
    for month in ("2019-01", "2021-12"):
        n = len({r["huishouden_id"] for r in data["uitkeringen"] if r["betaalmaand"] == month})
        assert abs(n - len(pw)) <= 0.35 * len(pw)


def test_client_ages(besch):
    wmo = [
        age(r["geboortedatum"], parse_date(r["ingangsdatum"])) for r in besch if r["wet"] == "WMO"
    ]
    jw = [age(r["geboortedatum"], parse_date(r["ingangsdatum"])) for r in besch if r["wet"] == "JW"]
    assert sum(a >= 65 for a in wmo) / len(wmo) > 0.55
    assert min(wmo) >= 17
    assert sum(a < 18 for a in jw) / len(jw) > 0.75
    assert max(jw) <= 22 and any(a >= 18 for a in jw)


def test_product_mix_leveringsvorm_and_tarieven(besch):
    wmo = Counter(r["productcategorie"] for r in besch if r["wet"] == "WMO")
    jw = Counter(r["productcategorie"] for r in besch if r["wet"] == "JW")
    assert {c for c, _ in wmo.most_common(2)} == {"01", "02"}
    assert (wmo["01"] + wmo["02"]) / sum(wmo.values()) > 0.5
    assert all(wmo[c] > 0 for c in ("07", "08", "11", "12", "13", "14", "15"))
    assert wmo["15"] < wmo["07"]
    assert jw.most_common(1)[0][0] == "45"
    verblijf = sum(jw[c] for c in ("35", "36", "37", "38", "43", "44"))
    assert 0 < verblijf < jw["45"] / 2
    assert jw["47"] + jw["48"] > 0
    totaal = [r for r in besch if r["frequentie"] == "6"]
    assert {r["eenheid"] for r in totaal} >= {"82", "83"}
    for r in besch:
        assert re.fullmatch(r"[0-9A-Z]{5}", r["productcode"])
        if r["eenheid"] == "14" and r["leveringsvorm"] == "ZIN" and r["tarief"]:
            assert 140 <= float(r["tarief"].replace(",", ".")) <= 420
        if r["eenheid"] == "04" and r["leveringsvorm"] == "ZIN" and r["tarief"]:
            assert 30 <= float(r["tarief"].replace(",", ".")) <= 120
    pgb = [r for r in besch if r["leveringsvorm"] == "PGB"]
    assert 0.05 < len(pgb) / len(besch) < 0.13
    assert all(r["aanbieder_agb"] == "" for r in pgb)
    agbs = {r["aanbieder_agb"] for r in besch if r["leveringsvorm"] == "ZIN"}
    assert 10 <= len(agbs) <= 15 and all(re.fullmatch(r"\d{8}", a) for a in agbs)


def test_verwijzers(besch, data):
    # Per client and verwijzer type: herindicaties repeat the verwijzer of the first referral.
    referrals = {(r["bsn"], r["verwijzer_type"]) for r in besch if r["wet"] == "JW"}
    jw = Counter(vtype for _, vtype in referrals)
    wmo = Counter(r["verwijzer_type"] for r in besch if r["wet"] == "WMO")
    assert jw.most_common(2)[0][0] == "02" and jw.most_common(2)[1][0] == "01"
    assert {"03", "04", "05", "06", "08"} <= set(jw)
    assert wmo["01"] / sum(wmo.values()) > 0.85 and set(wmo) == {"01", "06"}
    versions = Counter(r["verwijzer_id"] for r in data["verwijzers"])
    assert 1 <= sum(n > 1 for n in versions.values()) <= 3
    types = {r["verwijzer_id"]: r["verwijzer_type"] for r in data["verwijzers"]}
    assert any(
        r["naam"].endswith("wijkteam") and r["verwijzer_type"] == "01" for r in data["verwijzers"]
    )
    for r in besch:
        if r["verwijzer_id"]:
            assert types[r["verwijzer_id"]] == r["verwijzer_type"]
        else:
            assert r["verwijzer_type"] == "06"


# --- situations in the beschikkingen ------------------------------------------------------------


def _by_client_product(besch):
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in besch:
        groups[(r["wet"], r["bsn"], r["productcode"])].append(r)
    for rows in groups.values():
        rows.sort(key=lambda r: parse_date(r["ingangsdatum"]))
    return groups


def _omvang(r):
    return (r["volume"], r["eenheid"], r["frequentie"])


def test_herindicaties_gaps_and_omvang_changes(besch):
    same, other, one_day_gap = 0, 0, 0
    for rows in _by_client_product(besch).values():
        for prev, nxt in itertools.pairwise(rows):
            if not prev["einddatum"]:
                continue
            delta = (parse_date(nxt["ingangsdatum"]) - parse_date(prev["einddatum"])).days
            if delta == 1 and _omvang(prev) == _omvang(nxt):
                same += 1
            elif delta == 1:
                other += 1
            elif delta == 2:
                one_day_gap += 1
    assert same >= 50 and other >= 10 and one_day_gap >= 5


def test_new_and_returning_clients(besch):
    spells: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for r in besch:
        eind = opt_date(r["einddatum"]) or date.max
        spells[(r["wet"], r["bsn"])].append((parse_date(r["ingangsdatum"]), eind))
    new = returning = 0
    for items in spells.values():
        items.sort()
        if items[0][0] > FIRST + timedelta(days=60):
            new += 1
        ends = items[0][1]
        for ingang, eind in items[1:]:
            if ends != date.max and (ingang - ends).days >= 300:
                returning += 1
                break
            ends = max(ends, eind)
    assert new >= 100 and returning >= 3


def test_stapeling_within_wet(besch):
    day = date(2020, 6, 30)
    products: dict[str, set[str]] = defaultdict(set)
    for r in besch:
        if active_on(r, day):
            products[r["bsn"]].add(r["productcode"])
    classes = Counter(min(len(p), 4) for p in products.values())
    assert classes[1] > classes[2] > classes[3] > 0 and classes[4] >= 1


def test_households_in_every_combination_of_wetten(besch, data):
    wetten: dict[str, set[str]] = defaultdict(set)
    for r in besch:
        wetten[r["huishouden_id"]].add(r["wet"])
    for r in data["uitkeringen"]:
        wetten[r["huishouden_id"]].add("PW")
    combos = Counter(frozenset(w) for w in wetten.values())
    for combo in ("WMO", "JW", "PW", "WMO JW", "WMO PW", "JW PW", "WMO JW PW"):
        assert combos[frozenset(combo.split())] >= 1, combo


def test_mass_stop_and_restart_at_the_turn_of_2020(besch):
    stop = date(2020, 12, 31)
    running = [
        r
        for r in besch
        if r["wet"] == "WMO" and r["productcategorie"] in ("01", "02") and active_on(r, stop)
    ]
    assert len(running) >= 100
    starts = {
        (r["bsn"], r["productcode"], *_omvang(r))
        for r in besch
        if r["wet"] == "WMO" and parse_date(r["ingangsdatum"]) == stop + timedelta(days=1)
    }
    stopped = [r for r in running if r["reden_beeindiging"] == "36"]
    assert len(stopped) > 0.8 * len(running)
    for r in running:  # all end that day: by the mass stop, or (a few) as planned
        assert parse_date(r["einddatum"]) == stop
    for r in stopped:
        assert (r["bsn"], r["productcode"], *_omvang(r)) in starts


def test_versions_corrections_withdrawals_open_ends_and_reden(data, besch):
    rows = data["beschikkingen"]
    by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_id[r["beschikking_id"]].append(r)
    withdrawn = [i for i, v in by_id.items() if v[-1]["ingetrokken"] == "ja"]
    versioned = [i for i, v in by_id.items() if len(v) > 1 and v[-1]["ingetrokken"] != "ja"]
    volume_corrected = [i for i, v in by_id.items() if v[0]["volume"] != v[-1]["volume"]]
    end_changed = [i for i, v in by_id.items() if v[0]["einddatum"] != v[-1]["einddatum"]]
    assert 0.003 < len(withdrawn) / len(by_id) < 0.025
    assert 0.005 < len(volume_corrected) / len(by_id) < 0.05
    assert len(end_changed) > len(volume_corrected)
    assert len(versioned) > 0.1 * len(by_id)
    for v in by_id.values():
        regs = [parse_date(r["registratiedatum"]) for r in v]
        assert regs == sorted(regs) and len(set(regs)) == len(regs) and regs[-1] <= LAST
    open_ended = Counter(r["wet"] for r in besch if not r["einddatum"])
    assert open_ended["WMO"] > 5 * open_ended["JW"] > 0
    for r in besch:
        eind = opt_date(r["einddatum"])
        assert bool(r["reden_beeindiging"]) == (eind is not None and eind <= LAST), r


def test_tijdigheid_wachttijd_and_retroactive_starts(besch):
    tijdig = [
        (parse_date(r["besluitdatum"]) - parse_date(r["aanvraagdatum"])).days <= 56 for r in besch
    ]
    assert 0.88 <= sum(tijdig) / len(tijdig) <= 0.97
    retro = [parse_date(r["ingangsdatum"]) < parse_date(r["besluitdatum"]) for r in besch]
    assert 0.02 <= sum(retro) / len(retro) <= 0.15

    def wacht(wet: str) -> float:
        return statistics.median(
            max(0, (parse_date(r["ingangsdatum"]) - parse_date(r["besluitdatum"])).days)
            for r in besch
            if r["wet"] == wet
        )

    assert wacht("JW") > wacht("WMO")


# --- declaraties --------------------------------------------------------------------------------


def _four_week_period(day: date) -> tuple[date, date]:
    year, week, _ = day.isocalendar()
    p = min(13, (week + 3) // 4)
    weeks = date(year, 12, 28).isocalendar()[1]
    begin = date.fromisocalendar(year, 4 * p - 3, 1)
    return begin, date.fromisocalendar(year, weeks if p == 13 else 4 * p, 7)


def test_declaratie_periods(data, besch):
    by_id = {
        r["beschikking_id"]: r for r in current(data["beschikkingen"], "beschikking_id").values()
    }
    lines = data["declaraties"]
    four_week = month = thirteen = fifty_three = 0
    for d in lines:
        b = by_id[d["beschikking_id"]]
        begin, end = parse_date(d["periode_begin"]), parse_date(d["periode_eind"])
        assert begin >= parse_date(b["ingangsdatum"])
        if b["einddatum"]:
            assert end <= parse_date(b["einddatum"])
        if b["frequentie"] == "6":
            continue
        period = _four_week_period(begin)
        if (begin, end) == period:
            four_week += 1
            thirteen += begin.isocalendar()[1] == 49
            fifty_three += (end - begin).days == 34
        elif begin.day == 1 and (end + timedelta(days=1)).day == 1 and begin.month == end.month:
            month += 1
        else:  # clipped to the voorziening: inside one month or one 4-week period
            assert (begin.year, begin.month) == (end.year, end.month) or end <= period[1]
    assert four_week > 500 and month > 1000 and thirteen > 10 and fifty_three > 0
    wmo_monthly = [
        d for d in lines if d["wet"] == "WMO" and parse_date(d["periode_begin"]).day == 1
    ]
    assert len(wmo_monthly) > 0.5 * sum(d["wet"] == "WMO" for d in lines)


def test_declaratie_amounts_and_verzilvering(data):
    by_id = {
        r["beschikking_id"]: r for r in current(data["beschikkingen"], "beschikking_id").values()
    }
    ratios = []
    for d in data["declaraties"]:
        b = by_id[d["beschikking_id"]]
        assert b["leveringsvorm"] == "ZIN" and d["aanbieder_agb"] == b["aanbieder_agb"]
        assert d["productcode"] == b["productcode"] and d["bsn"] == b["bsn"]
        volume, bedrag = Decimal(d["volume"]), Decimal(d["bedrag"])
        assert bedrag > 0 and volume > 0
        if b["tarief"]:
            tarief = parse_decimal(b["tarief"])
            assert abs(volume * tarief - bedrag) <= Decimal("0.01")
        if b["frequentie"] == "2" and b["eenheid"] == "04" and d["debet_credit"] == "D":
            days = (parse_date(d["periode_eind"]) - parse_date(d["periode_begin"])).days + 1
            ratios.append(float(volume) / (int(b["volume"]) * days / 7))
    assert 0.85 <= statistics.mean(ratios) <= 0.97
    assert sum(0.84 <= r <= 1.01 for r in ratios) / len(ratios) > 0.97


def test_declaratie_statuses_credits_and_late_lines(data):
    lines = data["declaraties"]
    cur = current(lines, "declaratie_id")
    status = Counter(d["status"] for d in cur.values())
    assert 0.01 <= status["afgewezen"] / len(cur) <= 0.04
    assert status["toegewezen"] / len(cur) > 0.85
    pending = [d for d in cur.values() if d["status"] == "ingediend"]
    assert pending and all(
        parse_date(d["ingediend_op"]) > LAST - timedelta(days=120) for d in pending
    )
    versions = Counter(d["declaratie_id"] for d in lines)
    assert any(n == 2 for n in versions.values())
    for d in lines:
        assert d["registratiedatum"] >= d["ingediend_op"]
    debits = defaultdict(list)
    for d in cur.values():
        if d["debet_credit"] == "D":
            key = (d["beschikking_id"], d["productcode"], d["periode_begin"], d["periode_eind"])
            debits[key].append(d)
    credits = [d for d in cur.values() if d["debet_credit"] == "C"]
    assert len(credits) >= 10
    for c in credits:
        key = (c["beschikking_id"], c["productcode"], c["periode_begin"], c["periode_eind"])
        originals = [
            d
            for d in debits[key]
            if d["bedrag"] == c["bedrag"]
            and d["volume"] == c["volume"]
            and d["ingediend_op"] < c["ingediend_op"]
        ]
        assert originals and all(o["declaratie_id"] != c["declaratie_id"] for o in originals)
        assert any(d["ingediend_op"] == c["ingediend_op"] for d in debits[key])  # the correction
    late = [
        d
        for d in lines
        if (parse_date(d["ingediend_op"]) - parse_date(d["periode_eind"])).days > 90
    ]
    assert late
    withdrawn = {
        r["beschikking_id"]
        for r in current(data["beschikkingen"], "beschikking_id").values()
        if r["ingetrokken"] == "ja"
    }
    assert any(d["beschikking_id"] in withdrawn for d in lines)


# --- uitkeringen --------------------------------------------------------------------------------

DOSSIER_FIELDS = (
    "bsn", "geboortedatum", "huishouden_id", "gemeente_code", "regeling", "leefvorm",
    "aanvraagdatum", "besluitdatum", "ingangsdatum", "einddatum", "uitstroomreden",
)  # fmt: skip


def test_uitkeringen(data):
    rows = data["uitkeringen"]
    keys = [(r["uitkering_id"], r["betaalmaand"]) for r in rows]
    assert len(keys) == len(set(keys))
    dossiers: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        dossiers[r["uitkering_id"]].append(r)
    for months in dossiers.values():
        first = months[0]
        assert all(all(m[f] == first[f] for f in DOSSIER_FIELDS) for m in months)
        ingang, eind = parse_date(first["ingangsdatum"]), opt_date(first["einddatum"])
        start = max(ingang, FIRST)
        stop = min(eind or LAST, LAST)
        expected = []
        y, m = start.year, start.month
        while (y, m) <= (stop.year, stop.month):
            expected.append(f"{y}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        assert [r["betaalmaand"] for r in months] == expected
        assert bool(first["uitstroomreden"]) == (eind is not None)
        for r in months:
            y, m = (int(x) for x in r["betaalmaand"].split("-"))
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            assert parse_date(r["registratiedatum"]) == min(nxt, LAST)
    regelingen = Counter(m[0]["regeling"] for m in dossiers.values())
    assert regelingen.most_common(1)[0][0] == "PW" and len(regelingen) >= 3
    redenen = Counter(m[0]["uitstroomreden"] for m in dossiers.values() if m[0]["uitstroomreden"])
    werk = redenen["werk_dienstbetrekking"] + redenen["werk_zelfstandige"]
    assert werk / sum(redenen.values()) > 0.2 and len(redenen) >= 4
    bedragen = [float(r["bedrag"].replace(",", ".")) for r in rows]
    assert min(bedragen) > 0 and max(bedragen) <= 2200
    for r in rows:  # only a first or last month is paid pro rata
        edge = {parse_date(r[c]).strftime("%Y-%m") for c in ("ingangsdatum", "einddatum") if r[c]}
        assert r["betaalmaand"] in edge or float(r["bedrag"].replace(",", ".")) >= 50
    full = defaultdict(list)
    for r in rows:
        if not r["uren_per_week"] and r["betaalmaand"] != parse_date(r["ingangsdatum"]).strftime(
            "%Y-%m"
        ):
            full[r["leefvorm"]].append(float(r["bedrag"].replace(",", ".")))
    assert statistics.median(full["gehuwd"]) > statistics.median(full["alleenstaand"]) > 950
    uren = [float(r["uren_per_week"].replace(",", ".")) for r in rows if r["uren_per_week"]]
    assert 0.05 <= len(uren) / len(rows) <= 0.18 and min(uren) >= 6 and max(uren) <= 26
    per_household = Counter(m[0]["huishouden_id"] for m in dossiers.values())
    assert any(n > 1 for n in per_household.values())  # households that return


# --- several municipalities, chunks, processes, Parquet -----------------------------------------

REGION_GEMEENTEN = 4
REGION_INWONERS = 60_000  # the second municipality (the region's city) spans two chunks
REGION_START, REGION_END = "2020-07", "2021-06"


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def region(out: Path, workers: int, file_format: str = "csv", seed: int = SEED) -> dict[str, int]:
    return generate(
        out, REGION_INWONERS, REGION_START, REGION_END, seed, gemeenten=REGION_GEMEENTEN,
        file_format=file_format, workers=workers,
    )  # fmt: skip


@pytest.fixture(scope="module")
def region_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("region")
    return out, region(out, workers=2)


@pytest.fixture(scope="module")
def region_data(region_run) -> dict[str, list[dict[str, str]]]:
    out, _ = region_run
    return {name: read(out, name)[1] for name in DIALECTS}


@pytest.fixture(scope="module")
def region_gemeenten() -> list[Gemeente]:
    return read_gemeenten()[:REGION_GEMEENTEN]


def test_region_same_bytes_with_one_or_two_processes(region_run, tmp_path):
    out, result = region_run
    assert region(tmp_path / "one", workers=1) == result
    for name in DIALECTS:
        assert (tmp_path / "one" / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes()
    region(tmp_path / "other", workers=2, seed=SEED + 1)
    for name in ("beschikkingen", "declaraties", "uitkeringen"):
        other = (tmp_path / "other" / f"{name}.csv").read_bytes()
        assert other != (out / f"{name}.csv").read_bytes()


def test_region_every_row_valid_and_files_in_their_dialects(region_run, region_data):
    out, result = region_run
    for name, rows in region_data.items():
        assert result[name] == len(rows) > 0
        bad = [i for i, r in enumerate(rows) if i % 10 == 0 and row_problems(name, r)]
        assert bad == [], f"{name}: rows {bad[:5]} break the contract"
    assert (out / "beschikkingen.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (out / "uitkeringen.csv").read_bytes().splitlines()[0].count(b";") == 18


def test_region_gemeenten_and_wijken_known_to_the_seeds(region_data, region_gemeenten):
    codes = [g.code for g in region_gemeenten]
    assert codes[0] == "GM9999" and len(set(codes)) == REGION_GEMEENTEN
    seed_wijken = {r["wijk_code"]: r["gemeente_code"] for r in seed_rows("wijken")}
    budgets = {(r["gemeente_code"], r["jaar"]) for r in seed_rows("begroting")}
    known = {r["gemeente_code"] for r in seed_rows("gemeenten")}
    home = codes[0]
    for name in ("beschikkingen", "uitkeringen"):
        rows = region_data[name]
        by_household: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            by_household[r["huishouden_id"]].add(r["wijk_code"])
        wijk_of_household = {hh: next(iter(w)) for hh, w in by_household.items()}
        assert all(len(w) == 1 for w in by_household.values())  # one address per household
        gemeente_of = {seed_wijken[w] for w in wijk_of_household.values()}
        assert gemeente_of == set(codes)  # every municipality has clients, all wijken known
        for r in rows:
            gemeente = seed_wijken[r["wijk_code"]]
            # Rows of the delivery's own municipality may leave the code empty; others never do.
            assert r["gemeente_code"] == gemeente or (gemeente == home and r["gemeente_code"] == "")
        explicit = Counter(r["gemeente_code"] for r in rows)
        assert explicit[""] > 5 * explicit[home] > 0
    for code in codes:
        assert code in known
        assert {(code, str(y)) for y in range(2019, 2026)} <= budgets
        wijken = Counter(
            r["wijk_code"]
            for r in region_data["beschikkingen"]
            if seed_wijken[r["wijk_code"]] == code
        )
        seeded = [w for w, g in seed_wijken.items() if g == code]
        assert set(wijken) <= set(seeded) and len(wijken) >= min(len(seeded), 2)


def test_region_ids_unique_across_gemeenten_and_chunks(region_data):
    seed_wijken = {r["wijk_code"]: r["gemeente_code"] for r in seed_rows("wijken")}
    gemeente_of_bsn: dict[str, set[str]] = defaultdict(set)
    gemeente_of_household: dict[str, set[str]] = defaultdict(set)
    for name in ("beschikkingen", "uitkeringen"):
        for r in region_data[name]:
            gemeente_of_bsn[r["bsn"]].add(seed_wijken[r["wijk_code"]])
            gemeente_of_household[r["huishouden_id"]].add(seed_wijken[r["wijk_code"]])
    assert all(len(g) == 1 for g in gemeente_of_bsn.values())
    assert all(len(g) == 1 for g in gemeente_of_household.values())
    besch = region_data["beschikkingen"]
    owner: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in besch:
        owner[r["beschikking_id"]].add((r["bsn"], r["productcode"]))
    assert all(len(o) == 1 for o in owner.values())  # an id is one client's one product
    keys = [(r["beschikking_id"], r["registratiedatum"], r["ingetrokken"]) for r in besch]
    assert len(keys) == len(set(keys))
    lines = region_data["declaraties"]
    claim: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
    for d in lines:
        claim[d["declaratie_id"]].add(
            (d["beschikking_id"], d["periode_begin"], d["debet_credit"], d["ingediend_op"])
        )
    assert all(len(c) == 1 for c in claim.values())
    known_ids = set(owner)
    assert {d["beschikking_id"] for d in lines} <= known_ids
    payments = [(r["uitkering_id"], r["betaalmaand"]) for r in region_data["uitkeringen"]]
    assert len(payments) == len(set(payments))
    verwijzers = region_data["verwijzers"]
    first_versions = [r["verwijzer_id"] for r in verwijzers if r["registratiedatum"] < "2018"]
    assert len(first_versions) == len(set(first_versions)) == 14 * REGION_GEMEENTEN
    referred = {r["verwijzer_id"] for r in besch if r["verwijzer_id"]}
    assert referred <= set(first_versions)
    for r in besch:  # a municipality's clients are referred by its own verwijzers
        if r["verwijzer_id"]:
            assert r["verwijzer_id"][2:6] == seed_wijken[r["wijk_code"]][2:]


def test_region_realistic_rates_per_gemeente(region_data, region_gemeenten):
    sizes = split(REGION_INWONERS, [g.seed_inwoners for g in region_gemeenten])
    assert sizes[1] == max(sizes) > 2 * sizes[0]  # a city among towns
    assert sizes[1] > CHUNK_INWONERS  # the city is cut into chunks
    seed_wijken = {r["wijk_code"]: r["gemeente_code"] for r in seed_rows("wijken")}
    besch = [
        r
        for r in current(region_data["beschikkingen"], "beschikking_id").values()
        if r["ingetrokken"] != "ja"
    ]
    day = date(2020, 12, 15)
    for g, size in zip(region_gemeenten, sizes, strict=True):
        mine = [r for r in besch if seed_wijken[r["wijk_code"]] == g.code]
        wmo = {r["bsn"] for r in mine if r["wet"] == "WMO" and active_on(r, day)}
        jw = {r["bsn"] for r in mine if r["wet"] == "JW" and active_on(r, day)}
        pw = {
            r["huishouden_id"]
            for r in region_data["uitkeringen"]
            if r["betaalmaand"] == "2020-12" and seed_wijken[r["wijk_code"]] == g.code
        }
        per_1000 = 1000 / size
        assert 55 <= len(wmo) * per_1000 <= 90, g.code  # about 72 per 1,000
        assert 11 <= len(jw) * per_1000 <= 29, g.code  # about 500 per 26,000
        assert 6 <= len(pw) * per_1000 <= 18, g.code  # about 300 per 26,000


def test_parquet_same_rows_as_csv_and_readable_as_text(region_run, region_data, tmp_path):
    _, result = region_run
    assert region(tmp_path / "p1", workers=1, file_format="parquet") == result
    region(tmp_path / "p2", workers=2, file_format="parquet")
    for name in DIALECTS:
        path = tmp_path / "p1" / f"{name}.parquet"
        assert path.read_bytes() == (tmp_path / "p2" / f"{name}.parquet").read_bytes()
        parquet = pq.read_table(path)
        assert tuple(parquet.column_names) == EXTRACTS[name].column_names
        assert parquet.to_pylist() == region_data[name]  # the same text as the CSV rows
        described = duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()
        assert [(c, t) for c, t, *_ in described] == [
            (c, "VARCHAR") for c in EXTRACTS[name].column_names
        ]
        assert parquet.num_rows == result[name]
    assert not list(tmp_path.glob("p1/*.csv"))


def test_parquet_broken_rows(tmp_path):
    result = generate(tmp_path, 1000, "2020-01", "2020-12", 3, broken=True, file_format="parquet")
    table = pq.read_table(tmp_path / "declaraties.parquet")
    assert table.num_rows == result["declaraties"]
    assert table.column("bedrag").to_pylist()[-1] == "1,234.50"  # held as text, as delivered


def test_arguments_checked(tmp_path):
    n = len(read_gemeenten())
    assert n == 342
    with pytest.raises(ValueError, match="gemeenten must be 1 to 342"):
        generate(tmp_path, 1000, START, END, SEED, gemeenten=n + 1)
    with pytest.raises(ValueError, match="cannot be split"):
        generate(tmp_path, 3, START, END, SEED, gemeenten=4)
    with pytest.raises(ValueError, match="format"):
        generate(tmp_path, 1000, START, END, SEED, file_format="xlsx")
    with pytest.raises(ValueError, match="before start"):
        generate(tmp_path, 1000, "2021-01", "2020-12", SEED)


def test_cli_generate_several_gemeenten_as_parquet(tmp_path, capsys):
    out = tmp_path / "delivery"
    code = cli_main([
        "generate", "--out", str(out), "--inwoners", "3000", "--gemeenten", "2", "--format",
        "parquet", "--start", "2020-01", "--end", "2020-06", "--workers", "1",
    ])  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.parquet" for n in sorted(DIALECTS)]
    assert "2 gemeente(n)" in capsys.readouterr().out
    generate(out, 1000, "2020-01", "2020-03", SEED, workers=1)  # CSV replaces the Parquet files
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.csv" for n in sorted(DIALECTS)]
    assert cli_main(["generate", "--out", str(out), "--gemeenten", "400"]) == 2


# --- the plan: inhabitants over gemeenten and chunks, BSNs ----------------------------------------


def test_national_plan_splits_unevenly_and_bsn_ranges_do_not_overlap():
    gemeenten = read_gemeenten()
    chunks = plan(gemeenten, 17_900_000, 6.0)
    per_gemeente = Counter()
    for c in chunks:
        per_gemeente[c.gemeente.code] += c.inwoners
        assert 0 < c.inwoners <= CHUNK_INWONERS
    assert sum(per_gemeente.values()) == 17_900_000
    assert per_gemeente == Counter({g.code: g.seed_inwoners for g in gemeenten})
    sizes = sorted(per_gemeente.values())
    assert sizes[-1] > 25 * statistics.median(sizes) and sizes[0] < statistics.median(sizes) / 3
    ends = [c.bsn_first + c.bsn_slots for c in chunks]
    assert all(c.bsn_first == end for c, end in zip(chunks[1:], ends, strict=False))
    assert ends[-1] <= BSN_SPACE
    assert [c.number for c in chunks] == list(range(len(chunks)))
    tags = [c.tag for c in chunks]
    assert len(tags) == len(set(tags))


def test_bsns_valid_and_unique_across_chunks():
    chunks = plan(read_gemeenten()[:3], 100_000, 6.0)
    seen: set[int] = set()
    for c in chunks:
        numbers = bsns(c, c.inwoners, SEED)
        assert len(set(numbers.tolist())) == c.inwoners
        assert not seen & set(numbers.tolist())
        seen |= set(numbers.tolist())
    assert all(bsn_is_valid(str(b)) for b in seen)
    assert len({str(b)[:3] for b in seen}) > 500  # spread over the whole range
    with pytest.raises(RuntimeError, match="ran out of BSN slots"):
        bsns(chunks[0], chunks[0].bsn_slots, SEED)


def test_split_is_exact_and_proportional():
    assert split(10, [1, 1, 1]) == [4, 3, 3]
    assert split(3, [1000, 1, 1]) == [1, 1, 1]
    assert split(26_000, [26_000]) == [26_000]
    parts = split(1_000_000, [26_000, 225_000, 95_130])
    assert sum(parts) == 1_000_000 and parts[1] == max(parts)
    assert abs(parts[0] / 1_000_000 - 26_000 / 346_130) < 1e-5


def test_seeds_hold_the_synthetic_municipalities(tmp_path):
    gemeenten = read_gemeenten()
    assert sum(g.seed_inwoners for g in gemeenten) == 17_900_000
    assert gemeenten[0].code == "GM9999" and gemeenten[0].home
    assert not any(g.home for g in gemeenten[1:])
    for g in gemeenten:
        assert re.fullmatch(r"GM9\d{3}", g.code)
        assert abs(sum(w.share for w in g.wijken) - 1) < 1e-3
        assert all(w.code.startswith(f"WK{g.code[2:]}") for w in g.wijken)
    names = [r["gemeente_naam"] for r in seed_rows("gemeenten")]
    assert len(set(names)) == len(names) and all(n.endswith("(synthetisch)") for n in names)
    kostenposten = {r["kostenpost"] for r in seed_rows("kostenposten")}
    budget = Counter(r["gemeente_code"] for r in seed_rows("begroting"))
    assert set(budget) == {g.code for g in gemeenten}
    assert set(budget.values()) == {7 * len(kostenposten)}
    # The checked-in rows are what ingest.generator.seeds makes: writing them again changes nothing.
    for name in ("gemeenten", "wijken", "begroting"):
        (tmp_path / f"{name}.csv").write_bytes((SEEDS_DIR / f"{name}.csv").read_bytes())
    write_seeds(tmp_path)
    for name in ("gemeenten", "wijken", "begroting"):
        assert (tmp_path / f"{name}.csv").read_bytes() == (SEEDS_DIR / f"{name}.csv").read_bytes()
