"""CDC/NCHS VSRR Provisional Drug Overdose Death Counts (data.cdc.gov xkb8-kh2a).

State x month, counts of deaths in the 12 months ending with that month, by
place of occurrence. Reads the CSV export as published (official column names)
and the SODA API's field names (``data_value`` …) in any column order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from pathways.stats.models import Indicator, Observation

from ..base import (
    MONTHS,
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    month_end,
    months_back,
    parse_number,
    read_delimited,
)
from ..observations import ObservationRow, load_figures, postal_codes

SOURCE = IngestSource(
    slug="cdc-vsrr",
    title="CDC/NCHS VSRR Provisional Drug Overdose Death Counts",
    url="https://data.cdc.gov/api/views/xkb8-kh2a/rows.csv?accessType=DOWNLOAD",
    doc="docs/data/cdc-vsrr.md",
    default_files=(
        "overdose/vsrr_state_provisional_2025-01-08_thru2024-07.csv",
        "overdose/vsrr_state_provisional_T40.4_synthetic_opioids_thru2026-01.csv",
    ),
    parser_version=1,
)

COLUMNS = [
    "State",
    "Year",
    "Month",
    "Period",
    "Indicator",
    "Data Value",
    "Percent Complete",
    "Percent Pending Investigation",
    "State Name",
    "Footnote",
    "Footnote Symbol",
    "Predicted Value",
]
# The SODA API (data.cdc.gov/resource/xkb8-kh2a.json) names the same fields so.
ALIASES = {c.lower().replace(" ", "_"): c for c in COLUMNS}

# The official indicator labels and the slug each is stored under, in order.
BY_LABEL = {
    "Number of Drug Overdose Deaths": "drug-overdose-deaths",
    "Synthetic opioids, excl. methadone (T40.4)": "synthetic-opioids",
    "Psychostimulants with abuse potential (T43.6)": "psychostimulants",
    "Cocaine (T40.5)": "cocaine",
    "Heroin (T40.1)": "heroin",
    "Natural & semi-synthetic opioids (T40.2)": "natural-semisynthetic-opioids",
    "Methadone (T40.3)": "methadone",
    "Natural & semi-synthetic opioids, incl. methadone (T40.2, T40.3)": "natural-semisynthetic-opioids-methadone",
    "Natural, semi-synthetic, & synthetic opioids, incl. methadone (T40.2-T40.4)": "prescription-and-synthetic-opioids",
    "Opioids (T40.0-T40.4,T40.6)": "opioids",
    "Number of Deaths": "all-deaths",
    "Percent with drugs specified": "percent-drugs-specified",
}
# Plain names, by slug.
NAMES = {
    "drug-overdose-deaths": "All drug overdose deaths",
    "synthetic-opioids": "Synthetic opioids other than methadone (mostly fentanyl)",
    "psychostimulants": "Psychostimulants (mostly methamphetamine)",
    "cocaine": "Cocaine",
    "heroin": "Heroin",
    "natural-semisynthetic-opioids": "Natural and semi-synthetic opioids (e.g. oxycodone)",
    "methadone": "Methadone",
    "natural-semisynthetic-opioids-methadone": "Natural and semi-synthetic opioids, including methadone",
    "prescription-and-synthetic-opioids": "Natural, semi-synthetic and synthetic opioids, including methadone",
    "opioids": "Any opioid",
    "all-deaths": "Deaths from all causes",
    "percent-drugs-specified": "Share of overdose death records that name the drugs involved",
}
PERCENTS = {"percent-drugs-specified"}  # every other indicator counts deaths
INDICATOR_SPECS = [
    {
        "slug": slug,
        "name": NAMES[slug],
        "official_label": label,
        "topic": "overdose",
        "unit": Indicator.Unit.PERCENT if slug in PERCENTS else Indicator.Unit.DEATHS,
        "sort": i,
        "description": (
            "Percent of drug overdose death records that specify at least one "
            "drug, 12 months ending with the month (CDC/NCHS VSRR)."
            if slug in PERCENTS
            else "Provisional count of deaths in the 12 months ending with the month, "
            "by state where the death occurred (CDC/NCHS VSRR)."
        ),
    }
    for i, (label, slug) in enumerate(BY_LABEL.items())
]
NYC_NOTE = (
    "New York State = New York City (reported by VSRR as YC) + New York excluding "
    "New York City (reported as NY), summed by Pathways."
)


def read(path: Path) -> Iterator[RawRow]:
    yield from read_delimited(path, required=COLUMNS, aliases=ALIASES)


@lru_cache(maxsize=4096)
def _squash(text: str) -> str:
    """Collapse runs of whitespace (files differ in double spaces after periods)."""
    return " ".join(text.split())


OK = str(Observation.Status.OK)


def _status(value: float | None, footnote: str) -> str:
    if value is not None:
        return OK
    return _missing_status(footnote)


@lru_cache(maxsize=1024)
def _missing_status(footnote: str) -> str:
    if "suppressed" in footnote.lower():
        return Observation.Status.SUPPRESSED
    if "low data quality" in footnote.lower():
        return Observation.Status.LOW_QUALITY
    return Observation.Status.MISSING


NUMBER_COLUMNS = (
    "Data Value",
    "Predicted Value",
    "Percent Complete",
    "Percent Pending Investigation",
)
TWELVE_MONTHS = str(Observation.Period.TWELVE_MONTHS)
INF = float("inf")


@lru_cache(maxsize=4096)
def _period(year: int, month: int) -> tuple[dt.date, dt.date]:
    end = month_end(year, month)
    return months_back(end, 12), end


def clean(row: RawRow, *, places: set[str]) -> ObservationRow | Rejected:
    d = row.data  # plain dict access: this runs once per row of a 69,000-row file
    state = d["State"].strip().upper()
    if state not in places:
        return row.reject("State", f"unknown jurisdiction code {state!r}")
    label = d["Indicator"]
    slug = BY_LABEL.get(label) or BY_LABEL.get(_squash(label))
    if slug is None:
        return row.reject("Indicator", f"unknown indicator {label!r}")
    if d["Period"] != "12 month-ending" and d["Period"].strip() != "12 month-ending":
        return row.reject("Period", f"expected '12 month-ending', got {d['Period']!r}")
    try:
        year = int(d["Year"])
    except ValueError:
        return row.reject("Year", f"not a year: {d['Year']!r}")
    if not 1999 <= year <= 2100:
        return row.reject("Year", f"year out of range: {year}")
    month = MONTHS.get(d["Month"]) or MONTHS.get(d["Month"].strip().lower())
    if month is None and d["Month"].strip().isdigit():
        month = int(d["Month"])
    if month is None or not 1 <= month <= 12:
        return row.reject("Month", f"not a month: {d['Month']!r}")
    numbers: list[float | None] = []
    for col in NUMBER_COLUMNS:
        text = d[col]
        if not text:
            numbers.append(None)
            continue
        try:
            v = float(text)  # the common case; commas and "+" take the slow path
            if v != v or v in (INF, -INF):
                raise ValueError(text)
        except ValueError:
            if text.endswith("+") and col.startswith("Percent"):
                text = text[:-1]  # NCHS prints "99.5+" for "at least 99.5"
            try:
                v = parse_number(text)
            except ValueError:
                return row.reject(col, f"not a number: {d[col]!r}")
        if v is not None and v < 0:
            return row.reject(col, f"negative value: {d[col]!r}")
        numbers.append(v)
    value, predicted, complete, pending = numbers
    footnote = _squash(d["Footnote"])
    start, end = _period(year, month)
    return ObservationRow(
        path=row.path,
        line=row.line,
        place=state,
        indicator=slug,
        period_type=TWELVE_MONTHS,
        period_start=start,
        period_end=end,
        value=value,
        predicted=predicted,
        status=_status(value, footnote),
        percent_complete=complete,
        percent_pending=pending,
        footnote=footnote,
        footnote_symbol=d["Footnote Symbol"].strip(),
    )


def _sum(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def combine_new_york(rows: Sequence[ObservationRow]) -> list[ObservationRow]:
    """Replace VSRR's NY (state excluding NYC) with NY + YC where both are given.

    Where either part is missing the state total is unknown: the value stays
    empty with the missing part's status. YC rows are kept as they are."""
    yc = {(r.indicator, r.period_end): r for r in rows if r.place == "YC"}
    out: list[ObservationRow] = []
    for r in rows:
        if r.place != "NY":
            out.append(r)
            continue
        city = yc.get((r.indicator, r.period_end))
        if city is None:
            out.append(
                dataclasses.replace(
                    r,
                    value=None,
                    predicted=None,
                    status=Observation.Status.MISSING,
                    note="New York City (YC) row missing in the file; the state "
                    "total is unknown.",
                )
            )
            continue
        value = _sum(r.value, city.value)
        status = Observation.Status.OK
        if value is None:
            status = r.status if r.value is None else city.status
        pc = [x for x in (r.percent_complete, city.percent_complete) if x is not None]
        pp = [x for x in (r.percent_pending, city.percent_pending) if x is not None]
        symbols = " ".join(
            dict.fromkeys((r.footnote_symbol + " " + city.footnote_symbol).split())
        )
        footnote = r.footnote
        if city.footnote and city.footnote != r.footnote:
            footnote = f"{r.footnote} New York City: {city.footnote}".strip()
        out.append(
            ObservationRow(
                path=r.path,
                line=r.line,
                place="NY",
                indicator=r.indicator,
                period_type=r.period_type,
                period_start=r.period_start,
                period_end=r.period_end,
                value=value,
                predicted=_sum(r.predicted, city.predicted),
                status=status,
                percent_complete=min(pc) if pc else None,
                percent_pending=max(pp) if pp else None,
                footnote=footnote,
                footnote_symbol=symbols,
                note=NYC_NOTE,
            )
        )
    return out


