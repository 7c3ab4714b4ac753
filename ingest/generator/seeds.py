"""The synthetic municipalities of the seeds: `python -m ingest.generator.seeds` (re)writes them.

`sdw generate --gemeenten N` generates the first N municipalities of ``seeds/gemeenten.csv`` whose
name ends in "(synthetisch)", so every gemeente_code and wijk_code it writes is known to dbt. This
module made those rows: 341 synthetic municipalities (GM9001 ... GM9341, codes CBS does not use)
after the demo municipality GM9999 Demodorp, 342 in all, with the size distribution of the
Netherlands (17.9 million inhabitants: four big cities, a long tail of towns and villages), their
wijken (WK + the gemeente's 4 digits + 2 digits) and a begroting per year and cost line scaled
from Demodorp's. The order makes every prefix a plausible region: Demodorp, a city of 225,000
and seven towns (nine municipalities, like Hart van Brabant), then 37 more regions of a centre
city and eight smaller municipalities. Rows of other municipalities (a real one added by a user)
are kept as they are; running it again gives the same files.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from statistics import NormalDist

from ingest.contract import SEEDS_DIR

SYNTHETIC = "(synthetisch)"
NATIONAL_INWONERS = 17_900_000
HOME = ("GM9999", 26_000)  # the demo municipality, kept from the seed as it is
FIRST_CODE = 9001
REGIONS = 38  # of nine municipalities each: 342 in all
REGION_CENTRE = 225_000  # the centre of the first region (Demodorp's)
CITIES: tuple[int, ...] = (
    918_000, 655_000, 553_000, 361_000, 238_000, 234_000, REGION_CENTRE, 218_000, 184_000,
    179_000, 162_000, 160_000, 158_000, 147_000, 143_000, 135_000, 130_000, 123_000, 122_000,
    120_000,
)  # fmt: skip
BODY_MEDIAN, BODY_SIGMA, SMALLEST = 27_000, 0.72, 950
NAME_HEADS = (
    "Groot", "Klein", "Nieuw", "Oud", "Hoog", "Laag", "Noord", "Zuid", "Oost", "West", "Mol",
    "Eik", "Beek", "Dal", "Wester", "Ooster", "Linde", "Haag", "Bos", "Zand",
)  # fmt: skip
NAME_TAILS = (
    "haven", "dorp", "veen", "broek", "dijk", "horst", "wijk", "berg", "hoven", "meer", "loo",
    "rade", "kerk", "zande", "hout", "sluis", "stede", "dam", "burg", "voorde",
)  # fmt: skip
WIJK_NAMES = (
    "Centrum", "Noord", "Oost", "Zuid", "West", "Oude Haven", "Molenwijk", "De Hoeven",
    "Noordveld", "Buitengebied", "Kerkdorp", "Zuidrand", "Stationskwartier", "Bloemenbuurt",
    "Vogelwijk", "Schildersbuurt", "Bomenbuurt", "De Akkers", "De Velden", "Vinkenhof",
    "Kloosterwijk", "Heidepark", "Binnenstad", "Rivierenbuurt", "Sterrenwijk", "De Weiden",
    "Beekdal", "Bedrijventerrein", "Waterkant", "Hoogveld", "Lindenhof", "Dorpskern",
)  # fmt: skip
GOLDEN = 0.6180339887498949


def _frac(x: float) -> float:
    return x - math.floor(x)


def synthetic_gemeenten() -> list[tuple[str, str, int]]:
    """(code, name, inhabitants) of the 341 generated municipalities, in seed order."""
    n_body = REGIONS * 9 - 1 - len(CITIES)
    normal = NormalDist()
    body = [
        math.exp(math.log(BODY_MEDIAN) + BODY_SIGMA * normal.inv_cdf((i + 0.5) / n_body))
        for i in range(n_body)
    ]
    scale = (NATIONAL_INWONERS - HOME[1] - sum(CITIES)) / sum(body)
    sizes = sorted((max(SMALLEST, round(s * scale, -1)) for s in body), reverse=True)
    sizes[0] += NATIONAL_INWONERS - HOME[1] - sum(CITIES) - sum(sizes)
    everything = sorted([*CITIES, *sizes], reverse=True)
    everything.remove(REGION_CENTRE)
    centres = [REGION_CENTRE, *everything[: REGIONS - 1]]
    members = everything[REGIONS - 1 :]
    # Deal the others out over the regions in snake order, so each gets big and small ones.
    capacity = [7] + [8] * (REGIONS - 1)
    regions: list[list[int]] = [[c] for c in centres]
    order = list(range(REGIONS))
    i = 0
    while i < len(members):
        for r in order:
            if i < len(members) and len(regions[r]) - 1 < capacity[r]:
                regions[r].append(members[i])
                i += 1
        order.reverse()
    out: list[tuple[str, str, int]] = []
    names = _names()
    for region in regions:
        for size in region:
            k = len(out)
            out.append((f"GM{FIRST_CODE + k}", f"{names[k]} {SYNTHETIC}", int(size)))
    return out


def _names() -> list[str]:
    combos = [h + t for t in NAME_TAILS for h in NAME_HEADS]
    # A fixed stride through the combinations mixes heads and tails (gcd(stride, 400) = 1).
    return [combos[(k * 137) % len(combos)] for k in range(len(combos))]


def wijk_count(inwoners: int) -> int:
    return max(2, min(99, round(math.sqrt(inwoners) / 20)))


def synthetic_wijken(code: str, inwoners: int) -> list[tuple[str, str, str, str]]:
    """(wijk_code, naam, gemeente_code, inwoneraandeel) rows; shares uneven, summing to 1."""
    n = wijk_count(inwoners)
    weights = [0.5 + _frac((int(code[2:]) + k) * GOLDEN) for k in range(n)]
    total = sum(weights)
    shares = [round(w / total, 4) for w in weights]
    biggest = shares.index(max(shares))
    shares[biggest] = round(shares[biggest] + 1 - sum(shares), 4)
    rows = []
    for k in range(n):
        base = WIJK_NAMES[k % len(WIJK_NAMES)]
        naam = base if k < len(WIJK_NAMES) else f"{base} {k // len(WIJK_NAMES) + 1}"
        rows.append((f"WK{code[2:]}{k:02d}", naam, code, f"{shares[k]:.4f}"))
    return rows


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_seeds(seeds_dir: Path = SEEDS_DIR) -> None:
    """Rewrite the synthetic rows of gemeenten.csv, wijken.csv and begroting.csv."""
    generated = synthetic_gemeenten()
    codes = {code for code, _, _ in generated}
    g_header, g_rows = _read(seeds_dir / "gemeenten.csv")
    g_rows = [r for r in g_rows if r["gemeente_code"] not in codes]
    g_rows += [
        {"gemeente_code": c, "gemeente_naam": n, "inwoners": str(i)} for c, n, i in generated
    ]
    _write(seeds_dir / "gemeenten.csv", g_header, g_rows)

    w_header, w_rows = _read(seeds_dir / "wijken.csv")
    w_rows = [r for r in w_rows if r["gemeente_code"] not in codes]
    for code, _, inwoners in generated:
        w_rows += [
            dict(zip(w_header, row, strict=True)) for row in synthetic_wijken(code, inwoners)
        ]
    _write(seeds_dir / "wijken.csv", w_header, w_rows)

    b_header, b_rows = _read(seeds_dir / "begroting.csv")
    b_rows = [r for r in b_rows if r["gemeente_code"] not in codes]
    home = [r for r in b_rows if r["gemeente_code"] == HOME[0]]
    for k, (code, _, inwoners) in enumerate(generated):
        factor = inwoners / HOME[1] * (0.92 + 0.16 * _frac((k + 1) * GOLDEN))
        for r in home:
            bedrag = round(float(r["bedrag"]) * factor, -3)
            b_rows.append({**r, "gemeente_code": code, "bedrag": f"{bedrag:.2f}"})
    _write(seeds_dir / "begroting.csv", b_header, b_rows)


if __name__ == "__main__":
    write_seeds()
