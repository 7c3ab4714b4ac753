"""The council report: a published edition as one self-contained HTML file, and a PDF of it.

`sdw report` reads only published editions (never the working warehouse), so a report can be
made, and made again, while a build runs. What each section shows is declared once, as the dbt
exposures in models/reports/_reports__models.yml (their `meta`): the same declaration draws the
lineage in `dbt docs`. The definition beside each figure is the column's documentation that dbt
persisted into the edition, the text `dbt docs` shows.

Charts are Vega-Lite specifications (altair) rendered to static SVG by vl-convert when the report
is written: the file needs no JavaScript, no network and no server, prints to PDF as it shows, and
opens in any browser a council member has. The font is embedded, so the page and its PDF look the
same on every machine. The PDF is printed by headless Chromium.
"""

from __future__ import annotations

import base64
import html
import math
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
import yaml

from ingest.contract import PROJECT_ROOT
from ingest.publish import PUBLISHED_SCHEMA, editions

DECLARATION = PROJECT_ROOT / "models" / "reports" / "_reports__models.yml"
TEMPLATE = Path(__file__).with_name("report_template.html")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
FONT_FILE = "DejaVuSans.ttf"
CHROMIUM = ("chromium-headless-shell", "chromium", "chromium-browser")
ONDERDRUKT = "×"  # the mark of a suppressed cell; never a number
EENHEDEN = {"aantal", "verschil", "aandeel", "euro", "dagen", "uren", "fte", "ratio", "per_1000"}

Say = Callable[[str], None]


class ReportError(Exception):
    """A report that cannot be made, with what to do about it."""


# ---------------------------------------------------------------------------------------------
# The declaration: sections and KPIs from the dbt exposures


@dataclass(frozen=True)
class Kpi:
    code: str
    titel: str
    mart: str
    eenheid: str
    periode: str
    filter: dict[str, str]
    waarde: str = ""
    grafiek: str = "lijn"
    doel: dict[str, str] | None = None
    records: str | None = None
    uitsplitsing: dict[str, str] | None = None
    soort: str = "reeks"  # reeks: a series per period; kolommen: several columns per category
    kolommen: tuple[str, ...] = ()
    categorie: str | None = None


@dataclass(frozen=True)
class Sectie:
    naam: str
    titel: str
    marts: tuple[str, ...]
    kpis: tuple[Kpi, ...]
    scorecard: str | None = None
    vergelijking: Kpi | None = None


def _kpi(raw: dict[str, Any], where: str) -> Kpi:
    missing = [k for k in ("code", "titel", "mart", "eenheid", "periode") if k not in raw]
    if missing:
        raise ReportError(f"{DECLARATION.name}: {where} lacks {', '.join(missing)}")
    if raw["eenheid"] not in EENHEDEN:
        raise ReportError(f"{DECLARATION.name}: {where}: unknown eenheid {raw['eenheid']!r}")
    return Kpi(
        code=str(raw["code"]),
        titel=str(raw["titel"]),
        mart=str(raw["mart"]),
        eenheid=str(raw["eenheid"]),
        periode=str(raw["periode"]),
        filter={str(k): str(v) for k, v in (raw.get("filter") or {}).items()},
        waarde=str(raw.get("waarde", "")),
        grafiek=str(raw.get("grafiek", "lijn")),
        doel=raw.get("doel"),
        records=raw.get("records"),
        uitsplitsing=raw.get("uitsplitsing"),
        soort=str(raw.get("soort", "reeks")),
        kolommen=tuple(raw.get("kolommen") or ()),
        categorie=raw.get("categorie"),
    )


