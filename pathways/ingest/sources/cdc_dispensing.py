"""CDC state naloxone and buprenorphine dispensing rates (per 100 persons).

CDC's National Center for Injury Prevention and Control publishes, per state and
year, the number of retail prescriptions dispensed per 100 persons (IQVIA
Xponent data) and the map's rate band. One file holds one drug; which one is read
from its header (``naloxone_dispensing_rate`` or
``buprenorphine_dispensing_rate``), never from its file name. Files are UTF-8,
usually with a byte-order mark. Each file is its own Source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pathways.stats.models import Indicator, Observation

from ..base import (
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    RejectedFile,
    parse_number,
    read_delimited,
    read_header,
    refuse_empty,
)
from ..observations import ObservationRow, load_figures, place_lookup

SOURCE = IngestSource(
    slug="cdc-dispensing",
    title="CDC state naloxone and buprenorphine dispensing rates (per 100 persons)",
    url="https://www.cdc.gov/overdose-prevention/data-research/facts-stats/naloxone-dispensing-rate-maps.html",
    doc="docs/data/cdc-dispensing.md",
    default_files=(
        "treatment/cdc_state_naloxone_dispensing_rates_2019-2023.csv",
        "treatment/cdc_state_buprenorphine_dispensing_rates_2019-2023.csv",
    ),
    parser_version=1,
)

PAGES = "https://www.cdc.gov/overdose-prevention/data-research/facts-stats/"


@dataclass(frozen=True)
class Drug:
    key: str
    name: str
    rate_column: str
    band_column: str

    @property
    def indicator(self) -> str:
        return f"{self.key}-dispensing-rate"

    @property
    def source_slug(self) -> str:
        return f"cdc-{self.key}-dispensing-rates"

    @property
    def url(self) -> str:
        return f"{PAGES}{self.key}-dispensing-rate-maps.html"


DRUGS = {
    d.rate_column: d
    for d in (
        Drug(
            "naloxone",
            "Naloxone",
            "naloxone_dispensing_rate",
            "Naloxone Dispensing Rate (per 100 persons)",
        ),
        Drug(
            "buprenorphine",
            "Buprenorphine",
            "buprenorphine_dispensing_rate",
            "Buprenorphine Dispensing Rate (per 100 persons)",
        ),
    )
}
BY_INDICATOR = {d.indicator: d for d in DRUGS.values()}
KEY_COLUMNS = ["YEAR", "STATE_NAME", "STATE_ABBREV", "STATE_FIPS"]
MISSING_TEXT = {"", "-", "–", "n/a", "na", "not available", "data not available"}

INDICATOR_SPECS = [
    {
        "slug": d.indicator,
        "name": f"{d.name} dispensing rate",
        "official_label": d.band_column,
        "topic": "treatment",
        "unit": Indicator.Unit.RATE_100,
        "sort": 10 + i,
        "description": (
            f"Retail pharmacy prescriptions for {d.name.lower()} dispensed in the "
            "state during the year per 100 residents (CDC, from IQVIA Xponent). "
            "Counts retail pharmacies only: not naloxone given out by community "
            "programs, nor medication dispensed in opioid treatment programs or "
            "hospitals."
        ),
    }
    for i, d in enumerate(DRUGS.values())
]


def detect(path: Path) -> Drug:
    """Which drug a file is about, from its header row."""
    header = read_header(path)
    found = [DRUGS[h] for h in header if h in DRUGS]
    if len(found) != 1:
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    1,
                    1,
                    "cannot tell which dispensing rate this is: the header should "
                    "have exactly one of "
                    + ", ".join(repr(c) for c in DRUGS)
                    + "; found "
                    + ", ".join(repr(h) for h in header),
                )
            ]
        )
    return found[0]


def read(path: Path) -> Iterator[RawRow]:
    drug = detect(path)
    required = [*KEY_COLUMNS, drug.rate_column, drug.band_column]
    yield from read_delimited(path, required=required)


# -- cleaning (pure) ----------------------------------------------------------------

BAND = re.compile(
    r"^\s*(?:(?P<op>[<>])\s*(?P<bound>\d+(?:\.\d+)?)"
    r"|(?P<lo>\d+(?:\.\d+)?)\s*[-–]\s*(?P<hi>\d+(?:\.\d+)?))\s*$"
)


def in_band(value: float, band: str) -> bool | None:
    """Whether ``value`` lies in a band like '<0.2', '0.2 - 0.4' or '>7.0';
    None when the band text is not in one of those forms."""
    m = BAND.match(band)
    if not m:
        return None
    if m["op"] == "<":
        return value < float(m["bound"])
    if m["op"] == ">":
        return value > float(m["bound"])
    return float(m["lo"]) <= value <= float(m["hi"])


def clean(
    row: RawRow, *, places: dict[str, tuple[str, str]]
) -> ObservationRow | Rejected:
    """``places`` maps a postal code to (FIPS code, name)."""
    drug = next((DRUGS[c] for c in DRUGS if c in row.data), None)
    if drug is None:
        return row.reject(None, "no dispensing rate column in this row")
    postal = row["STATE_ABBREV"].strip().upper()
    if postal not in places:
        return row.reject("STATE_ABBREV", f"unknown state {row['STATE_ABBREV']!r}")
    fips, name = places[postal]
    given_fips = row["STATE_FIPS"].strip()
    if not given_fips.isdigit() or given_fips.zfill(2) != fips:
        return row.reject(
            "STATE_FIPS", f"FIPS code {given_fips!r} is not {postal} ({fips})"
        )
    if " ".join(row["STATE_NAME"].split()).lower() != name.lower():
        return row.reject(
            "STATE_NAME", f"{row['STATE_NAME']!r} does not match {postal} ({name})"
        )
    try:
        year = int(row["YEAR"].strip())
    except ValueError:
        return row.reject("YEAR", f"not a year: {row['YEAR']!r}")
    if not 2000 <= year <= 2100:
        return row.reject("YEAR", f"year out of range: {year}")
    band = " ".join(row[drug.band_column].split())
    text = row[drug.rate_column].strip()
    value: float | None
    if text.lower() in MISSING_TEXT:
        value = None
    else:
        try:
            value = parse_number(text)
        except ValueError:
            return row.reject(drug.rate_column, f"not a rate: {text!r}")
        if value is None or value < 0:
            return row.reject(drug.rate_column, f"not a rate: {text!r}")
        if in_band(value, band) is False:
            return row.reject(
                drug.band_column,
                f"rate {text} is outside its published band {band!r}",
            )
    note = f"Published rate band: {band}" if band else ""
    return ObservationRow(
        path=row.path,
        line=row.line,
        place=postal,
        indicator=drug.indicator,
        period_type=Observation.Period.YEAR,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        value=value,
        status=Observation.Status.OK
        if value is not None
        else Observation.Status.MISSING,
        note=note if value is not None else f"No rate in the CDC file. {note}".strip(),
    )


# -- loading ------------------------------------------------------------------------


def source_spec(drug: Drug, years: Sequence[int]) -> dict[str, object]:
    first, last = min(years), max(years)
    return {
        "slug": drug.source_slug,
        "publisher": "CDC National Center for Injury Prevention and Control (NCIPC)",
        "dataset": f"U.S. State {drug.name} Dispensing Rate Maps ({first}-{last})",
        "kind": "official",
        "url": drug.url,
        "landing_url": "https://www.cdc.gov/overdose-prevention/",
        "vintage": f"Rates for {first}-{last}",
        "as_of": dt.date(last, 12, 31),
        "license": (
            "CDC publication (public domain); the underlying IQVIA Xponent data "
            "are proprietary, the published rates are public"
        ),
        "citation": (
            f"Centers for Disease Control and Prevention. U.S. State {drug.name} "
            "Dispensing Rate Maps. Data: IQVIA Xponent."
        ),
        "notes": (
            f"Retail prescriptions for {drug.name.lower()} dispensed per 100 persons "
            "by state and year (IQVIA Xponent: retail pharmacies only). The "
            "published rate band is kept in each figure's note. The exact page URL "
            "could not be verified offline; it follows CDC's overdose-prevention "
            "data pages. The file was carried by a third-party GitHub repository "
            "(mattkiefer/us-overdoses) with values unchanged."
        ),
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[ObservationRow], *, path: Path) -> ImportResult:
    refuse_empty(rows, path)
    kinds = {r.indicator for r in rows}
    if len(kinds) != 1:
        raise RejectedFile(
            [Rejected(path.name, 1, 1, f"one file, one drug; found {sorted(kinds)}")]
        )
    drug = BY_INDICATOR[kinds.pop()]
    years = sorted({r.period_start.year for r in rows})
    return load_figures(
        rows, source_spec=source_spec(drug, years), indicator_specs=INDICATOR_SPECS
    )


def context() -> dict[str, object]:
    return {"places": place_lookup("postal", "fips", "name", among="no-cities")}
