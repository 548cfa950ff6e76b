"""U.S. Census Bureau, Population Estimates Program: resident population by state.

Reads the Census Bureau's published state tables as they are laid out for people
(title rows, leading dots before state names, a notes and citation footer):

* NST-EST2024-POP (Vintage 2024, July 1 2020-2024), the official ``.xlsx``;
* NST-EST2019-01 (Vintage 2019, July 1 2010-2019), the official table saved as
  CSV (quoted numbers with thousands separators, a stray ``2016t`` header).

Which table a file holds is read from its title, table id or header years, never
from its file name. Each table is its own :class:`~pathways.core.models.Source`
(one per vintage): vintages revise earlier years, so they are never mixed.

One :class:`RawRow` is one row of the table (a jurisdiction, every year); ``line``
is the CSV line or the spreadsheet row and ``columns`` maps the header names
(``Geographic Area`` and the years) to their column index.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
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
    iter_records,
    refuse_empty,
    repeats,
)
from ..observations import (
    ObservationRow,
    load_figures,
    place_lookup,
    postal_codes,
    reject_duplicates,
)

SOURCE = IngestSource(
    slug="census-population",
    title="U.S. Census Bureau population estimates: resident population by state",
    url="https://www2.census.gov/programs-surveys/popest/tables/2020-2024/state/totals/NST-EST2024-POP.xlsx",
    doc="docs/data/census-population.md",
    default_files=(
        "population/census_NST-EST2024-POP.xlsx",
        "population/census_nst-est2019_statepop_2010-2019.csv",
    ),
    parser_version=1,
)

INDICATOR = "population"
INDICATOR_SPECS = [
    {
        "slug": INDICATOR,
        "name": "Resident population",
        "official_label": "Population Estimate (as of July 1)",
        "topic": "population",
        "unit": Indicator.Unit.PERSONS,
        "sort": 0,
        "description": (
            "Resident population, U.S. Census Bureau Population Estimates Program. "
            "The figure is the estimate as of July 1 of the year, stored for the "
            "calendar year. Each vintage revises earlier years; compare years "
            "within one vintage."
        ),
    }
]

GEO = "Geographic Area"
REGIONS = {"northeast", "midwest", "south", "west"}
FOOTER_PREFIXES = (
    "note:",
    "suggested citation",
    "source:",
    "release date",
    "the census bureau has reviewed",
)
POPEST = "https://www.census.gov/programs-surveys/popest.html"


@dataclass(frozen=True)
class Table:
    """One published table: a vintage's July 1 estimates from ``first_year``."""

    id: str
    vintage: int
    first_year: int
    dataset: str
    url: str

    @property
    def slug(self) -> str:
        return f"census-pep-v{self.vintage}"

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.vintage + 1))

    @property
    def released(self) -> str:
        return f"December {self.vintage}"  # every vintage so far

    @property
    def title_marker(self) -> str:
        return f"april 1, {self.first_year} to july 1, {self.vintage}"


TABLES = {
    t.id: t
    for t in (
        Table(
            "NST-EST2024-POP",
            2024,
            2020,
            "Annual Estimates of the Resident Population for the United States, "
            "Regions, States, District of Columbia, and Puerto Rico: April 1, 2020 "
            "to July 1, 2024 (NST-EST2024-POP)",
            url=SOURCE.url,
        ),
        Table(
            "NST-EST2019-01",
            2019,
            2010,
            "Table 1. Annual Estimates of the Resident Population for the United "
            "States, Regions, States, and Puerto Rico: April 1, 2010 to July 1, 2019 "
            "(NST-EST2019-01)",
            url="https://www2.census.gov/programs-surveys/popest/tables/2010-2019/"
            "state/totals/nst-est2019-01.xlsx",
        ),
    )
}

# A year heading; the NST-EST2019-01 CSV export prints 2016 as "2016t".
YEAR_HEADING = re.compile(r"^(\d{4})t?$")


# -- reading ----------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _grid_xlsx(path: Path) -> list[tuple[int, list[str]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(path.read_bytes()), data_only=True, read_only=True
        )
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    1,
                    1,
                    f"not a readable Excel workbook ({exc}); "
                    "the file may be truncated or damaged",
                )
            ]
        ) from exc
    ws = wb.worksheets[0]
    grid = [
        (number, [_cell_text(v) for v in values])
        for number, values in enumerate(ws.iter_rows(values_only=True), ws.min_row)
    ]
    wb.close()
    return grid


def _grid_csv(path: Path) -> list[tuple[int, list[str]]]:
    return [(line, [c.strip() for c in record]) for line, record in iter_records(path)]