def read_sections(path: Path = DECLARATION) -> list[Sectie]:
    """The report's sections in the order declared, each with its KPIs."""
    exposures = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("exposures") or []
    sections = []
    for exp in exposures:
        meta = exp.get("meta") or {}
        if "sectie" not in meta:
            continue
        marts = tuple(d.split("'")[1] for d in exp.get("depends_on") or [])
        kpis = tuple(_kpi(k, f"{exp['name']}.{k.get('code', '?')}") for k in meta.get("kpis") or [])
        vergelijking = meta.get("vergelijking")
        sections.append(
            Sectie(
                naam=exp["name"],
                titel=str(meta["sectie"]),
                marts=marts,
                kpis=kpis,
                scorecard=meta.get("scorecard"),
                vergelijking=_kpi(
                    {"code": "vergelijking", "titel": "Vergelijking", **vergelijking},
                    f"{exp['name']}.vergelijking",
                )
                if vergelijking
                else None,
            )
        )
    return sections


# ---------------------------------------------------------------------------------------------
# Editions


@dataclass(frozen=True)
class Editie:
    label: str
    kennisdatum: date
    gebouwd_op: str
    path: Path
    actueel: bool = False


def list_editions(root: Path) -> list[Editie]:
    """Every edition in a publication folder, oldest knowledge date first."""
    found = [
        Editie(
            e.label,
            date.fromisoformat(e.kennisdatum[:10]),
            e.gebouwd_op,
            root / e.label / "sdw.duckdb",
            e.current,
        )
        for e in editions(root)
        if e.kennisdatum not in ("None", "")
    ]
    return sorted(found, key=lambda e: (e.kennisdatum, e.gebouwd_op))


def choose_editions(
    root: Path, label: str | None = None, vorige: str | None = None
) -> tuple[Editie, Editie | None]:
    """The edition to report (default: the current one) and the one to compare it with (default:
    the latest with an earlier knowledge date)."""
    found = list_editions(root)
    if not found:
        raise ReportError(f"no editions in {root}: run `sdw build` or `sdw publish` first")
    by_label = {e.label: e for e in found}
    if label is None:
        label = next((e.label for e in found if e.actueel), found[-1].label)
    if label not in by_label:
        raise ReportError(f"no edition {label!r} in {root} (there are: {', '.join(by_label)})")
    edition = by_label[label]
    if vorige is not None:
        if vorige not in by_label:
            raise ReportError(f"no edition {vorige!r} in {root} (there are: {', '.join(by_label)})")
        return edition, by_label[vorige]
    earlier = [e for e in found if e.kennisdatum < edition.kennisdatum]
    return edition, (earlier[-1] if earlier else None)


# ---------------------------------------------------------------------------------------------
# Reading figures


@dataclass(frozen=True)
class Punt:
    start: date
    eind: date
    label: str
    waarde: float | None
    onderdrukt: bool
    records: float | None = None


