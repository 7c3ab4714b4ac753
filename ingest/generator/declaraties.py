"""Providers' claims (declaraties): one line per delivered period of every beschikking in natura,
with its versions (ingediend → toegewezen), rejections and resubmissions, credits with their
corrections, late and still pending lines. Vectorised: one numpy operation per rule over all
lines of a chunk.

A provider declares per calendar month or per 4-week period (13 a year: period p covers ISO weeks
4p-3 to 4p, a 53rd week joins period 13); a one-off provision (frequentie 6) in one line for the
whole trajectory. PGB beschikkingen get no claims (the client pays); of a withdrawn beschikking
some providers had already declared a line or two.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pyarrow as pa

from ingest.generator.care import WETTEN, Care
from ingest.generator.chunk import Context, cents, ids, money, table
from ingest.generator.dates import I64, MISSING, NEVER, Period
from ingest.generator.reference import (
    AANBIEDERS,
    AFGEWEZEN_PROB,
    CREDIT_PROB,
    LATE_DECLARATIE_PROB,
    PENDING_PROB,
    PENDING_WINDOW_DAYS,
    PRODUCTS,
    RESUBMIT_AFTER_AFWIJZING_PROB,
    STATUS_VERSION_PROB,
    VERZILVERING_RANGE,
    WITHDRAWN_DECLARED_PROB,
)

WHOLE_UNITS = ("14", "82", "84")  # eenheden delivered in whole units
STATUSES = ("ingediend", "afgewezen", "toegewezen")
INGEDIEND, AFGEWEZEN, TOEGEWEZEN = range(3)
# Per product: frequentie code, eenheid, catalogue tarief, delivered in whole units.
P_FREQ = np.array([p.frequentie for p in PRODUCTS])
P_TARIEF = np.array([1.0 if p.eenheid == "83" else p.tarief for p in PRODUCTS])
P_WHOLE = np.array([p.eenheid in WHOLE_UNITS for p in PRODUCTS])
P_PER_DAY = np.array(
    [1.0 if p.frequentie == "1" else 1 / 7 if p.frequentie == "2" else 1 / 30.44 for p in PRODUCTS]
)
A_VIERWEKEN = np.array([a.vierweken for a in AANBIEDERS] + [False])


@cache
def _periods(period: Period) -> tuple[np.ndarray, np.ndarray, int]:
    """Begin and end days of the calendar months, then of the 4-week periods, around the
    history; and where the 4-week periods start in those arrays."""
    months: list[tuple[int, int]] = []
    first = date.fromordinal(period.first - 400)
    year, month = first.year, first.month
    while (begin := date(year, month, 1).toordinal()) <= period.last:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        months.append((begin, date(year, month, 1).toordinal() - 1))
    weeks: list[tuple[int, int]] = []
    for year in range(
        date.fromordinal(period.first).year - 2, date.fromordinal(period.last).year + 2
    ):
        last_week = date(year, 12, 28).isocalendar()[1]
        for p in range(1, 14):
            begin = date.fromisocalendar(year, 4 * p - 3, 1).toordinal()
            end_week = last_week if p == 13 else 4 * p
            weeks.append((begin, date.fromisocalendar(year, end_week, 7).toordinal()))
    both = months + weeks
    return (
        np.array([b for b, _ in both], dtype=I64),
        np.array([e for _, e in both], dtype=I64),
        len(months),
    )


def declaraties(ctx: Context, care: Care) -> pa.Table:
    rng = ctx.numpy_rng("declaraties")
    period = ctx.period
    a = care.arrays
    nb = len(care)
    ingang, product = a["ingang"], a["product"]
    eind = np.where(a["eind"] == MISSING, NEVER, a["eind"])
    tarief = np.where(a["tarief"] == MISSING, P_TARIEF[product], a["tarief"] / 100)
    volume = np.where(a["volume"] == MISSING, 0, a["volume"])

    # Which beschikkingen are claimed, and in how many lines.
    zin = a["aanbieder"] >= 0
    withdrawn = a["withdrawn_reg"] != MISSING
    claimed = zin & (~withdrawn | (rng.random(nb) < WITHDRAWN_DECLARED_PROB))
    trajectory = P_FREQ[product] == "6"
    trajectory_end = np.where(eind == NEVER, ingang + 27, eind)
    begins, ends, four_week_start = _periods(period)
    vierweken = A_VIERWEKEN[np.where(zin, a["aanbieder"], -1)]
    last = np.minimum(eind, period.last)
    first_idx = np.empty(nb, dtype=I64)
    stop_idx = np.empty(nb, dtype=I64)
    for kind in (False, True):
        at = vierweken == kind
        lo, hi = (four_week_start, len(begins)) if kind else (0, four_week_start)
        first_idx[at] = lo + np.searchsorted(ends[lo:hi], np.maximum(ingang[at], period.first))
        stop_idx[at] = lo + np.searchsorted(begins[lo:hi], last[at], side="right")
    lines = np.maximum(0, stop_idx - first_idx)
    lines = np.where(withdrawn, np.minimum(lines, 2), lines)
    lines = np.where(trajectory, (trajectory_end >= period.first).astype(I64), lines)
    lines = np.where(claimed, lines, 0)

    # One element per line (in beschikking order, then period order).
    b = np.repeat(np.arange(nb), lines)
    k = np.arange(len(b)) - np.repeat(np.cumsum(lines) - lines, lines)
    p_idx = np.minimum(first_idx[b] + k, len(begins) - 1)
    traj = trajectory[b]
    begin = np.where(traj, ingang[b], np.maximum(begins[p_idx], ingang[b]))
    end = np.where(traj, trajectory_end[b], np.minimum(ends[p_idx], eind[b]))
    prod = product[b]
    indicated = np.where(
        traj, np.maximum(volume[b], 1), volume[b] * (end - begin + 1) * P_PER_DAY[prod]
    ).astype(np.float64)
    n = len(b)
    delivered = indicated * rng.uniform(*VERZILVERING_RANGE, size=n)
    delivered = np.where(P_WHOLE[prod], np.maximum(1.0, np.rint(delivered)), delivered)
    volume_c = cents(delivered)
    late = rng.random(n) < LATE_DECLARATIE_PROB
    ingediend = end + np.where(late, rng.integers(90, 366, size=n), rng.integers(3, 31, size=n))
    keep = (volume_c > 0) & (ingediend <= period.last)
    b, begin, end, prod, volume_c, ingediend = (
        x[keep] for x in (b, begin, end, prod, volume_c, ingediend)
    )
    n = len(b)
    tarief_l = tarief[b]
    bedrag_c = cents(volume_c / 100 * tarief_l)

    # What happened to each line.
    recent = ingediend > period.last - PENDING_WINDOW_DAYS
    pending = recent & (rng.random(n) < PENDING_PROB)
    rejected = ~pending & (rng.random(n) < AFGEWEZEN_PROB)
    again = ingediend + rng.integers(7, 46, size=n)
    resubmitted = rejected & (rng.random(n) < RESUBMIT_AFTER_AFWIJZING_PROB)
    resubmitted &= again <= period.last
    normal = ~pending & ~rejected
    two_step = normal & (rng.random(n) < STATUS_VERSION_PROB)
    accepted = ingediend + rng.integers(3, 26, size=n)
    accepted_known = two_step & (accepted <= period.last)
    when = ingediend + rng.integers(30, 181, size=n)
    credited = normal & (rng.random(n) < CREDIT_PROB) & (when <= period.last)
    fixed = volume_c / 100 * rng.uniform(0.8, 0.98, size=n)
    fixed = np.where(P_WHOLE[prod], np.maximum(1.0, np.rint(fixed)), fixed)
    fixed_c = cents(fixed)

    # The rows: up to four per line, in this order: the line (first status), its accepted version
    # or its resubmission, the credit and the corrected debit.
    first_status = np.where(
        pending | two_step, INGEDIEND, np.where(rejected, AFGEWEZEN, TOEGEWEZEN)
    )
    slots = [
        (np.ones(n, dtype=bool), True, ingediend, first_status, False, volume_c, bedrag_c,
         ingediend),
        (resubmitted, True, again, TOEGEWEZEN, False, volume_c, bedrag_c, again),
        (accepted_known, False, accepted, TOEGEWEZEN, False, volume_c, bedrag_c, ingediend),
        (credited, True, when, TOEGEWEZEN, True, volume_c, bedrag_c, when),
        (credited, True, when, TOEGEWEZEN, False, fixed_c, cents(fixed_c / 100 * tarief_l),
         when),
    ]  # fmt: skip
    parts: dict[str, list[np.ndarray]] = {
        k: [] for k in ("line", "order", "new", "reg", "status", "credit", "vol", "bedrag", "op")
    }
    for order, (mask, new, reg, status, credit, vol, bedrag, op) in enumerate(slots):
        at = np.flatnonzero(mask)
        m = len(at)
        parts["line"].append(at)
        parts["order"].append(np.full(m, order))
        parts["new"].append(np.full(m, new))
        parts["reg"].append(reg[at])
        parts["status"].append(np.broadcast_to(status, n)[at])
        parts["credit"].append(np.full(m, credit))
        parts["vol"].append(vol[at])
        parts["bedrag"].append(bedrag[at])
        parts["op"].append(op[at])
    rec = {k: np.concatenate(v) for k, v in parts.items()}
    sort = np.lexsort((rec["order"], rec["line"]))
    rec = {k: v[sort] for k, v in rec.items()}
    line = rec["line"]
    number = np.cumsum(rec["new"])

    besch = pa.array(b[line])
    person = pa.array(a["person"][b[line]])
    prod_r = pa.array(prod[line])
    dates = ctx.dates
    columns = {
        "declaratie_id": ids(f"D{ctx.chunk.tag}", number, 7),
        "registratiedatum": dates.iso(rec["reg"]),
        "beschikking_id": care.bid.take(besch),
        "bsn": ctx.bsn.take(person),
        "wet": pa.array(WETTEN).take(pa.array(a["wet"][b[line]])),
        "productcategorie": pa.array([p.categorie for p in PRODUCTS]).take(prod_r),
        "productcode": pa.array([p.code for p in PRODUCTS]).take(prod_r),
        "periode_begin": dates.iso(begin[line]),
        "periode_eind": dates.iso(end[line]),
        "volume": money(rec["vol"], "."),
        "eenheid": pa.array([p.eenheid for p in PRODUCTS]).take(prod_r),
        "bedrag": money(rec["bedrag"], "."),
        "debet_credit": pa.array(["D", "C"]).take(pa.array(rec["credit"].astype(I64))),
        "status": pa.array(STATUSES).take(pa.array(rec["status"])),
        "aanbieder_agb": pa.array([x.agb for x in AANBIEDERS]).take(
            pa.array(a["aanbieder"][b[line]])
        ),
        "ingediend_op": dates.iso(rec["op"]),
    }
    return table("declaraties", columns)
