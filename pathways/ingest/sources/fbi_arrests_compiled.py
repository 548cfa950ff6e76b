"""FBI UCR "Arrests by State", drug law arrests 2010-2016: the data scout's
compilation (``arrests/drug_arrests_by_state.csv``).

This is the only source Pathways has for 2010-2012, which come from a third-party
database export of the FBI's Table 69; 2013-2016 in it were taken from the FBI's
Excel tables, which ``fbi_arrests`` reads directly (prefer those). Rows the
compilation marks ``MISSING`` are stored with value NULL and status "missing".
See docs/data/fbi-arrests.md."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..base import ImportResult, IngestSource, RawRow, Rejected, read_delimited
from ..observations import place_lookup
from .fbi_ucr import LICENSE, StateYear, load_state_years, table_url, whole_number

SOURCE = IngestSource(
    slug="fbi-arrests-compiled",
    title="FBI UCR Arrests by State, drug law arrests 2010-2016 (compiled)",
    url="https://ucr.fbi.gov/crime-in-the-u.s",
    doc="docs/data/fbi-arrests.md",
    default_files=("arrests/drug_arrests_by_state.csv",),
    parser_version=1,
)

REQUIRED = [
    "state",
    "state_name",
    "year",
    "drug_arrests_total",
    "agencies",
    "population_covered",
    "notes",
]
# Present in the file but empty in every row: the table has no possession/sale
# split. A value there would be silently dropped, so it is refused instead.
NOT_LOADED = ["possession", "sale_manufacturing"]
VALUES = {
    "drug_arrests_total": "drug_arrests",
    "agencies": "agencies",
    "population_covered": "population",
}

ARNAV = (
    "https://github.com/arnav-aggarwal/csv-parse/tree/"
    "875f5a51900933f2169d33055014b9958c1af9bb/state-crime-2/data"
)
PROVENANCE = (
    "Compiled by the Pathways data scout (2026-11-23) from copies of the FBI's "
    "arrests-by-state table (CIUS Table 69; Table 22 in CIUS 2016). "
    "2013-2016: the FBI's original Excel files (sheets 13tbl69, 14tbl69, 15tbl69, "
    "16tbl22) found in GitHub arnav-aggarwal/csv-parse at commit 875f5a5 "
    "(state-crime-2/data/{year}.xls); the same values are loaded from those files "
    "by the fbi-arrests source, which should be preferred. "
    "2010-2012: a third-party database export of Table 69 in the same commit "
    "(state-crime-2/data/fbi_crime_stats_state_view.csv, 2007-2012): state names "
    "upper-cased with the footnote digits attached, footnote texts lost; counts are "
    "Table 69's. 2011 and 2012 drug counts and populations match an independent "
    "copy (emily-ng/CrimePatterns db/data.yml) for all 99 overlapping state-years. "
    "DC 2010, HI 2011 and DC 2012 are absent from the export and stored as "
    "missing, never 0. Neither repository has a licence; the tables are U.S. "
    "federal government works. Counts cover only agencies that sent 12 months of "
    "arrest data: compute rates with population_covered, not the Census "
    "population, and show agencies and the coverage share beside any rate. Row "
    "notes keep the compiler's coverage share (LOW COVERAGE under 50%), FBI "
    "footnotes and cross-check results. District of Columbia drug arrests are "
    "stored as not usable."
)


def read(path: Path) -> Iterator[RawRow]:
    yield from read_delimited(path, required=REQUIRED)


def clean(row: RawRow, *, places: dict[str, str]) -> StateYear | Rejected:
    """``places`` maps postal codes to jurisdiction names."""
    state = row["state"].strip().upper()
    if state not in places:
        return row.reject("state", f"unknown jurisdiction code {state!r}")
    name = " ".join(row["state_name"].split())
    if name.lower() != places[state].lower():
        return row.reject(
            "state_name", f"{name!r} is not the name of {state} ({places[state]})"
        )
    try:
        year = int(row["year"].strip())
    except ValueError:
        return row.reject("year", f"not a year: {row['year']!r}")
    if not 1995 <= year <= 2100:
        return row.reject("year", f"year out of range: {year}")
    for col in NOT_LOADED:
        if row.get(col).strip():
            return row.reject(
                col, f"{col} is not loaded by this parser; expected it empty"
            )
    numbers: dict[str, float | None] = {}
    for col, key in VALUES.items():
        try:
            numbers[key] = whole_number(row[col])
        except ValueError:
            return row.reject(col, f"not a whole number: {row[col]!r}")
    note = " ".join(row["notes"].split())
    missing = note.upper().startswith("MISSING")
    given = [c for c, k in VALUES.items() if numbers[k] is not None]
    if missing and given:
        return row.reject(given[0], "row is marked MISSING but has a value")
    if not missing and not given:
        return row.reject(
            "notes", "no values and no reason; mark the row 'MISSING: <why>'"
        )
    return StateYear(
        row.path, row.line, state, year, **numbers, note=note, missing=missing
    )


def source_spec(rows: Sequence[StateYear]) -> dict[str, object]:
    first = min(r.year for r in rows)
    last = max(r.year for r in rows)
    urls = "; ".join(
        f"{y}: {table_url(y, '22' if y == 2016 else '69')}"
        for y in range(first, last + 1)
    )
    return {
        "slug": SOURCE.slug,
        "publisher": "FBI Uniform Crime Reporting Program (compiled by Pathways)",
        "dataset": (
            f"Crime in the United States {first}-{last}, Arrests by State "
            "(Table 69; Table 22 in 2016): drug abuse violations, compiled"
        ),
        "kind": "derived",
        "url": SOURCE.url,
        "landing_url": ARNAV,
        "vintage": f"CIUS {first}-{last} editions; compiled 2026-11-23",
        "as_of": dt.date(last, 12, 31),
        "license": LICENSE + "; the third-party copies carry no licence",
        "citation": (
            "Federal Bureau of Investigation, Uniform Crime Reporting Program. "
            f"Crime in the United States, {first}-{last}: Arrests by State. "
            "U.S. Department of Justice."
        ),
        "notes": f"{PROVENANCE} Official table pages: {urls}.",
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[StateYear], *, path: Path) -> ImportResult:
    if not rows:
        return ImportResult()
    return load_state_years(rows, source_spec=source_spec(rows))


def context() -> dict[str, object]:
    return {"places": place_lookup("postal", "name")}