class Bron:
    """One edition opened read-only: figures, their documentation and the gemeenten."""

    def __init__(self, editie: Editie) -> None:
        self.editie = editie
        self.con = duckdb.connect(str(editie.path), read_only=True)
        rows = self.con.execute(
            "select table_name, column_name, comment from duckdb_columns() where schema_name = ?",
            [PUBLISHED_SCHEMA],
        ).fetchall()
        self.columns: dict[str, dict[str, str]] = {}
        for table, column, comment in rows:
            self.columns.setdefault(table, {})[column] = comment or ""

    def close(self) -> None:
        self.con.close()

    def has(self, mart: str, column: str | None) -> bool:
        return column is not None and column in self.columns.get(mart, {})

    def definitie(self, mart: str, column: str) -> str:
        return " ".join(self.columns.get(mart, {}).get(column, "").split())

    def gemeenten(self, marts: Sequence[str]) -> list[str]:
        present = [m for m in marts if "gemeente_code" in self.columns.get(m, {})]
        if not present:
            return []
        union = " union ".join(
            f'select distinct gemeente_code from {PUBLISHED_SCHEMA}."{m}"' for m in present
        )
        return [g for (g,) in self.con.execute(f"{union} order by 1").fetchall()]

    def _where(self, gemeente: str, periode: str, filters: dict[str, str]) -> tuple:
        clauses = ["gemeente_code = ?", "periode_type = ?"]
        params: list[object] = [gemeente, periode]
        for column, value in filters.items():
            clauses.append(f'cast("{column}" as varchar) = ?')
            params.append(value)
        return " and ".join(clauses), params

    def _flag(self, mart: str, column: str) -> str:
        flag = f"{column}_is_onderdrukt"
        return f'coalesce("{flag}", false)' if self.has(mart, flag) else "false"

    def reeks(self, kpi: Kpi, gemeente: str, periode: str, column: str | None = None) -> list[Punt]:
        """The KPI's value per period of one type, oldest first."""
        column = column or kpi.waarde
        if not self.has(kpi.mart, column):
            return []
        where, params = self._where(gemeente, periode, kpi.filter)
        records = f'"{kpi.records}"' if self.has(kpi.mart, kpi.records) else "null"
        rows = self.con.execute(
            f'select periode_start, periode_eind, periode_label, cast("{column}" as double), '
            f"{self._flag(kpi.mart, column)}, cast({records} as double) "
            f'from {PUBLISHED_SCHEMA}."{kpi.mart}" where {where} order by periode_start',
            params,
        ).fetchall()
        return [Punt(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows]

    def trend_periode(self, kpi: Kpi, gemeente: str) -> str:
        """Months where the mart has them for this series, else the KPI's own period."""
        return "maand" if self.reeks(kpi, gemeente, "maand") else kpi.periode

    def per_categorie(
        self,
        kpi: Kpi,
        gemeente: str,
        periode: str,
        start: date,
        categorie: str,
        kolommen: Sequence[str],
    ) -> list[tuple[str, list[tuple[float | None, bool]]]]:
        """Per category (the `categorie` column) the given columns in one period."""
        filters = dict(kpi.filter)
        code = (kpi.uitsplitsing or {}).get("code")
        if code:
            filters.pop(code, None)
        where, params = self._where(gemeente, periode, filters)
        cols = ", ".join(
            f'cast("{c}" as double), {self._flag(kpi.mart, c)}'
            for c in kolommen
            if self.has(kpi.mart, c)
        )
        order = f'"{code}" = \'totaal\', "{categorie}"' if code else f'"{categorie}"'
        rows = self.con.execute(
            f'select cast("{categorie}" as varchar), {cols} from {PUBLISHED_SCHEMA}."{kpi.mart}" '
            f"where {where} and periode_start = ? order by {order}",
            [*params, start],
        ).fetchall()
        return [(r[0], [(r[i], bool(r[i + 1])) for i in range(1, len(r), 2)]) for r in rows]

    def doel(self, scorecard: str, kpi: Kpi, gemeente: str, punt: Punt) -> dict[str, Any] | None:
        """The KPI's target and whether the period met it, as the scorecard judged it."""
        if not kpi.doel or scorecard not in self.columns:
            return None
        rows = self.con.execute(
            "select cast(doelwaarde as double), richting, is_doel_gehaald, "
            "periode_type = ? and periode_start = ? as dezelfde "
            f"from {PUBLISHED_SCHEMA}.{scorecard} where gemeente_code = ? and kpi_code = ? "
            "and wet_code = ? and doelwaarde is not null "
            "order by dezelfde desc, periode_start desc limit 1",
            [kpi.periode, punt.start, gemeente, kpi.doel["kpi_code"], kpi.doel["wet_code"]],
        ).fetchall()
        if not rows:
            return None
        waarde, richting, gehaald, dezelfde = rows[0]
        return {"waarde": waarde, "richting": richting, "gehaald": gehaald if dezelfde else None}

    def scorecard(self, scorecard: str, gemeente: str) -> list[tuple]:
        """Per KPI, wet and period type the latest period of the scorecard."""
        if scorecard not in self.columns:
            return []
        return self.con.execute(
            "select kpi_omschrijving, wet_code, periode_type, periode_label, "
            "cast(waarde as double), waarde_is_onderdrukt, eenheid, cast(doelwaarde as double), "
            "richting, is_doel_gehaald "
            f"from {PUBLISHED_SCHEMA}.{scorecard} where gemeente_code = ? "
            "qualify periode_start = max(periode_start) over (partition by kpi_code, wet_code, "
            "periode_type) order by wet_code, kpi_code, periode_type",
            [gemeente],
        ).fetchall()

    def vergelijking(self, kpi: Kpi) -> tuple[str, list[tuple[str, str, float | None, bool]]]:
        """Per gemeente and category the latest period's rate (the comparison page)."""
        if kpi.mart not in self.columns:
            return "", []
        clauses = ["periode_type = ?"] + [f'cast("{c}" as varchar) = ?' for c in kpi.filter]
        params = [kpi.periode, *kpi.filter.values()]
        where = " and ".join(clauses)
        last = self.con.execute(
            f"select max(periode_start), max(periode_label) filter (where periode_start = "
            f'(select max(periode_start) from {PUBLISHED_SCHEMA}."{kpi.mart}" where {where})) '
            f'from {PUBLISHED_SCHEMA}."{kpi.mart}" where {where}',
            [*params, *params],
        ).fetchone()
        if not last or last[0] is None:
            return "", []
        rows = self.con.execute(
            f'select gemeente_code, cast("{kpi.categorie}" as varchar), '
            f'cast("{kpi.waarde}" as double), '
            f'{self._flag(kpi.mart, kpi.waarde)} from {PUBLISHED_SCHEMA}."{kpi.mart}" '
            f"where {where} and periode_start = ? order by 2, 1",
            [*params, last[0]],
        ).fetchall()
        return str(last[1]), [(r[0], r[1], r[2], bool(r[3])) for r in rows]


# ---------------------------------------------------------------------------------------------
# Formatting (Dutch: 1.234,5)


def _nl(number: float, decimals: int) -> str:
    """Rounded half away from zero, as a reader rounds (61.25 -> 61,3), with Dutch separators."""
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def formatteer(waarde: float | None, eenheid: str) -> str:
    """A published value as text; a suppressed or missing one never as a number."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ONDERDRUKT
    if eenheid in ("aantal", "verschil"):
        return _nl(waarde, 0)
    if eenheid == "aandeel":
        return _nl(waarde * 100, 1) + " %"
    if eenheid == "euro":
        return "€ " + _nl(waarde, 0)
    if eenheid == "ratio":
        return _nl(waarde, 2)
    return _nl(waarde, 1)


def verschil(nieuw: float | None, oud: float | None, eenheid: str) -> str | None:
    """The change from `oud` to `nieuw`, signed, in the figure's unit (shares in %-punt)."""
    if nieuw is None or oud is None:
        return None
    delta = nieuw - oud
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if eenheid == "aandeel":
        return f"{sign}{_nl(abs(delta) * 100, 1)} %-punt"
    return sign + formatteer(abs(delta), eenheid)


def cel(waarde: float | None, onderdrukt: bool, eenheid: str) -> str:
    """A value as an HTML span: class n for a count (the privacy test reads them), verschil for a
    difference of two published counts (which may be small), onderdrukt for a suppressed cell."""
    if onderdrukt or waarde is None:
        return f'<span class="onderdrukt" title="niet gepubliceerd">{ONDERDRUKT}</span>'
    css = {"aantal": "n", "verschil": "verschil"}.get(eenheid, "w")
    return f'<span class="{css}">{html.escape(formatteer(waarde, eenheid))}</span>'


# ---------------------------------------------------------------------------------------------
# Charts: altair specifications, rendered to static SVG by vl-convert

_AXIS_FORMAT = {
    "aantal": ",.0f",
    "verschil": ",.0f",
    "aandeel": ".0%",
    "euro": "$,.0f",
    "ratio": ".2f",
}
_KLEUREN = ["#1f5f8b", "#e08a1e", "#5a9e4b", "#8e5ea2", "#c0392b", "#7f8c8d"]


@dataclass
class Grafieken:
    font: str | None = None
    _ready: bool = field(default=False, init=False)

    def _render(self, chart: Any) -> str:
        import vl_convert  # noqa: PLC0415  (a 30 MB module: loaded only when a report is made)

        if not self._ready and self.font:
            vl_convert.register_font_directory(self.font)
        self._ready = True
        spec = chart.to_dict()
        spec.setdefault("config", {}).update(
            {"font": "DejaVu Sans" if self.font else "sans-serif", "view": {"stroke": None}}
        )
        return vl_convert.vegalite_to_svg(spec, format_locale="nl-NL", time_format_locale="nl-NL")

    def trend(
        self, punten: list[Punt], eenheid: str, soort: str, periode: str, doel: float | None
    ) -> str:
        import altair as alt  # noqa: PLC0415

        data = [
            {
                "periode": p.start.isoformat(),
                "label": p.label,
                "waarde": None if p.onderdrukt else p.waarde,
                "onderdrukt": p.onderdrukt or p.waarde is None,
            }
            for p in punten
        ]
        base = alt.Chart(alt.Data(values=data))
        y_axis = alt.Axis(format=_AXIS_FORMAT.get(eenheid, ",.1f"), title=None)
        if periode == "jaar":
            x: Any = alt.X("label:O", title=None, axis=alt.Axis(labelAngle=0))
        else:
            x = alt.X("periode:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
        if soort == "staaf":
            main = base.mark_bar(color=_KLEUREN[0]).encode(x=x, y=alt.Y("waarde:Q", axis=y_axis))
            main = main.transform_filter("datum.waarde != null")
        else:
            main = base.mark_line(
                color=_KLEUREN[0], point=periode != "maand", invalid="break-paths-filter-domains"
            ).encode(x=x, y=alt.Y("waarde:Q", axis=y_axis))
        layers = [main]
        if any(d["onderdrukt"] for d in data):
            layers.append(
                base.mark_point(shape="cross", color="#888888", size=40, filled=True)
                .encode(x=x, y=alt.datum(0))
                .transform_filter("datum.onderdrukt")
            )
        if doel is not None:
            layers.append(
                alt.Chart(alt.Data(values=[{"doel": doel}]))
                .mark_rule(color=_KLEUREN[4], strokeDash=[6, 4])
                .encode(y="doel:Q")
            )
        return self._render(alt.layer(*layers).properties(width=560, height=170))

    def kolommen(
        self,
        rijen: list[tuple[str, list[tuple[float | None, bool]]]],
        namen: Sequence[str],
        eenheid: str,
    ) -> str:
        import altair as alt  # noqa: PLC0415

        data = [
            {
                "categorie": categorie,
                "reeks": naam,
                "waarde": None if onderdrukt else waarde,
                "onderdrukt": onderdrukt or waarde is None,
            }
            for categorie, waarden in rijen
            for naam, (waarde, onderdrukt) in zip(namen, waarden, strict=False)
        ]
        base = alt.Chart(alt.Data(values=data))
        y = alt.Y("categorie:N", title=None, sort=None, axis=alt.Axis(labelLimit=320))
        color = alt.Color(
            "reeks:N",
            sort=list(namen),
            scale=alt.Scale(range=_KLEUREN),
            legend=alt.Legend(title=None, orient="bottom"),
        )
        bars = (
            base.mark_bar()
            .encode(
                y=y,
                yOffset=alt.YOffset("reeks:N", sort=list(namen)),
                x=alt.X(
                    "waarde:Q", title=None, axis=alt.Axis(format=_AXIS_FORMAT.get(eenheid, ",.1f"))
                ),
                color=color,
            )
            .transform_filter("datum.waarde != null")
        )
        crosses = (
            base.mark_point(shape="cross", color="#888888", size=40, filled=True)
            .encode(y=y, yOffset=alt.YOffset("reeks:N", sort=list(namen)), x=alt.datum(0))
            .transform_filter("datum.onderdrukt")
        )
        height = max(120, 16 * len(data))
        return self._render(alt.layer(bars, crosses).properties(width=520, height=height))


# ---------------------------------------------------------------------------------------------
# The report's content


@dataclass
class Kaart:
    kpi: Kpi
    definitie: str
    laatste: Punt | None
    trend: list[Punt]
    trend_periode: str
    svg: str
    doel: dict[str, Any] | None = None
    vorige_editie: Punt | None = None
    jaar_eerder: Punt | None = None
    uitsplitsing: list[tuple[str, list[tuple[float | None, bool]]]] = field(default_factory=list)
    kolom_namen: list[str] = field(default_factory=list)


@dataclass
class Wijziging:
    sectie: str
    titel: str
    periode: str
    oud: str
    nieuw: str
    verschil: str | None
    records: str


def _last(punten: list[Punt]) -> Punt | None:
    return punten[-1] if punten else None


def _year_before(punten: list[Punt], punt: Punt | None) -> Punt | None:
    if punt is None:
        return None
    try:
        target = punt.start.replace(year=punt.start.year - 1)
    except ValueError:  # 29 February
        target = punt.start.replace(year=punt.start.year - 1, day=28)
    return next((p for p in punten if p.start == target), None)


def _value(p: Punt | None) -> float | None:
    return None if p is None or p.onderdrukt else p.waarde


def _records(p: Punt) -> str:
    if p.onderdrukt or p.records is None:
        return ONDERDRUKT
    return formatteer(p.records, "aantal")


def kaart(
    bron: Bron,
    vorige: Bron | None,
    kpi: Kpi,
    gemeente: str,
    grafieken: Grafieken,
    scorecard: str = "rpt_scorecard",
) -> Kaart:
    """One KPI's card, trend, table and breakdown; its target from the scorecard."""
    if kpi.soort == "kolommen":
        jaren = bron.reeks(kpi, gemeente, kpi.periode, kpi.kolommen[0])
        laatste = _last(jaren)
        rijen = (
            bron.per_categorie(
                kpi, gemeente, kpi.periode, laatste.start, kpi.categorie or "", kpi.kolommen
            )
            if laatste
            else []
        )
        namen = [c.removeprefix("bedrag_") for c in kpi.kolommen]
        return Kaart(
            kpi=kpi,
            definitie=" ".join(
                f"{n}: {bron.definitie(kpi.mart, c)}"
                for n, c in zip(namen, kpi.kolommen, strict=True)
            ),
            laatste=laatste,
            trend=[],
            trend_periode=kpi.periode,
            svg=grafieken.kolommen(rijen, namen, kpi.eenheid) if rijen else "",
            uitsplitsing=rijen,
            kolom_namen=namen,
        )
    kaart_reeks = bron.reeks(kpi, gemeente, kpi.periode)
    laatste = _last(kaart_reeks)
    trend_periode = bron.trend_periode(kpi, gemeente)
    trend = (
        kaart_reeks if trend_periode == kpi.periode else bron.reeks(kpi, gemeente, trend_periode)
    )
    doel = bron.doel(scorecard, kpi, gemeente, laatste) if laatste else None
    uitsplitsing: list[tuple[str, list[tuple[float | None, bool]]]] = []
    if kpi.uitsplitsing and laatste:
        uitsplitsing = bron.per_categorie(
            kpi,
            gemeente,
            kpi.periode,
            laatste.start,
            kpi.uitsplitsing.get("naam") or kpi.uitsplitsing["code"],
            [kpi.waarde],
        )
    return Kaart(
        kpi=kpi,
        definitie=bron.definitie(kpi.mart, kpi.waarde),
        laatste=laatste,
        trend=trend,
        trend_periode=trend_periode,
        svg=grafieken.trend(
            trend, kpi.eenheid, kpi.grafiek, trend_periode, doel["waarde"] if doel else None
        )
        if trend
        else "",
        doel=doel,
        vorige_editie=_last(vorige.reeks(kpi, gemeente, kpi.periode)) if vorige else None,
        jaar_eerder=_year_before(kaart_reeks, laatste),
        uitsplitsing=uitsplitsing,
    )


def achteraf_gewijzigd(
    bron: Bron, vorige: Bron, sectie: Sectie, kpi: Kpi, gemeente: str
) -> list[Wijziging]:
    """Figures of periods the previous edition already covered whose value differs now: late or
    corrected records. `records` is the count of records behind the figure in each edition."""
    if kpi.soort != "reeks":
        return []
    periode = bron.trend_periode(kpi, gemeente)
    before = {p.start: p for p in vorige.reeks(kpi, gemeente, periode)}
    changes = []
    for p in bron.reeks(kpi, gemeente, periode):
        o = before.get(p.start)
        if o is None or p.eind > vorige.editie.kennisdatum:
            continue
        same_value = (
            o.onderdrukt == p.onderdrukt
            and (o.waarde is None) == (p.waarde is None)
            and (o.waarde is None or p.waarde is None or abs(o.waarde - p.waarde) < 1e-9)
        )
        if same_value:
            continue
        changes.append(
            Wijziging(
                sectie=sectie.titel,
                titel=kpi.titel,
                periode=p.label,
                oud=formatteer(_value(o), kpi.eenheid),
                nieuw=formatteer(_value(p), kpi.eenheid),
                verschil=verschil(_value(p), _value(o), kpi.eenheid),
                records=f"{_records(o)} → {_records(p)}" if kpi.records else "",
            )
        )
    return changes


@dataclass
class GemeenteRapport:
    gemeente: str
    naam: str
    secties: list[tuple[Sectie, list[Kaart]]]
    scorecard: list[tuple]
    wijzigingen: list[Wijziging]


def _gemeente_namen() -> dict[str, str]:
    seed = PROJECT_ROOT / "seeds" / "gemeenten.csv"
    if not seed.is_file():
        return {}
    import csv  # noqa: PLC0415

    with seed.open(encoding="utf-8") as fh:
        return {
            r["gemeente_code"]: r.get("gemeente_naam") or r["gemeente_code"]
            for r in csv.DictReader(fh)
        }


def _font() -> tuple[str | None, str]:
    """The embedded font: its folder (for vl-convert) and the CSS @font-face with its bytes."""
    for folder in FONT_DIRS:
        if (folder / FONT_FILE).is_file():
            data = base64.b64encode((folder / FONT_FILE).read_bytes()).decode("ascii")
            face = (
                "@font-face{font-family:'DejaVu Sans';font-style:normal;font-weight:400;"
                f"src:url(data:font/ttf;base64,{data}) format('truetype');}}"
            )
            return str(folder), face
    return None, ""


def _chromium() -> str | None:
    return next((p for p in (shutil.which(c) for c in CHROMIUM) if p), None)


def print_pdf(html_file: Path, pdf_file: Path) -> None:
    """Print the HTML to PDF with headless Chromium (the page's own print styles apply)."""
    browser = _chromium()
    if browser is None:
        raise ReportError(
            "no Chromium to print the PDF (scripts/setup.sh installs chromium-headless-shell); "
            "the HTML report is written"
        )
    with tempfile.TemporaryDirectory(prefix="sdw-chromium-") as profile:
        tmp = pdf_file.with_name(f".{pdf_file.name}.bezig")
        result = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={tmp}",
                html_file.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            tmp.unlink(missing_ok=True)
            raise ReportError(f"Chromium could not print the PDF: {result.stderr.strip()[-400:]}")
        tmp.replace(pdf_file)


@dataclass
class Rapport:
    html: Path
    pdf: Path | None
    editie: str
    vorige: str | None
    gemeenten: list[str]
    kpis: int
    wijzigingen: int


def make_report(
    root: Path,
    out: Path,
    label: str | None = None,
    vorige_label: str | None = None,
    pdf: bool = True,
    say: Say | None = None,
    alleen: Sequence[str] = (),
) -> Rapport:
    """Write the report of one edition (default: the current one) as HTML, and as PDF; with
    `alleen`, of those gemeenten only (a region's member, or one of the country's 342)."""
    from jinja2 import Environment, select_autoescape  # noqa: PLC0415

    tell: Say = say or (lambda _m: None)
    editie, vorige_editie = choose_editions(root, label, vorige_label)
    sections = read_sections()
    font_dir, font_face = _font()
    grafieken = Grafieken(font_dir)
    bron = Bron(editie)
    vorige = Bron(vorige_editie) if vorige_editie else None
    try:
        all_marts = sorted({m for s in sections for m in s.marts})
        gemeenten = bron.gemeenten(all_marts)
        if alleen:
            unknown = sorted(set(alleen) - set(gemeenten))
            if unknown:
                raise ReportError(
                    f"edition {editie.label} has no figures of {', '.join(unknown)} "
                    f"(it has {', '.join(gemeenten)})"
                )
            gemeenten = [g for g in gemeenten if g in alleen]
        namen = _gemeente_namen()
        rapporten = []
        vergelijking_kpi = next((s.vergelijking for s in sections if s.vergelijking), None)
        scorecard_mart = next((s.scorecard for s in sections if s.scorecard), None)
        for gemeente in gemeenten:
            tell(f"report: {gemeente}")
            secties = []
            wijzigingen: list[Wijziging] = []
            for sectie in sections:
                kaarten = [
                    kaart(bron, vorige, k, gemeente, grafieken, scorecard_mart or "rpt_scorecard")
                    for k in sectie.kpis
                ]
                secties.append((sectie, kaarten))
                if vorige:
                    for k in sectie.kpis:
                        wijzigingen += achteraf_gewijzigd(bron, vorige, sectie, k, gemeente)
            rapporten.append(
                GemeenteRapport(
                    gemeente,
                    namen.get(gemeente, gemeente),
                    secties,
                    bron.scorecard(scorecard_mart, gemeente) if scorecard_mart else [],
                    wijzigingen,
                )
            )
        vergelijking: tuple[str, list[tuple[str, str, float | None, bool]]] = ("", [])
        vergelijking_svg = ""
        if vergelijking_kpi:
            vergelijking = bron.vergelijking(vergelijking_kpi)
            categories = sorted({r[1] for r in vergelijking[1]})
            rijen = [
                (
                    c,
                    [
                        next(
                            ((r[2], r[3]) for r in vergelijking[1] if r[0] == g and r[1] == c),
                            (None, True),
                        )
                        for g in gemeenten
                    ],
                )
                for c in categories
            ]
            vergelijking_svg = (
                grafieken.kolommen(
                    rijen, [namen.get(g, g) for g in gemeenten], vergelijking_kpi.eenheid
                )
                if rijen
                else ""
            )
        env = Environment(
            autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
        )
        env.filters.update({"fmt": formatteer, "cel": cel, "verschil": verschil, "waarde": _value})
        page = env.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
            editie=editie,
            vorige=vorige_editie,
            rapporten=rapporten,
            gemeenten=gemeenten,
            namen=namen,
            vergelijking_kpi=vergelijking_kpi,
            vergelijking=vergelijking,
            vergelijking_svg=vergelijking_svg,
            font_face=font_face,
            gemaakt=datetime.now().strftime("%Y-%m-%d %H:%M"),
            onderdrukt=ONDERDRUKT,
        )
    finally:
        bron.close()
        if vorige:
            vorige.close()
    out.mkdir(parents=True, exist_ok=True)
    html_file = out / f"monitor-{editie.label}.html"
    tmp = html_file.with_name(f".{html_file.name}.bezig")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(html_file)
    tell(f"report: {html_file} ({html_file.stat().st_size // 1024} kB)")
    pdf_file = None
    if pdf:
        pdf_file = html_file.with_suffix(".pdf")
        print_pdf(html_file, pdf_file)
        tell(f"report: {pdf_file} ({pdf_file.stat().st_size // 1024} kB)")
    return Rapport(
        html_file,
        pdf_file,
        editie.label,
        vorige_editie.label if vorige_editie else None,
        gemeenten,
        sum(len(s.kpis) for s in sections),
        sum(len(r.wijzigingen) for r in rapporten),
    )
