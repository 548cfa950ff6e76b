"""CDC WONDER D176 "Provisional Mortality Statistics": drug overdose deaths by
month and state of RESIDENCE.

Reads WONDER's own tab-separated export: a header row with a ``Notes`` column,
quoted month labels (``"Jan., 2018"``, ``"Jan., 2024 (provisional)"``), ``Total``
subtotal rows, then a ``---`` line and a notes/citation footer (CRLF endings).

WONDER hides the rows it suppresses (1-9 deaths) and the rows with zero deaths.
For every state and month of the months present in a file that has no row, a
figure with value NULL and status ``suppressed`` is stored, saying why: a hidden
row is never stored as 0.

These counts are by state of residence and must never be mixed with VSRR's,
which count by the state where the death occurred (see cdc_vsrr).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from pathways.core.models import Source
from pathways.stats.models import Indicator, Observation

from ..base import (
    MONTHS,
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    RejectedFile,
    decode_text,
    month_end,
    read_delimited,
    refuse_empty,
)
from ..observations import (
    ObservationRow,
    ensure_indicators,
    ensure_source,
    load_observations,
    place_lookup,
    postal_codes,
    reject_duplicates,
)

SOURCE = IngestSource(
    slug="cdc-wonder",
    title="CDC WONDER D176: drug overdose deaths by month and state of residence",
    url="https://wonder.cdc.gov/mcd-icd10-provisional.html",
    doc="docs/data/cdc-wonder.md",
    default_files=tuple(
        f"overdose/raw_wonder_monthly/wonder_d176_state_month_overdose_deaths_{y}.tsv"
        for y in range(2018, 2025)
    ),
    parser_version=1,
)
SOURCE_SLUG = "cdc-wonder-d176"

REQUIRED = [
    "Notes",
    "Month",
    "Month Code",
    "Residence State",
    "Residence State Code",
    "Deaths",
]

INDICATOR = "overdose-deaths-residence-monthly"
INDICATOR_SPECS = [
    {
        "slug": INDICATOR,
        "name": "Drug overdose deaths by state of residence (one month)",
        "official_label": (
            "Deaths, underlying cause X40-X44, X60-X64, X85, Y10-Y14; "
            "grouped by Month and Residence State"
        ),
        "topic": "overdose",
        "unit": Indicator.Unit.DEATHS,
        "sort": 50,
        "description": (
            "Drug overdose deaths (all intents) of residents of the state in one "
            "calendar month, wherever the death occurred (CDC WONDER, Provisional "
            "Mortality Statistics, D176). Final data through 2023; later months are "
            "provisional. Counts of 1-9 are suppressed. Never mix with the VSRR "
            "figures, which count deaths by the state where they occurred (place of "
            "occurrence) over 12-month periods."
        ),
    }
]

HIDDEN_NOTE = "Hidden in the CDC WONDER export: suppressed (1–9 deaths) or zero"
PROVISIONAL_NOTE = "provisional"

MONTH_ABBR = {name[:3]: number for name, number in MONTHS.items()}
MONTH_LABEL = re.compile(
    r"^(?P<mon>[A-Za-z]{3})\.?,\s*(?P<year>\d{4})(?P<prov>\s*\(provisional\))?$"
)
MONTH_CODE = re.compile(r"^(?P<year>\d{4})/(?P<month>\d{2})$")
QUERY_DATE = re.compile(r"Query Date:\s*(?P<date>[A-Z][a-z]{2} \d{1,2}, \d{4})")


# -- reading ----------------------------------------------------------------------


def _is_footer(record: list[str]) -> bool:
    return bool(record) and record[0].strip() == "---"


def read(path: Path) -> Iterator[RawRow]:
    """The data rows, without WONDER's ``Total`` subtotals. A file that ends
    before the ``---`` footer is rejected: it may be truncated, and a missing row
    would otherwise be taken for a hidden (suppressed) one."""
    saw_footer = False
    last = 1

    def stop(record: list[str]) -> bool:
        nonlocal saw_footer
        saw_footer = _is_footer(record)
        return saw_footer

    for row in read_delimited(path, required=REQUIRED, delimiter="\t", stop=stop):
        last = row.line
        if row["Notes"].strip().lower() == "total":
            continue  # WONDER's subtotal rows (they include hidden deaths)
        yield row
    if not saw_footer:
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    last + 1,
                    1,
                    "the file ends before CDC WONDER's '---' notes footer; it may be "
                    "truncated (export again with the notes included)",
                )
            ]
        )


def read_footer(path: Path) -> list[str]:
    """The footer lines after the first ``---`` line, tabs and quotes removed."""
    lines = decode_text(path).splitlines()
    start = next((i for i, ln in enumerate(lines) if ln.startswith("---")), len(lines))
    return [ln.replace("\t", " ").strip().strip('"').strip() for ln in lines[start:]]


def query_date(footer: Sequence[str]) -> dt.date | None:
    for line in footer:
        m = QUERY_DATE.search(line)
        if m:
            return dt.datetime.strptime(m.group("date"), "%b %d, %Y").date()
    return None


# -- cleaning (pure) ----------------------------------------------------------------


def clean(
    row: RawRow, *, places: dict[str, tuple[str, str]]
) -> ObservationRow | Rejected:
    """``places`` maps a two-digit FIPS code to (postal code, name)."""
    code = row["Residence State Code"].strip()
    if not code.isdigit() or code.zfill(2) not in places:
        return row.reject(
            "Residence State Code", f"unknown residence state code {code!r}"
        )
    postal, name = places[code.zfill(2)]
    given = " ".join(row["Residence State"].split())
    if given.lower() != name.lower():
        return row.reject(
            "Residence State",
            f"{given!r} does not match state code {code!r} ({name})",
        )
    m = MONTH_CODE.match(row["Month Code"].strip())
    if not m or not 1 <= int(m["month"]) <= 12 or not 1999 <= int(m["year"]) <= 2100:
        return row.reject("Month Code", f"not a month code: {row['Month Code']!r}")
    year, month = int(m["year"]), int(m["month"])
    label = MONTH_LABEL.match(" ".join(row["Month"].split()))
    if (
        not label
        or MONTH_ABBR.get(label["mon"].lower()) != month
        or int(label["year"]) != year
    ):
        return row.reject(
            "Month",
            f"month {row['Month']!r} does not match month code {row['Month Code']!r}",
        )
    provisional = bool(label["prov"])
    deaths = row["Deaths"].strip()
    status = Observation.Status.OK
    value: float | None = None
    if deaths.isdigit():
        value = float(deaths)
    elif deaths.lower() == "suppressed":
        status = Observation.Status.SUPPRESSED
    elif deaths.lower() in {"missing", "not available"}:
        status = Observation.Status.MISSING
    else:
        return row.reject("Deaths", f"not a count of deaths: {row['Deaths']!r}")
    return ObservationRow(
        path=row.path,
        line=row.line,
        place=postal,
        indicator=INDICATOR,
        period_type=Observation.Period.MONTH,
        period_start=dt.date(year, month, 1),
        period_end=month_end(year, month),
        value=value,
        status=status,
        footnote=" ".join(row["Notes"].split()),
        note=PROVISIONAL_NOTE if provisional else "",
    )


# -- loading ------------------------------------------------------------------------


def fill_hidden(
    rows: Sequence[ObservationRow], *, states: Sequence[str], path: str
) -> list[ObservationRow]:
    """Add a NULL, ``suppressed`` figure for every state and month of the months
    present in the file that WONDER did not print."""
    months = {(r.period_start, r.period_end) for r in rows}
    provisional = {r.period_start for r in rows if r.note == PROVISIONAL_NOTE}
    present = {(r.place, r.period_start) for r in rows}
    out = list(rows)
    for start, end in sorted(months):
        for place in states:
            if (place, start) in present:
                continue
            note = HIDDEN_NOTE
            if start in provisional:
                note += f" ({PROVISIONAL_NOTE})"
            out.append(
                ObservationRow(
                    path=path,
                    line=0,
                    place=place,
                    indicator=INDICATOR,
                    period_type=Observation.Period.MONTH,
                    period_start=start,
                    period_end=end,
                    value=None,
                    status=Observation.Status.SUPPRESSED,
                    note=note,
                )
            )
    return out


def source_spec(as_of: dt.date | None, citation: str) -> dict[str, object]:
    when = f"{as_of:%b} {as_of.day}, {as_of.year}" if as_of else "date not given"
    return {
        "slug": SOURCE_SLUG,
        "publisher": "CDC National Center for Health Statistics (NCHS), CDC WONDER",
        "dataset": (
            "Provisional Mortality Statistics, 2018 through Last Week (D176): drug "
            "overdose deaths by month and residence state"
        ),
        "kind": "official",
        "url": SOURCE.url,
        "landing_url": "https://wonder.cdc.gov/",
        "vintage": f"Query of {when}; final data 2018-2023, provisional 2024",
        "as_of": as_of,
        "license": "Public domain (U.S. government work)",
        "citation": citation
        or (
            "Centers for Disease Control and Prevention, National Center for Health "
            "Statistics. National Vital Statistics System, Provisional Mortality on "
            "CDC WONDER Online Database."
        ),
        "notes": (
            "Query: underlying cause of death drug poisoning (X40-X44, X60-X64, X85, "
            "Y10-Y14), grouped by Month and Residence State; one export per year, "
            f"latest query date {when}. Counts are by state of RESIDENCE: never mix "
            "with VSRR (place of occurrence). WONDER hides suppressed (1-9) and zero "
            "state-months; Pathways stores them as empty figures with status "
            "'suppressed'. Months labeled '(provisional)' carry the note "
            "'provisional'. WONDER's Total rows are not loaded."
        ),
        "doc": SOURCE.doc,
    }


def _citation(footer: Sequence[str]) -> str:
    for i, line in enumerate(footer):
        if line.startswith("Suggested Citation:"):
            parts = [line.removeprefix("Suggested Citation:").strip()]
            for nxt in footer[i + 1 :]:
                if not nxt or nxt.startswith("---"):
                    break
                parts.append(nxt)
            return " ".join(parts)
    return ""


def load(rows: Sequence[ObservationRow], *, path: Path) -> ImportResult:
    refuse_empty(rows, path)
    reject_duplicates(rows)
    full = fill_hidden(rows, states=postal_codes("states-and-dc"), path=path.name)
    footer = read_footer(path)
    as_of = query_date(footer)
    existing = Source.objects.filter(slug=SOURCE_SLUG).first()
    if existing and existing.as_of and (as_of is None or existing.as_of > as_of):
        as_of = existing.as_of  # keep the latest query date of the seven files
    source = ensure_source(source_spec(as_of, _citation(footer)))
    indicator = ensure_indicators(INDICATOR_SPECS)[INDICATOR]
    # Only this file's months: loading one year never touches another year's rows.
    months = sorted({r.period_start for r in full})
    result = load_observations(
        full,
        source=source,
        indicators={INDICATOR: indicator},
        scope=Observation.objects.filter(
            source=source, indicator=indicator, period_start__in=months
        ),
    )
    hidden = len(full) - len(rows)
    result.notes.append(
        f"{len(months)} month(s) {months[0]:%Y-%m} to {months[-1]:%Y-%m}; "
        f"{hidden} hidden state-month(s) stored as suppressed"
    )
    return result


def context() -> dict[str, object]:
    return {"places": place_lookup("fips", "postal", "name", among="states-and-dc")}
