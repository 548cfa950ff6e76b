"""The reviewed table of SAMHSA N-SUMHSS service codes (2024 National Directories).

The table itself is data: ``data/service_codes.csv`` holds one row for every code
in the official code definitions file (224 substance use + 176 mental health
codes): directory type, code, the official label as published (the file's U+FFFD
is the registered-trademark sign ``®`` it stood for), the finder's filter group
and value, and a plain-language label in English and Spanish.
``data/service_filters.csv`` holds the filter groups (rows with an empty value)
and their values, in the order the finder shows them. The ``ServiceCode`` rows
are synced from the CSV after every ``migrate`` (``services.service_codes_sync``).

Rules the table follows (reviewed by hand, see docs/data/samhsa-directory.md):

* Person-first, non-stigmatizing wording: "people", never "clients", "addicts",
  "abusers" or "clean"; "return to use" beside the clinical "relapse".
* A code belongs to exactly one filter group. Inside a group the finder ORs the
  values a person picks; across groups it ANDs them.
* ``other`` rows are shown on a facility's page but are not filters; their
  value is the code in lower case.
* Age codes count both "programs for" (AD, TAY, SE) and "accepts" (CHLD, YAD,
  SNR): the mental health directory has only the "accepts" codes. Sex is
  different: about 94% of facilities accept women (FEM) and men (MALE), so the
  ``women``/``men`` values are the programs (WN, MN) and FEM/MALE are their own
  ``accepts-*`` values.
* Negative codes (NMOA "does not use medication for OUD", NOOP, NMAUT, NAUT)
  are never filter values.

The ingest refuses a definitions file with a code missing here, or whose
official label differs from the one here: review the new code first, add or
change its row, then bump ``REVISION`` (it is part of the ingest's
parser_version, so the next ingest re-reads the files).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

REVISION = 1
DATA_DIR = Path(__file__).resolve().parent / "data"
CODES_FILE = DATA_DIR / "service_codes.csv"
FILTERS_FILE = DATA_DIR / "service_filters.csv"

SUBSTANCE = "substance"
MENTAL = "mental"
DIRECTORY_TYPES = (SUBSTANCE, MENTAL)
OTHER = "other"

# The edition the table was reviewed against, and where SAMHSA publishes it.
EDITION = 2024
LANDING_URL = (
    "https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-"
    "and-mental-health-services-survey/national-directories"
)


@dataclass(frozen=True, slots=True)
class Code:
    directory_type: str
    code: str
    official_label: str
    group: str
    value: str
    label_en: str
    label_es: str


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_filters(
    path: Path = FILTERS_FILE,
) -> tuple[dict[str, tuple[str, str]], dict[tuple[str, str], tuple[str, str]]]:
    """(groups, values) from the filters file: group slug -> (English, Spanish)
    and (group, value) -> (English, Spanish), in file order."""
    groups: dict[str, tuple[str, str]] = {}
    values: dict[tuple[str, str], tuple[str, str]] = {}
    for r in _read(path):
        labels = (r["label_en"], r["label_es"])
        if r["value"]:
            values[(r["group"], r["value"])] = labels
        else:
            groups[r["group"]] = labels
    return groups, values


def read_codes(path: Path = CODES_FILE) -> tuple[Code, ...]:
    """Every row of the code table file, in file order."""
    return tuple(Code(**r) for r in _read(path))


# group slug -> (English, Spanish), in the order the finder shows them;
# (group, value) -> (English, Spanish): the labels of the filter choices.
GROUPS, VALUES = read_filters()
TABLE: tuple[Code, ...] = read_codes()
BY_KEY: dict[tuple[str, str], Code] = {(c.directory_type, c.code): c for c in TABLE}


def source_spec(edition: int = EDITION) -> dict[str, object]:
    """The provenance record of an edition's code definitions and directories."""
    return {
        "slug": f"samhsa-nsumhss-{edition}",
        "publisher": "Substance Abuse and Mental Health Services Administration "
        "(SAMHSA)",
        "dataset": f"{edition} National Directory of Drug and Alcohol Use Treatment "
        f"Facilities and {edition} National Directory of Mental Health Treatment "
        "Facilities (N-SUMHSS)",
        "kind": "official",
        "url": LANDING_URL,
        "landing_url": LANDING_URL,
        "vintage": f"{edition} edition, from the {edition - 1} National Substance Use "
        "and Mental Health Services Survey",
        "license": "Public domain (U.S. government work)",
        "citation": f"Substance Abuse and Mental Health Services Administration. "
        f"National Directories of Substance Use and Mental Health Treatment "
        f"Facilities, {edition}.",
        "notes": (
            "Facilities that answered the survey and agreed to be listed; listings "
            "are as reported by the facilities and were not verified by Pathways. "
            "Read from a CSV copy of the published XLSX (Community-resource-engine/"
            "Resource-Engine). Locations: matched to the geocoded SAMHSA locator "
            "lists of the GeoDa Center's Opioid Environment Policy Scan (2021) or, "
            "marked approximate, the centre of the ZIP code (zipcodes package, "
            "GeoNames coordinates, CC BY 4.0)."
        ),
        "doc": "docs/data/samhsa-directory.md",
    }


def in_language(en: str, es: str, lang: str | None = None) -> str:
    """The table's English or Spanish label: Spanish when ``lang`` (by default
    the active language) is Spanish."""
    return es if (lang or get_language() or "en").startswith("es") else en


def codes_for(group: str, values: Iterable[str]) -> dict[str, frozenset[str]]:
    """directory type -> the codes that mean any of ``values`` in ``group``.

    Raises ValueError for an unknown group or value (a caller's typo must not
    quietly widen or empty a search)."""
    if group not in GROUPS or group == OTHER:
        raise ValueError(f"unknown filter group {group!r}")
    wanted = set(values)
    unknown = sorted(v for v in wanted if (group, v) not in VALUES)
    if unknown:
        raise ValueError(f"unknown value(s) {unknown} in filter group {group!r}")
    out: dict[str, set[str]] = {t: set() for t in DIRECTORY_TYPES}
    for c in TABLE:
        if c.group == group and c.value in wanted:
            out[c.directory_type].add(c.code)
    return {t: frozenset(codes) for t, codes in out.items()}


def _check() -> None:
    """The table's own consistency; runs at import so a bad edit fails fast."""
    if len(BY_KEY) != len(TABLE):
        raise ValueError("duplicate (directory type, code) in the code table")
    for c in TABLE:
        if c.directory_type not in DIRECTORY_TYPES:
            raise ValueError(f"{c.code}: unknown directory type {c.directory_type}")
        if c.group not in GROUPS:
            raise ValueError(f"{c.code}: unknown group {c.group!r}")
        if c.group != OTHER and (c.group, c.value) not in VALUES:
            raise ValueError(f"{c.code}: value {c.value!r} not in VALUES")
        if c.value != c.value.lower() or " " in c.value:
            raise ValueError(f"{c.code}: value {c.value!r} is not a slug")
        if not (c.official_label and c.label_en and c.label_es):
            raise ValueError(f"{c.code}: empty label")
    used = {(c.group, c.value) for c in TABLE}
    unused = sorted(set(VALUES) - used)
    if unused:
        raise ValueError(f"filter values with no code: {unused}")


_check()
