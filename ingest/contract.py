"""The input contract: the four raw extracts, their columns, types and rules.

This module is the single place where the contract of ``docs/raw-extracts.md`` lives in code.
The loader validates deliveries against it, the generator writes files that follow it, and the raw
table DDL is derived from it. Code lists are not repeated here: they are read from the dbt seeds in
``seeds/`` so that extending a code list there is enough for the loader to accept the new codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"

Kind = Literal["text", "date", "decimal", "integer", "boolean", "code", "month", "bsn"]
# What a text column holds, for the BSN screening at load: free text (names, descriptions: a BSN
# typed into it is masked) or an identifier (a key value that is a BSN is pseudonymised, so joins
# on it keep working).
Role = Literal["value", "free_text", "identifier"]

# Raw column types per contract kind (ANSI names: DuckDB and PostgreSQL accept them).
SQL_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "code": "VARCHAR",
    "month": "VARCHAR",
    "bsn": "VARCHAR",
    "date": "DATE",
    "decimal": "DECIMAL(18, 2)",
    "integer": "BIGINT",
    "boolean": "BOOLEAN",
}

# Name of the pseudonymised BSN column in the raw tables (the clear BSN never lands).
PSEUDONYM_COLUMN = "bsn_pseudoniem"

# Technical columns every raw row gets at load.
META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_batch_id", "BIGINT"),
    ("_source_file", "VARCHAR"),
    ("_row_number", "BIGINT"),
    ("_loaded_at", "TIMESTAMP"),
)


@dataclass(frozen=True)
class Column:
    """One column of an extract as the contract defines it."""

    name: str
    kind: Kind
    required: bool
    codes: str | None = None  # name of the code list (seed) the value must be in
    pattern: str | None = None  # regular expression the (normalised) value must match
    description: str = ""
    role: Role = "value"

    @property
    def raw_name(self) -> str:
        """The column name in the raw table (the BSN lands pseudonymised)."""
        return PSEUDONYM_COLUMN if self.kind == "bsn" else self.name

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class Extract:
    """One raw extract: file prefix, columns, business key and cross-field rules."""

    name: str
    columns: tuple[Column, ...]
    business_key: tuple[str, ...]
    # (earlier, later): the later date may not lie before the earlier one.
    date_order: tuple[tuple[str, str], ...] = ()
    # (column, code list keyed on wet): the code must exist for the row's wet.
    per_wet_codes: tuple[tuple[str, str], ...] = ()
    description: str = ""
    column_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_names", tuple(c.name for c in self.columns))

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def raw_table(self) -> str:
        return self.name

    def raw_ddl(self, schema: str = "raw") -> str:
        cols = [f"    {c.raw_name} {c.sql_type}" for c in self.columns]
        cols += [f"    {name} {typ}" for name, typ in META_COLUMNS]
        cols.append("    _row_hash BIGINT")
        body = ",\n".join(cols)
        return f"CREATE TABLE IF NOT EXISTS {schema}.{self.raw_table} (\n{body}\n)"


POSTCODE = r"^[1-9][0-9]{3} ?[A-Z]{2}$"
AGB = r"^[0-9]{8}$"
GEMEENTE = r"^GM[0-9]{4}$"
WIJK = r"^WK[0-9]{6}$"
PRODUCTCODE = r"^[0-9A-Z]{5}$"
MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"

BESCHIKKINGEN = Extract(
    name="beschikkingen",
    description="Wmo and Jeugd toewijzingen (iWmo/iJw 301/305/307/315), one row per version.",
    business_key=("beschikking_id",),
    date_order=(
        ("aanvraagdatum", "besluitdatum"),
        ("ingangsdatum", "einddatum"),
    ),
    per_wet_codes=(
        ("productcategorie", "productcategorie"),
        ("reden_beeindiging", "reden_beeindiging"),
    ),
    columns=(
        Column(
            "beschikking_id",
            "text",
            True,
            description="Toewijzingnummer; business key.",
            role="identifier",
        ),
        Column("registratiedatum", "date", True, description="When this version was recorded."),
        Column("bsn", "bsn", True, description="BSN, 11-proof; pseudonymised at load."),
        Column("geboortedatum", "date", True, description="Client's date of birth."),
        Column("geslacht", "code", False, codes="geslacht", description="M/V/X or 1/2/0."),
        Column("postcode", "text", False, pattern=POSTCODE, description="4 digits + 2 letters."),
        Column("wijk_code", "text", False, pattern=WIJK, description="CBS wijkcode."),
        Column("huishouden_id", "text", True, description="Household key.", role="identifier"),
        Column("gemeente_code", "text", False, pattern=GEMEENTE, description="CBS gemeentecode."),
        Column("wet", "code", True, codes="wet_beschikking", description="WMO or JW."),
        Column("aanvraagdatum", "date", True, description="Date of the melding/aanvraag."),
        Column("besluitdatum", "date", True, description="Date of the decision."),
        Column("ingangsdatum", "date", True, description="Start of the provision."),
        Column("einddatum", "date", False, description="End (inclusive); empty = open-ended."),
        Column("productcategorie", "code", True, description="iWmo/iJw productcategorie."),
        Column("productcode", "code", True, pattern=PRODUCTCODE, description="Product code."),
        Column(
            "product_omschrijving",
            "text",
            False,
            description="Description as registered.",
            role="free_text",
        ),
        Column("volume", "integer", False, description="Omvang: volume."),
        Column("eenheid", "code", True, codes="eenheid", description="Omvang: unit code."),
        Column("frequentie", "code", True, codes="frequentie", description="Omvang: frequency."),
        Column("tarief", "decimal", False, description="Price per eenheid in euros."),
        Column("leveringsvorm", "code", True, codes="leveringsvorm", description="ZIN or PGB."),
        Column("aanbieder_agb", "text", False, pattern=AGB, description="AGB code of provider."),
        Column("aanbieder_naam", "text", False, description="Provider name.", role="free_text"),
        Column(
            "verwijzer_id", "text", False, description="Key into verwijzers.", role="identifier"
        ),
        Column("verwijzer_type", "code", True, codes="verwijzer_type", description="COD327."),
        Column("reden_beeindiging", "code", False, description="JZ588/WMO588 by wet."),
        Column("ingetrokken", "boolean", False, description="Withdrawn beschikking."),
    ),
)

DECLARATIES = Extract(
    name="declaraties",
    description="Claim lines by providers (iWmo/iJw 323), one row per version.",
    business_key=("declaratie_id",),
    date_order=(("periode_begin", "periode_eind"),),
    per_wet_codes=(("productcategorie", "productcategorie"),),
    columns=(
        Column(
            "declaratie_id",
            "text",
            True,
            description="Claim line id; business key.",
            role="identifier",
        ),
        Column("registratiedatum", "date", True, description="When this version was recorded."),
        Column(
            "beschikking_id",
            "text",
            True,
            description="The toewijzing claimed against.",
            role="identifier",
        ),
        Column("bsn", "bsn", True, description="BSN; pseudonymised at load."),
        Column("wet", "code", True, codes="wet_beschikking", description="WMO or JW."),
        Column("productcategorie", "code", True, description="Productcategorie on the claim."),
        Column("productcode", "code", True, pattern=PRODUCTCODE, description="Product code."),
        Column("periode_begin", "date", True, description="First day delivered."),
        Column("periode_eind", "date", True, description="Last day delivered."),
        Column("volume", "decimal", True, description="Delivered volume in eenheid."),
        Column("eenheid", "code", True, codes="eenheid", description="Unit code."),
        Column("bedrag", "decimal", True, description="Amount in euros, positive."),
        Column("debet_credit", "code", True, codes="debet_credit", description="D or C."),
        Column("status", "code", True, codes="declaratie_status", description="Claim status."),
        Column("aanbieder_agb", "text", True, pattern=AGB, description="AGB code of provider."),
        Column("ingediend_op", "date", True, description="Date the claim was submitted."),
    ),
)

UITKERINGEN = Extract(
    name="uitkeringen",
    description="Participatiewet benefits, one row per benefit dossier and payment month.",
    business_key=("uitkering_id", "betaalmaand"),
    date_order=(
        ("aanvraagdatum", "besluitdatum"),
        ("ingangsdatum", "einddatum"),
    ),
    columns=(
        Column("uitkering_id", "text", True, description="Benefit dossier id.", role="identifier"),
        Column("registratiedatum", "date", True, description="When this version was recorded."),
        Column("betaalmaand", "month", True, pattern=MONTH, description="YYYY-MM paid for."),
        Column("bsn", "bsn", True, description="BSN of the applicant; pseudonymised at load."),
        Column("geboortedatum", "date", True, description="Date of birth."),
        Column("geslacht", "code", False, codes="geslacht", description="M/V/X or 1/2/0."),
        Column("postcode", "text", False, pattern=POSTCODE, description="Postcode."),
        Column("wijk_code", "text", False, pattern=WIJK, description="CBS wijkcode."),
        Column("huishouden_id", "text", True, description="Household key.", role="identifier"),
        Column("gemeente_code", "text", False, pattern=GEMEENTE, description="CBS gemeentecode."),
        Column("regeling", "code", True, codes="regeling", description="PW, IOAW, IOAZ, BBZ."),
        Column("leefvorm", "code", True, codes="leefvorm", description="Household situation."),
        Column("aanvraagdatum", "date", True, description="Date of the aanvraag."),
        Column("besluitdatum", "date", True, description="Date of the decision."),
        Column("ingangsdatum", "date", True, description="Start of the benefit."),
        Column("einddatum", "date", False, description="End of the benefit."),
        Column("uitstroomreden", "code", False, codes="uitstroomreden", description="Reason."),
        Column("bedrag", "decimal", True, description="Gross amount paid for the month."),
        Column("uren_per_week", "decimal", False, description="Hours of paid work per week."),
    ),
)

VERWIJZERS = Extract(
    name="verwijzers",
    description="Referrers (practices, organisations), one row per version.",
    business_key=("verwijzer_id",),
    columns=(
        Column("verwijzer_id", "text", True, description="Business key.", role="identifier"),
        Column("registratiedatum", "date", True, description="When this version was recorded."),
        Column("verwijzer_type", "code", True, codes="verwijzer_type", description="COD327."),
        Column(
            "naam",
            "text",
            True,
            description="Name of the practice or organisation.",
            role="free_text",
        ),
        Column("agb_code", "text", False, pattern=AGB, description="AGB code."),
    ),
)

EXTRACTS: dict[str, Extract] = {
    e.name: e for e in (BESCHIKKINGEN, DECLARATIES, UITKERINGEN, VERWIJZERS)
}


# --- value rules ------------------------------------------------------------------------------
# Every rule a value must meet lives here; ingest/validate.py turns them into SQL, and the Great
# Expectations gate (ingest/expectations.py) judges a file on how often each rule fails.

# Dates a delivery may hold.
MIN_DATE = "1900-01-01"
MAX_DATE = "2099-12-31"
# Date spellings: ISO or Dutch day-month-year, per value (strptime formats, with the shape each
# value must have first).
DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", "%Y-%m-%d"),
    ("[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}", "%d-%m-%Y"),
)
# A decimal: optional minus, digits, one decimal point or comma and at most two decimals (what
# the raw tables hold); no thousands separators. So "1.234" is refused, not read as 1.23: in a
# Dutch export it is more likely one thousand two hundred and thirty-four.
DECIMAL_SHAPE = "-?[0-9]+([.,][0-9]{1,2})?"
INTEGER_SHAPE = "-?[0-9]+"
# Booleans in every spelling the contract allows (any case; empty = false).
TRUE_WORDS = ("true", "ja", "j", "yes", "y", "1")
FALSE_WORDS = ("false", "nee", "n", "no", "0")
# How a code is normalised before it is looked up: upper/lower case, or left-padded with zeros
# to the width of the code list (Excel turns "01" into "1").
CODE_NORMALISATION: dict[str, str] = {
    "geslacht": "upper",
    "wet_beschikking": "upper",
    "eenheid": "pad2",
    "frequentie": "none",
    "leveringsvorm": "upper",
    "verwijzer_type": "pad2",
    "debet_credit": "upper",
    "declaratie_status": "lower",
    "regeling": "upper",
    "leefvorm": "lower",
    "uitstroomreden": "lower",
    "productcategorie": "pad2",
    "reden_beeindiging": "pad2",
}
# Text columns normalised to upper case, and codes whose leading zeros Excel strips:
# column -> (fewest digits accepted, width).
UPPER_CASE_COLUMNS = frozenset({"postcode", "wijk_code", "gemeente_code", "productcode"})
ZERO_PADDED_COLUMNS: dict[str, tuple[int, int]] = {"aanbieder_agb": (5, 8), "agb_code": (5, 8)}
# Per-extract rules beyond the columns: a column that may be empty in one case only, and
# amounts that must be positive.
OPTIONAL_WHEN: dict[tuple[str, str], tuple[str, str]] = {
    # beschikkingen.volume may only be empty with frequentie 6 (totaal)
    ("beschikkingen", "volume"): ("frequentie", "6"),
}
POSITIVE_AMOUNTS: dict[str, str] = {"declaraties": "bedrag"}  # credit is debet_credit C


def is_required(extract: Extract, column: Column) -> bool:
    """Required without exception (a column in OPTIONAL_WHEN has its own rule)."""
    return column.required and (extract.name, column.name) not in OPTIONAL_WHEN


def code_list_for(column: Column, extract: Extract) -> str | None:
    """Name of the code list that governs a column (plain or keyed on wet)."""
    if column.codes:
        return column.codes
    for col, list_name in extract.per_wet_codes:
        if col == column.name:
            return list_name
    return None


# --- code lists -------------------------------------------------------------------------------

# code list name -> (seed file, code column, wet column or None)
CODE_LIST_SEEDS: dict[str, tuple[str, str, str | None]] = {
    "geslacht": ("code_geslacht.csv", "geslacht_bron", None),
    "wet_beschikking": ("code_wet.csv", "wet_code", None),
    "eenheid": ("code_eenheid.csv", "eenheid_code", None),
    "frequentie": ("code_frequentie.csv", "frequentie_code", None),
    "leveringsvorm": ("code_leveringsvorm.csv", "leveringsvorm_code", None),
    "verwijzer_type": ("code_verwijzer_type.csv", "verwijzer_type_code", None),
    "debet_credit": ("code_debet_credit.csv", "debet_credit_code", None),
    "declaratie_status": ("code_declaratie_status.csv", "status_code", None),
    "regeling": ("code_regeling.csv", "regeling_code", None),
    "leefvorm": ("code_leefvorm.csv", "leefvorm_code", None),
    "uitstroomreden": ("code_uitstroomreden.csv", "uitstroomreden_code", None),
    "productcategorie": ("code_productcategorie.csv", "productcategorie_code", "wet"),
    "reden_beeindiging": ("code_reden_beeindiging.csv", "reden_beeindiging_code", "wet"),
}

# Codes that appear in a code list seed but are not valid for beschikkingen/declaraties.
_EXCLUDED: dict[str, frozenset[str]] = {"wet_beschikking": frozenset({"PW"})}


def _read_seed(seeds_dir: Path, filename: str) -> list[dict[str, str]]:
    with (seeds_dir / filename).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def code_list(name: str, seeds_dir: Path = SEEDS_DIR) -> frozenset[str]:
    """Codes of a code list without a wet dimension."""
    filename, code_col, wet_col = CODE_LIST_SEEDS[name]
    if wet_col is not None:
        raise ValueError(f"code list {name} is keyed on wet; use code_list_per_wet")
    codes = frozenset(row[code_col].strip() for row in _read_seed(seeds_dir, filename))
    return codes - _EXCLUDED.get(name, frozenset())


@cache
def code_list_per_wet(name: str, seeds_dir: Path = SEEDS_DIR) -> frozenset[tuple[str, str]]:
    """(wet, code) pairs of a code list keyed on wet."""
    filename, code_col, wet_col = CODE_LIST_SEEDS[name]
    if wet_col is None:
        raise ValueError(f"code list {name} is not keyed on wet")
    return frozenset(
        (row[wet_col].strip(), row[code_col].strip()) for row in _read_seed(seeds_dir, filename)
    )


# A number that may be a BSN inside free text: a run of 8 to 10 digits, or 9 digits written in
# groups (1234.56.782, 123 456 782, 12-345-67-82). It is one when its digits, without leading
# zeros, are at most 9 and pass the 11-proof (ingest/validate.py holds the same rule in SQL).
BSN_IN_TEXT = (
    r"[0-9]{4}[.][0-9]{2}[.][0-9]{3}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}"
    r"|[0-9]{2}[ .-][0-9]{3}[ .-][0-9]{2}[ .-][0-9]{2}|[0-9]+"
)
BSN_MASK = "[bsn]"


def bsn_like(value: str) -> bool:
    """A number (digits with optional group separators) that is a BSN: 8 to 10 digits, at most 9
    without leading zeros, passing the 11-proof."""
    digits = re.sub(r"[^0-9]", "", value)
    if not 8 <= len(digits) <= 10 or len(digits.lstrip("0")) > 9:
        return False
    return bsn_is_valid(digits.lstrip("0").rjust(9, "0"))


def mask_bsns(text: str) -> str:
    """The text with every number that is a BSN replaced by [bsn] (for messages and logs)."""
    return re.sub(BSN_IN_TEXT, lambda m: BSN_MASK if bsn_like(m.group(0)) else m.group(0), text)


def bsn_is_valid(bsn: str) -> bool:
    """The BSN 11-proof: 9 digits, sum of digit*weight (9..2, last -1) divisible by 11, not 0."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(bsn[:8], range(9, 1, -1), strict=True))
    total -= int(bsn[8])
    return total % 11 == 0 and bsn != "000000000"