def source_spec(rows: Sequence[ObservationRow]) -> dict[str, object]:
    first = min(r.period_end for r in rows)
    last = max(r.period_end for r in rows)
    labels = sorted({r.indicator for r in rows})
    scope = "all indicators" if len(labels) > 1 else f"indicator {labels[0]}"
    return {
        "slug": f"cdc-vsrr-{last:%Y-%m}",
        "publisher": "CDC National Center for Health Statistics (NCHS)",
        "dataset": "VSRR Provisional Drug Overdose Death Counts (xkb8-kh2a)",
        "kind": "official",
        "url": SOURCE.url,
        "landing_url": "https://data.cdc.gov/NCHS/VSRR-Provisional-Drug-Overdose-Death-Counts/xkb8-kh2a",
        "vintage": f"Release with 12-month periods ending {first:%b %Y} to {last:%b %Y}",
        "as_of": last,
        "license": "Public domain (U.S. government work)",
        "citation": (
            "Ahmad FB, Cisewski JA, Rossen LM, Sutton P. Provisional drug overdose "
            "death counts. National Center for Health Statistics."
        ),
        "notes": (
            f"{scope}. Provisional counts by place of occurrence (not residence). "
            "Blank values are suppressed (<10) or not shown due to low data quality. "
            "Predicted values adjust for reporting delay; use them for recent months. "
            "* = underreported due to incomplete data; ** = may differ from final data. "
            + NYC_NOTE
        ),
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[ObservationRow], *, path: Path) -> ImportResult:
    if not rows:
        return ImportResult()
    combined = combine_new_york(rows)
    return load_figures(
        combined, source_spec=source_spec(combined), indicator_specs=INDICATOR_SPECS
    )


def context() -> dict[str, object]:
    """Per-run lookups ``clean`` needs (kept out of ``clean`` so it stays pure)."""
    return {"places": set(postal_codes())}
