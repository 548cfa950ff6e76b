"""FBI UCR "Arrests by State": drug law arrests, reporting agencies and covered
population, read from the FBI's own Excel tables (Crime in the United States).

The table is Table 69 in CIUS 2010-2015 and 2017-2019 and Table 22 in the
slimmed CIUS 2016. Each state has two rows: "Under 18" (where the FBI prints the
number of agencies and their estimated population) and "Total all ages" (the
arrest counts we keep). The year, the table number and the columns are found from
the sheet's title and header text, never from the file name or fixed positions.
State names carry footnote digits ("ILLINOIS4"); the digits are kept as the
footnote symbol and the footnote text from the bottom of the sheet goes into the
note. See docs/data/fbi-arrests.md."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..base import (
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    RejectedFile,
    sha256_of,
)
from ..observations import place_lookup
from .fbi_ucr import (
    LICENSE,
    PUBLISHER,
    StateYear,
    load_state_years,
    table_url,
    whole_number,
)

SOURCE = IngestSource(
    slug="fbi-arrests",
    title="FBI UCR Crime in the United States: Arrests by State (official Excel)",
    url="https://ucr.fbi.gov/crime-in-the-u.s/2016/crime-in-the-u.s.-2016/tables/table-22",
    doc="docs/data/fbi-arrests.md",
    default_files=(
        "arrests/raw/fbi_cius2013_table69_arrests_by_state.xls",
        "arrests/raw/fbi_cius2014_table69_arrests_by_state.xls",
        "arrests/raw/fbi_cius2015_table69_arrests_by_state.xls",
        "arrests/raw/fbi_cius2016_table22_arrests_by_state.xls",
    ),
    parser_version=1,
)


# -- reading the Excel table ----------------------------------------------------------


@dataclass
class SheetRow(RawRow):
    """One state of the table: its "Under 18" and "Total all ages" rows merged.

    ``lines`` says which spreadsheet row each field came from, so a rejection
    names the right row; ``footnotes`` maps footnote numbers to the text printed
    at the bottom of the sheet."""

    lines: dict[str, int] = field(default_factory=dict)
    year: int = 0
    table: str = ""
    sheet: str = ""
    footnotes: dict[str, str] = field(default_factory=dict)
    sheet_note: str = ""

    def reject(self, column: str | None, reason: str) -> Rejected:
        r = super().reject(column, reason)
        return dataclasses.replace(r, line=self.lines.get(column or "", self.line))


STATE = "State"
DRUGS = "Drug abuse violations"
AGENCY_COL = "Number of agencies"
POP_COL = "estimated population"

_TRAILING_DIGITS = re.compile(r"\d[\d,\s]*$")
_POP_HEADER = re.compile(r"^(\d{4}) estimated population\d*$", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"Arrests\s+by\s+State,?\s+(\d{4})", re.IGNORECASE)
_TITLE_TABLE = re.compile(r"\bTable\s+(\d+[A-Z]?)\b", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^(\d+)\s+(\S.*)$", re.DOTALL)
_STATE_NAME = re.compile(r"^(?P<name>.*?[A-Za-z.)])\s*(?P<marks>\d+(?:\s*,\s*\d+)*)?$")


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def _header_key(text: str) -> str:
    """'Drug \\nabuse\\nviolations' -> 'drug abuse violations'; drops footnote digits
    stuck to a word ('Drunkenness4')."""
    text = _norm(text).lower()
    return re.sub(r"(?<=[a-z])\d+$", "", text)


def _cell_text(sheet, r: int, c: int) -> str:
    """A cell as the text ``clean`` parses: numbers without '.0', text stripped."""
    import xlrd

    if c >= sheet.ncols:
        return ""
    cell = sheet.cell(r, c)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        v = float(cell.value)
        return str(int(v)) if v.is_integer() else repr(v)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return f"#ERROR({cell.value})"
    return str(cell.value).strip()


def open_workbook(path: Path):
    """The workbook, or :class:`RejectedFile` naming the file and why it cannot be
    read (truncated, corrupt, not a .xls). Never a traceback."""
    import xlrd

    name = path.name
    data = path.read_bytes()
    if not data:
        raise RejectedFile([Rejected(name, 1, 1, "the file is empty")])
    try:
        return xlrd.open_workbook(file_contents=data, logfile=io.StringIO())
    except Exception as exc:  # xlrd raises many kinds on damaged files
        detail = _norm(str(exc)) or type(exc).__name__
        raise RejectedFile(
            [
                Rejected(
                    name,
                    1,
                    1,
                    "not a readable Excel 97-2003 (.xls) workbook; the file may be "
                    f"truncated or corrupt ({type(exc).__name__}: {detail})",
                )
            ]
        ) from exc


def _find_sheet(book, name: str):
    candidates = []
    for sheet in book.sheets():
        top = " ".join(
            _cell_text(sheet, r, c)
            for r in range(min(sheet.nrows, 8))
            for c in range(min(sheet.ncols, 3))
        )
        if _TITLE_YEAR.search(_norm(top)):
            candidates.append(sheet)
    if len(candidates) != 1:
        found = ", ".join(repr(s.name) for s in book.sheets()) or "none"
        reason = (
            "no sheet titled 'Arrests by State, <year>'"
            if not candidates
            else "more than one sheet titled 'Arrests by State, <year>'"
        )
        raise RejectedFile([Rejected(name, 1, 1, f"{reason}; sheets: {found}")])
    return candidates[0]


def read(path: Path) -> Iterator[SheetRow]:
    yield from read_sheet(_find_sheet(open_workbook(path), path.name), path.name)


def read_sheet(sheet, name: str) -> Iterator[SheetRow]:
    """The state rows of one xlrd sheet (anything with ``name``, ``nrows``,
    ``ncols`` and ``cell(r, c)``); ``name`` is the file name for rejections."""

    def fail(line: int, col: int, reason: str):
        raise RejectedFile([Rejected(name, line, col, f"[{sheet.name}] {reason}")])

    # Header row: the first row whose first cell reads "State".
    header_row = next(
        (
            r
            for r in range(sheet.nrows)
            if _header_key(_cell_text(sheet, r, 0)) == "state"
        ),
        None,
    )
    if header_row is None:
        fail(1, 1, "no header row starting with 'State'; is this the arrests table?")
    title = _norm(
        " ".join(
            _cell_text(sheet, r, c)
            for r in range(header_row)
            for c in range(sheet.ncols)
        )
    )
    m = _TITLE_YEAR.search(title)
    t = _TITLE_TABLE.search(title)
    if not m or not t:
        fail(1, 1, f"title {title!r} does not read 'Table N Arrests by State, YEAR'")
    year, table = int(m.group(1)), t.group(1)

    columns: dict[str, int] = {STATE: 0}
    pop_year = None
    for c in range(sheet.ncols):
        key = _header_key(_cell_text(sheet, header_row, c))
        if key == "drug abuse violations":
            columns[DRUGS] = c
        elif key == "number of agencies":
            columns[AGENCY_COL] = c
        elif pm := _POP_HEADER.match(key):
            columns[POP_COL], pop_year = c, int(pm.group(1))
    missing = [k for k in (DRUGS, AGENCY_COL, POP_COL) if k not in columns]
    if missing:
        found = [_norm(_cell_text(sheet, header_row, c)) for c in range(sheet.ncols)]
        fail(
            header_row + 1,
            1,
            "missing column(s) "
            + ", ".join(repr("<year> " + k if k == POP_COL else k) for k in missing)
            + "; found "
            + ", ".join(repr(f) for f in found if f),
        )
    if pop_year != year:
        fail(
            header_row + 1,
            columns[POP_COL] + 1,
            f"the title says {year} but the population column is for {pop_year}",
        )

    # The column that says "Under 18" / "Total all ages" (unlabelled in the header).
    label_col = next(
        (
            c
            for r in range(header_row + 1, sheet.nrows)
            for c in range(min(sheet.ncols, 4))
            if _header_key(_cell_text(sheet, r, c)) == "under 18"
        ),
        None,
    )
    if label_col is None:
        fail(header_row + 2, 1, "no 'Under 18' row below the header; no state data")

    footnotes: dict[str, str] = {}
    sheet_note = ""
    blocks: list[dict] = []
    pending: dict | None = None
    problems: list[Rejected] = []

    def problem(r: int, c: int, reason: str) -> None:
        problems.append(Rejected(name, r + 1, c + 1, f"[{sheet.name}] {reason}"))

    for r in range(header_row + 1, sheet.nrows):
        state = _cell_text(sheet, r, 0)
        label = _header_key(_cell_text(sheet, r, label_col))
        if label == "under 18":
            if pending is not None:
                problem(r, label_col, f"{pending[STATE]!r} has no 'Total all ages' row")
            if not state:
                problem(r, 0, "'Under 18' row without a state name")
                pending = None
                continue
            pending = {
                STATE: state,
                "line": r + 1,
                AGENCY_COL: _cell_text(sheet, r, columns[AGENCY_COL]),
                POP_COL: _cell_text(sheet, r, columns[POP_COL]),
            }
        elif label == "total all ages":
            if pending is None:
                problem(r, label_col, "'Total all ages' row without an 'Under 18' row")
                continue
            if state and _norm(state) != _norm(pending[STATE]):
                problem(r, 0, f"state {state!r} inside the block of {pending[STATE]!r}")
            pending["total_line"] = r + 1
            pending[DRUGS] = _cell_text(sheet, r, columns[DRUGS])
            blocks.append(pending)
            pending = None
        elif label:
            problem(r, label_col, f"unexpected row label {label!r}")
        else:
            if pending is not None:
                problem(r, label_col, f"{pending[STATE]!r} has no 'Total all ages' row")
                pending = None
            text = _norm(state)
            others = [
                c for c in range(1, sheet.ncols) if _cell_text(sheet, r, c).strip()
            ]
            if not text and not others:
                continue  # blank row
            if others:
                problem(r, others[0], "unexpected value in a footnote row")
            elif fm := _FOOTNOTE.match(text):
                footnotes[fm.group(1)] = _norm(fm.group(2))
            elif text.upper().startswith("NOTE"):
                sheet_note = text
            else:
                problem(r, 0, f"unexpected text {text[:60]!r}")
    if pending is not None:
        problem(
            sheet.nrows - 1,
            label_col,
            f"{pending[STATE]!r} has no 'Total all ages' row; the file may be truncated",
        )
    if not blocks:
        problem(header_row + 1, 0, "no state rows found")
    if problems:
        raise RejectedFile(problems)

    for b in blocks:
        yield SheetRow(
            path=name,
            line=b["line"],
            data={k: b[k] for k in (STATE, DRUGS, AGENCY_COL, POP_COL)},
            columns=columns,
            lines={
                STATE: b["line"],
                AGENCY_COL: b["line"],
                POP_COL: b["line"],
                DRUGS: b["total_line"],
            },
            year=year,
            table=table,
            sheet=sheet.name,
            footnotes=footnotes,
            sheet_note=sheet_note,
        )


# -- cleaning (pure) ------------------------------------------------------------------


def split_state(text: str) -> tuple[str, list[str]] | None:
    """'FLORIDA5, 7' -> ('FLORIDA', ['5', '7']); 'ALASKA' -> ('ALASKA', [])."""
    m = _STATE_NAME.match(_norm(text))
    if not m:
        return None
    marks = re.findall(r"\d+", m.group("marks") or "")
    return _norm(m.group("name")), marks


def clean(row: SheetRow, *, states: dict[str, str]) -> StateYear | Rejected:
    """``states`` maps upper-case jurisdiction names to postal codes."""
    parsed = split_state(row[STATE])
    if parsed is None:
        return row.reject(STATE, f"not a state name: {row[STATE]!r}")
    name, marks = parsed
    postal = states.get(name.upper())
    if postal is None:
        return row.reject(STATE, f"unknown state {name!r}")
    numbers: dict[str, float | None] = {}
    for col in (DRUGS, AGENCY_COL, POP_COL):
        try:
            numbers[col] = whole_number(row[col])
        except ValueError:
            return row.reject(col, f"{name}: not a whole number: {row[col]!r}")
    texts = []
    for mark in marks:
        text = row.footnotes.get(mark)
        if text is None:
            return row.reject(
                STATE,
                f"{name} carries footnote {mark}, but the sheet has no footnote {mark}",
            )
        texts.append(f"FBI footnote {mark}: {text}")
    return StateYear(
        path=row.path,
        line=row.line,
        state=postal,
        year=row.year,
        drug_arrests=numbers[DRUGS],
        agencies=numbers[AGENCY_COL],
        population=numbers[POP_COL],
        footnote_symbol=",".join(marks),
        note="; ".join(texts),
        table=row.table,
        sheet=row.sheet,
        sheet_note=row.sheet_note,
    )


# -- loading --------------------------------------------------------------------------


def source_spec(year: int, table: str, sheet: str, sheet_note: str, path: Path):
    dataset = f"Crime in the United States {year}, Table {table}: Arrests by State"
    return {
        "slug": f"fbi-cius-{year}-table{table.lower()}",
        "publisher": PUBLISHER,
        "dataset": dataset,
        "kind": "official",
        "url": table_url(year, table),
        "landing_url": f"https://ucr.fbi.gov/crime-in-the-u.s/{year}/crime-in-the-u.s.-{year}",
        "vintage": f"Crime in the United States {year} (published {year + 1})",
        "as_of": dt.date(year, 12, 31),
        "license": LICENSE,
        "citation": (
            f"Federal Bureau of Investigation, Uniform Crime Reporting Program. "
            f"{dataset}, {year}. U.S. Department of Justice."
        ),
        "notes": (
            f"Read from the FBI's Excel table as published (sheet {sheet}, file "
            f"{path.name}, sha256 {sha256_of(path)[:12]}). Drug arrests are the "
            '"Drug abuse violations" column of the "Total all ages" row; agencies '
            'and estimated population are printed on the state\'s "Under 18" row. '
            "Only agencies that sent 12 months of arrest data are counted (no "
            "imputation): compute rates with the covered population, never the "
            "Census population. District of Columbia drug arrests are stored as "
            f"not usable. FBI: {sheet_note}"
        ).strip(),
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[StateYear], *, path: Path) -> ImportResult:
    if not rows:
        return ImportResult()
    tables = {(r.year, r.table, r.sheet, r.sheet_note) for r in rows}
    if len(tables) != 1:
        raise RejectedFile(
            [Rejected(path.name, 1, 1, "rows from more than one table in one file")]
        )
    ((year, table, sheet, sheet_note),) = tables
    spec = source_spec(year, table, sheet, sheet_note, path)
    return load_state_years(rows, source_spec=spec)


def context() -> dict[str, object]:
    return {
        "states": place_lookup("name", "postal", among="states-and-dc", fold=str.upper)
    }
