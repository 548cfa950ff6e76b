"""What the FBI UCR arrests-by-state sources share: the three indicators, one
state-year of the table, its Observation rows and statuses, coverage notes, the
FBI's table pages and the load. Used by ``fbi_arrests`` (the FBI's Excel tables)
and ``fbi_arrests_compiled`` (the data scout's compilation). See
docs/data/fbi-arrests.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pathways.stats.models import Indicator, Observation

from ..base import ImportResult, parse_number
from ..observations import ObservationRow, load_figures

PUBLISHER = "FBI Uniform Crime Reporting Program"
LICENSE = "Public domain (U.S. government work)"

DRUG_ARRESTS = "drug-arrests"
AGENCIES = "arrest-reporting-agencies"
POPULATION = "arrest-population-covered"

INDICATOR_SPECS = [
    {
        "slug": DRUG_ARRESTS,
        "name": "Arrests for drug law violations",
        "official_label": "Drug abuse violations",
        "topic": "arrests",
        "unit": Indicator.Unit.ARRESTS,
        "sort": 0,
        "description": (
            'FBI "Drug abuse violations", total all ages: possession and '
            "sale/manufacturing combined; arrests, not persons. Counts only the "
            "agencies that sent 12 months of arrest data (FBI UCR Arrests by State)."
        ),
    },
    {
        "slug": AGENCIES,
        "name": "Agencies reporting arrests",
        "official_label": "Number of agencies",
        "topic": "arrests",
        "unit": Indicator.Unit.AGENCIES,
        "sort": 1,
        "description": (
            "Number of law enforcement agencies that sent 12 months of arrest data "
            "and are counted in the FBI's arrests-by-state table."
        ),
    },
    {
        "slug": POPULATION,
        "name": "Population covered by arrest reporting",
        "official_label": "estimated population",
        "topic": "arrests",
        "unit": Indicator.Unit.PERSONS,
        "sort": 2,
        "description": (
            "FBI estimated population served by the agencies that reported 12 "
            "months of arrests; the denominator for arrest rates, not the Census "
            "population."
        ),
    },
]

DC_NOTE = (
    "Not usable: the FBI's District of Columbia entry covers only the Metro Transit "
    "Police and other agencies with no resident population (FBI footnote), not the "
    "Metropolitan Police Department, so it is far below all drug arrests made in DC."
)
# Indicators whose DC value is published but not usable (see DC_NOTE). The agency
# count is true as printed and stays "ok".
DC_NOT_USABLE = (DRUG_ARRESTS, POPULATION)


@dataclass(frozen=True)
class StateYear:
    """One jurisdiction's row of an arrests-by-state table for one year."""

    path: str
    line: int
    state: str
    year: int
    drug_arrests: float | None
    agencies: float | None
    population: float | None
    footnote_symbol: str = ""
    note: str = ""
    missing: bool = False  # the whole row is absent from the source
    table: str = ""
    sheet: str = ""
    sheet_note: str = ""


def to_observations(rec: StateYear) -> list[ObservationRow]:
    """The three Observation rows of one state-year, with statuses.

    A row absent from the source is "missing" for every indicator. DC's drug
    arrests and covered population are published but "not-usable" (value kept as
    printed). Any other blank value is "missing"; a value is never invented."""
    out: list[ObservationRow] = []
    for indicator, value in (
        (DRUG_ARRESTS, rec.drug_arrests),
        (AGENCIES, rec.agencies),
        (POPULATION, rec.population),
    ):
        note = rec.note
        if rec.missing:
            status = Observation.Status.MISSING
        elif rec.state == "DC" and indicator in DC_NOT_USABLE:
            status = Observation.Status.NOT_USABLE
            if "NOT USABLE" not in note.upper():
                note = f"{DC_NOTE} {note}".strip()
        elif value is None:
            status = Observation.Status.MISSING
            note = f"Blank in the FBI table. {note}".strip()
        else:
            status = Observation.Status.OK
        out.append(
            ObservationRow(
                path=rec.path,
                line=rec.line,
                place=rec.state,
                indicator=indicator,
                period_type=Observation.Period.YEAR,
                period_start=dt.date(rec.year, 1, 1),
                period_end=dt.date(rec.year, 12, 31),
                value=value,
                status=status,
                footnote_symbol=rec.footnote_symbol,
                note=note,
            )
        )
    return out


def coverage_notes(recs: Sequence[StateYear]) -> list[str]:
    """Per year: how many jurisdictions, the sum of state drug arrests, and which
    of the 50 states and DC are absent from the file."""
    from pathways.places.jurisdictions import STATES

    expected = {postal for _, postal, _, _ in STATES}
    notes = []
    for year in sorted({r.year for r in recs}):
        rows = [r for r in recs if r.year == year]
        total = sum(r.drug_arrests or 0 for r in rows)
        absent = sorted(expected - {r.state for r in rows})
        missing = sorted(r.state for r in rows if r.missing)
        text = f"{year}: {len(rows)} jurisdictions, sum of drug arrests {total:,.0f}"
        if missing:
            text += f"; missing in source: {', '.join(missing)}"
        if absent:
            text += f"; not in file: {', '.join(absent)}"
        notes.append(text)
    return notes


def whole_number(text: str) -> float | None:
    """'1,475' -> 1475.0; '' -> None. ValueError for text, fractions, negatives."""
    value = parse_number(text)
    if value is not None and (value < 0 or not value.is_integer()):
        raise ValueError(text)
    return value


def table_url(year: int, table: str) -> str:
    """The FBI's page for the arrests-by-state table of a CIUS edition."""
    base = f"https://ucr.fbi.gov/crime-in-the-u.s/{year}/crime-in-the-u.s.-{year}"
    if year == 2010:  # the 2010 edition links the Excel file itself
        return f"{base}/tables/10tbl{int(table):02d}.xls"
    if year == 2012:  # the 2012 edition names table pages so
        return f"{base}/tables/{table}tabledatadecoverviewpdf"
    if year >= 2017:
        return f"{base}/topic-pages/tables/table-{table}"
    return f"{base}/tables/table-{table}"


def load_state_years(
    rows: Sequence[StateYear], *, source_spec: dict[str, object]
) -> ImportResult:
    """Load the state-years for the source ``source_spec`` describes."""
    obs = [o for r in rows for o in to_observations(r)]
    result = load_figures(obs, source_spec=source_spec, indicator_specs=INDICATOR_SPECS)
    result.notes.extend(coverage_notes(rows))
    return result