def read_grid(path: Path) -> list[tuple[int, list[str]]]:
    """(line or spreadsheet row, cells) for every row of a CSV or .xlsx table.
    The format is told from the file's first bytes, not its name."""
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == b"PK\x03\x04":
        return _grid_xlsx(path)
    return _grid_csv(path)


@dataclass(frozen=True)
class Layout:
    table: Table
    header: dict[str, int]  # header name -> column index
    year_columns: dict[int, int]  # column index -> year
    data_start: int  # index into the grid
    citation: str


def _is_footer(first: str) -> bool:
    return first.lower().startswith(FOOTER_PREFIXES)


def _detect_table(
    name: str, grid: list[tuple[int, list[str]]], years: set[int]
) -> Table:
    text = " ".join(" ".join(cells) for _, cells in grid).lower()
    text = " ".join(text.split())
    for how in ("id", "title", "years"):
        found = [
            t
            for t in TABLES.values()
            if (how == "id" and t.id.lower() in text)
            or (how == "title" and t.title_marker in text)
            or (how == "years" and set(t.years) == years)
        ]
        if len(found) == 1:
            return found[0]
    known = ", ".join(f"{t.id} ({t.years[0]}-{t.years[-1]})" for t in TABLES.values())
    raise RejectedFile(
        [
            Rejected(
                name,
                1,
                1,
                "cannot tell which Census table this is: no table id, title or year "
                f"headings of a known table ({known})",
            )
        ]
    )


def layout(name: str, grid: list[tuple[int, list[str]]]) -> Layout:
    """Find the header block, the year columns and the table."""
    header_at = next(
        (
            i
            for i, (_, cells) in enumerate(grid)
            if cells and cells[0].lower() == "geographic area"
        ),
        None,
    )
    if header_at is None:
        raise RejectedFile(
            [Rejected(name, 1, 1, "no 'Geographic Area' header row found")]
        )
    data_start = header_at + 1
    while data_start < len(grid) and not (grid[data_start][1][:1] or [""])[0]:
        data_start += 1
    year_columns: dict[int, int] = {}
    for line, cells in grid[header_at:data_start]:
        for col, cell in enumerate(cells[1:], start=1):
            m = YEAR_HEADING.match(cell)
            if not m:
                continue
            year = int(m.group(1))
            if year_columns.get(col, year) != year:
                raise RejectedFile(
                    [
                        Rejected(
                            name,
                            line,
                            col + 1,
                            f"header says {cell!r} where another header row says "
                            f"{year_columns[col]}",
                        )
                    ]
                )
            if year in year_columns.values() and year_columns.get(col) != year:
                raise RejectedFile(
                    [Rejected(name, line, col + 1, f"year {year} heads two columns")]
                )
            year_columns[col] = year
    table = _detect_table(name, grid, set(year_columns.values()))
    if set(year_columns.values()) != set(table.years):
        found = sorted(set(year_columns.values()))
        raise RejectedFile(
            [
                Rejected(
                    name,
                    grid[header_at][0],
                    1,
                    f"{table.id} should have July 1 estimates for "
                    f"{table.years[0]}-{table.years[-1]}; the header has "
                    f"{found or 'no years'}",
                )
            ]
        )
    header = {GEO: 0} | {str(y): c for c, y in sorted(year_columns.items())}
    citation = ""
    for i, (_, cells) in enumerate(grid):
        if cells and cells[0].lower().startswith("suggested citation"):
            rest = [c[0] for _, c in grid[i + 1 : i + 4] if c and c[0]]
            citation = " ".join(rest)
    return Layout(table, header, year_columns, data_start, citation)


def read(path: Path) -> Iterator[RawRow]:
    """One RawRow per table row: ``data`` holds the area name, each year's figure
    keyed by its year and the table id (``Table``)."""
    grid = read_grid(path)
    name = path.name
    lay = layout(name, grid)
    for line, cells in grid[lay.data_start :]:
        if not any(cells):
            continue
        first = cells[0] if cells else ""
        if _is_footer(first):
            break
        if first.lstrip(".").strip().lower() in REGIONS:
            continue  # Census regions are not jurisdictions
        data = {GEO: first, "Table": lay.table.id}
        for col, year in sorted(lay.year_columns.items(), key=lambda cy: cy[1]):
            data[str(year)] = cells[col] if col < len(cells) else ""
        yield RawRow(name, line, data, lay.header)


# -- cleaning (pure) ----------------------------------------------------------------


@dataclass(frozen=True)
class AreaRow:
    """One row of the table: a jurisdiction's July 1 estimates, one per year."""

    path: str
    line: int
    place: str
    table: str
    figures: tuple[ObservationRow, ...]


def clean(row: RawRow, *, places: dict[str, str]) -> AreaRow | Rejected:
    """``places`` maps a lower-case jurisdiction name to its postal code."""
    area = " ".join(row[GEO].lstrip(".").split())
    postal = places.get(area.lower())
    if postal is None:
        return row.reject(GEO, f"unknown state or area {row[GEO]!r}")
    table = TABLES.get(row.get("Table"))
    if table is None:
        return row.reject(None, f"unknown Census table {row.get('Table')!r}")
    figures: list[ObservationRow] = []
    for year in table.years:
        heading = str(year)
        if heading not in row.data:
            return row.reject(None, f"no column for {year}")
        text = row[heading].strip()
        if not text:
            return row.reject(heading, "no figure; the file may be truncated")
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            value = -1.0
        if value < 0 or not value.is_integer():
            return row.reject(heading, f"not a count of persons: {row[heading]!r}")
        figures.append(
            ObservationRow(
                path=row.path,
                line=row.line,
                place=postal,
                indicator=INDICATOR,
                period_type=Observation.Period.YEAR,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                value=value,
                note=(
                    f"Estimate as of July 1, {year} (Census Vintage "
                    f"{table.vintage}, {table.id})."
                ),
            )
        )
    return AreaRow(row.path, row.line, postal, table.id, tuple(figures))


# -- loading ------------------------------------------------------------------------


def source_spec(lay: Layout, path: Path) -> dict[str, object]:
    t = lay.table
    is_xlsx = path.read_bytes()[:4] == b"PK\x03\x04"
    form = (
        "Read from the official .xlsx table."
        if is_xlsx
        else f"Read from the official {t.id} table saved as CSV (same rows and "
        "figures as the .xlsx at the URL)."
    )
    return {
        "slug": t.slug,
        "publisher": "U.S. Census Bureau, Population Division",
        "dataset": t.dataset,
        "kind": "official",
        "url": t.url,
        "landing_url": POPEST,
        "vintage": f"Vintage {t.vintage} (released {t.released})",
        "as_of": dt.date(t.years[-1], 7, 1),
        "license": "Public domain (U.S. government work)",
        "citation": lay.citation
        or f"{t.dataset}. Source: U.S. Census Bureau, Population Division.",
        "notes": (
            f"{form} Resident population estimates as of July 1 of each year "
            f"{t.years[0]}-{t.years[-1]}, stored as calendar-year figures. 50 "
            "states, the District of Columbia, the United States and Puerto Rico; "
            "Census regions are not loaded. Each vintage revises earlier years, so "
            "figures from different vintages are not comparable year to year."
        ),
        "doc": SOURCE.doc,
    }


def check_complete(
    rows: Sequence[ObservationRow], table: Table, *, required: set[str], name: str
) -> None:
    """Every year of the table has the nation and every state and DC, and the
    states and DC add up to the nation (the Census tables do, exactly)."""
    problems: list[Rejected] = []
    last = max((r.line for r in rows), default=0)
    by_year: dict[int, dict[str, ObservationRow]] = {}
    for r in rows:
        by_year.setdefault(r.period_start.year, {})[r.place] = r
    for year in table.years:
        got = by_year.get(year, {})
        missing = sorted(required - set(got))
        if missing:
            problems.append(
                Rejected(
                    name,
                    last + 1,
                    1,
                    f"{year}: no row for {', '.join(missing)}; the file may be "
                    "truncated",
                )
            )
            continue
        states = sum(r.value or 0 for p, r in got.items() if p in required - {"US"})
        us = got["US"]
        if states != us.value:
            problems.append(
                Rejected(
                    name,
                    us.line,
                    1,
                    f"{year}: the states and DC add up to {states:,.0f}, the United "
                    f"States row says {us.value:,.0f}",
                )
            )
    if problems:
        raise RejectedFile(problems)


def load(rows: Sequence[AreaRow], *, path: Path) -> ImportResult:
    refuse_empty(rows, path)
    lay = layout(path.name, read_grid(path))
    dupes = [
        Rejected(
            r.path, r.line, 1, f"duplicate row: {place} already given on line {n}", GEO
        )
        for r, place, n in repeats(rows, lambda r: r.place)
    ]
    if dupes:
        raise RejectedFile(dupes)
    figures = [f for r in rows for f in r.figures]
    reject_duplicates(figures)
    required = set(postal_codes("states-and-dc")) | {"US"}
    check_complete(figures, lay.table, required=required, name=path.name)
    result = load_figures(
        figures,
        source_spec=source_spec(lay, path),
        indicator_specs=INDICATOR_SPECS,
    )
    result.notes.append(
        f"{lay.table.id} (Vintage {lay.table.vintage}) -> source {lay.table.slug}; "
        f"{len(rows)} jurisdictions x {len(lay.table.years)} years"
    )
    return result


def context() -> dict[str, object]:
    return {"places": place_lookup("name", "postal", among="no-cities", fold=str.lower)}
