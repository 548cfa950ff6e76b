from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
import xlrd
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.core.models import Source
from pathways.ingest.base import RawRow, Rejected, RejectedFile
from pathways.ingest.sources import fbi_arrests, fbi_arrests_compiled, fbi_ucr
from pathways.ingest.sources.fbi_arrests import SheetRow
from pathways.ingest.sources.fbi_ucr import (
    AGENCIES,
    DRUG_ARRESTS,
    POPULATION,
    StateYear,
)
from pathways.stats.models import Observation

STATES = {
    "ALABAMA": "AL",
    "DISTRICT OF COLUMBIA": "DC",
    "FLORIDA": "FL",
    "ILLINOIS": "IL",
    "NEW YORK": "NY",
}
PLACES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "DC": "District of Columbia",
    "HI": "Hawaii",
    "IL": "Illinois",
    "US": "United States",
}

XLS_FILES = {
    2013: "arrests/raw/fbi_cius2013_table69_arrests_by_state.xls",
    2014: "arrests/raw/fbi_cius2014_table69_arrests_by_state.xls",
    2015: "arrests/raw/fbi_cius2015_table69_arrests_by_state.xls",
    2016: "arrests/raw/fbi_cius2016_table22_arrests_by_state.xls",
}
COMPILED = "arrests/drug_arrests_by_state.csv"
# SOURCES-arrests.md §3: sums of the state rows (reporting agencies only).
SOURCES_SUMS = {
    2010: 1_415_794,
    2011: 1_305_379,
    2012: 1_328_457,
    2013: 1_335_798,
    2014: 1_345_695,
    2015: 1_259_009,
    2016: 1_365_200,
}


# -- the Excel table: a fake xlrd sheet for structure tests ----------------------------


class FakeSheet:
    """Just enough of ``xlrd.sheet.Sheet`` for ``read_sheet``."""

    name = "13tbl69"

    def __init__(self, rows: list[list]):
        self.rows = rows
        self.nrows = len(rows)
        self.ncols = max(len(r) for r in rows)

    def cell(self, r: int, c: int) -> xlrd.sheet.Cell:
        row = self.rows[r]
        v = row[c] if c < len(row) else ""
        if v == "" or v is None:
            return xlrd.sheet.Cell(xlrd.XL_CELL_EMPTY, "")
        if isinstance(v, int | float):
            return xlrd.sheet.Cell(xlrd.XL_CELL_NUMBER, float(v))
        return xlrd.sheet.Cell(xlrd.XL_CELL_TEXT, v)


HEADER = [
    "State",
    "",
    "Total\nall \nclasses1",
    "Drug \nabuse\nviolations",
    "Gambling",
    "Number\nof\nagencies",
    "2013\nestimated \npopulation",
]


def sheet_rows(
    *,
    title=("Table 69", "Arrests ", "by State, 2013"),
    header=HEADER,
    states=None,
    footer=None,
):
    states = (
        states
        if states is not None
        else [
            ["ALABAMA5  ", "Under 18", 175, 16, 0, 1, 84139],
            ["", "Total all ages", 2119, 325, 0],
            ["DISTRICT OF COLUMBIA6", "Under 18", 369, 20, 0, 1, ""],
            ["", "Total all ages", 6154, 323, 0],
            ["FLORIDA5, 7", "Under 18", 72304, 7994, 5, 614, 19487611],
            ["", "Total all ages", 904135, 126137, 303],
        ]
    )
    footer = (
        footer
        if footer is not None
        else [
            ["1 Does not include traffic arrests."],
            ["5 See 2013 Arrest Data for details."],
            [
                "6 Includes arrests reported by the Metro Transit Police.  This "
                "agency has no population associated with it."
            ],
            ["7 The arrest category All other offenses for Florida also includes…"],
            ["NOTE:  Because the number of agencies submitting arrest data varies…"],
        ]
    )
    return [[t] for t in title] + [list(header)] + states + footer


def read_fake(rows) -> list[SheetRow]:
    return list(fbi_arrests.read_sheet(FakeSheet(rows), "t.xls"))


def test_read_sheet_pairs_rows_and_finds_year_table_and_columns():
    rows = read_fake(sheet_rows())
    assert [r["State"] for r in rows] == [
        "ALABAMA5",
        "DISTRICT OF COLUMBIA6",
        "FLORIDA5, 7",
    ]
    al = rows[0]
    assert (al.year, al.table, al.sheet) == (2013, "69", "13tbl69")
    # agencies and population from the Under 18 row, drugs from Total all ages
    assert al["Drug abuse violations"] == "325"
    assert al["Number of agencies"] == "1"
    assert al["estimated population"] == "84139"
    assert al.lines["Drug abuse violations"] == 6 and al.line == 5
    assert al.footnotes["6"].startswith("Includes arrests reported by the Metro")
    assert al.sheet_note.startswith("NOTE:")


def test_read_sheet_finds_columns_by_header_text_not_position():
    header = [HEADER[0], HEADER[1], HEADER[5], HEADER[6], HEADER[4], HEADER[3]]
    states = [
        ["ALABAMA", "Under 18", 1, 84139, 0, 16],
        ["", "Total all ages", "", "", 0, 325],
    ]
    (row,) = read_fake(sheet_rows(header=header, states=states, footer=[]))
    assert row["Drug abuse violations"] == "325"
    assert row["estimated population"] == "84139"


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        ({"header": HEADER[:3] + HEADER[4:]}, "t.xls:4:1", "Drug abuse violations"),
        (
            {"title": ("Table 69", "Arrests by State, 2014")},
            "t.xls:3:7",
            "population column is for 2013",
        ),
        ({"title": ("Table 69", "Arrests")}, "t.xls:1:1", "does not read"),
        (
            {
                "states": [
                    ["ALABAMA", "Under 18", 1, 16, 0, 1, 5],
                    ["ALASKA", "Under 18", 1, 16, 0, 1, 5],
                    ["", "Total all ages", 1, 16, 0],
                ]
            },
            "t.xls:6:2",
            "'ALABAMA' has no 'Total all ages' row",
        ),
        (
            {"states": [["ALABAMA", "Under 18", 1, 16, 0, 1, 5]], "footer": []},
            "t.xls:5:2",
            "the file may be truncated",
        ),
        (
            {
                "states": [
                    ["", "Total all ages", 1, 16, 0],
                    ["ALABAMA", "Under 18", 1, 16, 0, 1, 5],
                    ["", "Total all ages", 1, 16, 0],
                ]
            },
            "t.xls:5:2",
            "without an 'Under 18' row",
        ),
        ({"footer": [["Something odd here"]]}, "t.xls:11:1", "unexpected text"),
        ({"footer": [["", "", 12]]}, "t.xls:11:3", "unexpected value"),
    ],
)
def test_read_sheet_rejects_damaged_structure(change, where, reason):
    with pytest.raises(RejectedFile) as exc:
        read_fake(sheet_rows(**change))
    text = str(exc.value)
    assert text.startswith(where), text
    assert reason in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ALASKA", ("ALASKA", [])),
        ("ALABAMA5  ", ("ALABAMA", ["5"])),
        ("FLORIDA5, 7", ("FLORIDA", ["5", "7"])),
        ("FLORIDA5,7", ("FLORIDA", ["5", "7"])),
        ("DISTRICT OF COLUMBIA6", ("DISTRICT OF COLUMBIA", ["6"])),
        ("NEW YORK", ("NEW YORK", [])),
        ("12", None),
    ],
)
def test_split_state_keeps_footnote_numbers(text, expected):
    assert fbi_arrests.split_state(text) == expected


def test_clean_strips_footnote_digits_and_keeps_footnote_text():
    fl = read_fake(sheet_rows())[2]
    r = fbi_arrests.clean(fl, states=STATES)
    assert isinstance(r, StateYear)
    assert (r.state, r.year) == ("FL", 2013)
    assert (r.drug_arrests, r.agencies, r.population) == (126137, 614, 19487611)
    assert r.footnote_symbol == "5,7"
    assert r.note.startswith("FBI footnote 5: See 2013 Arrest Data for details.")
    assert "FBI footnote 7: The arrest category All other offenses" in r.note


def test_clean_rejects_unknown_state_and_bad_numbers_on_their_own_row():
    rows = read_fake(
        sheet_rows(
            states=[
                ["ATLANTIS", "Under 18", 1, 16, 0, 1, 5],
                ["", "Total all ages", 1, 16, 0],
                ["ALABAMA", "Under 18", 1, 16, 0, "n/a", 5],
                ["", "Total all ages", 1, 16, 0],
                ["ILLINOIS9", "Under 18", 1, 16, 0, 2, 5],
                ["", "Total all ages", 1, 16, 0],
                ["NEW YORK", "Under 18", 1, 16, 0, 2, 5],
                ["", "Total all ages", 1, "12x", 0],
            ]
        )
    )
    bad_state = fbi_arrests.clean(rows[0], states=STATES)
    assert str(bad_state).startswith("t.xls:5:1 [State]: unknown state 'ATLANTIS'")
    # agencies come from the Under 18 row (line 7), column 6
    bad_agencies = fbi_arrests.clean(rows[1], states=STATES)
    assert str(bad_agencies).startswith("t.xls:7:6 [Number of agencies]")
    # a footnote number the sheet does not explain
    no_text = fbi_arrests.clean(rows[2], states=STATES)
    assert str(no_text).startswith("t.xls:9:1 [State]")
    assert "footnote 9" in no_text.reason
    # a bad drug count is on the Total all ages row (line 12), column 4
    bad_drugs = fbi_arrests.clean(rows[3], states=STATES)
    assert str(bad_drugs).startswith("t.xls:12:4 [Drug abuse violations]")


def test_to_observations_dc_is_not_usable_with_value_kept():
    dc = fbi_arrests.clean(read_fake(sheet_rows())[1], states=STATES)
    obs = {o.indicator: o for o in fbi_ucr.to_observations(dc)}
    assert obs[DRUG_ARRESTS].value == 323
    assert obs[DRUG_ARRESTS].status == Observation.Status.NOT_USABLE
    assert "Metro Transit Police" in obs[DRUG_ARRESTS].note
    assert "not the Metropolitan Police Department" in obs[DRUG_ARRESTS].note
    assert obs[POPULATION].value is None
    assert obs[POPULATION].status == Observation.Status.NOT_USABLE
    assert obs[AGENCIES].value == 1 and obs[AGENCIES].status == Observation.Status.OK
    assert {o.period_type for o in obs.values()} == {Observation.Period.YEAR}
    assert obs[AGENCIES].period_start.isoformat() == "2013-01-01"
    assert obs[AGENCIES].period_end.isoformat() == "2013-12-31"


def test_to_observations_blank_value_is_missing_never_zero():
    rec = StateYear("f", 2, "AL", 2013, None, 1, 5)
    obs = {o.indicator: o for o in fbi_ucr.to_observations(rec)}
    assert obs[DRUG_ARRESTS].value is None
    assert obs[DRUG_ARRESTS].status == Observation.Status.MISSING
    assert obs[DRUG_ARRESTS].note.startswith("Blank in the FBI table")
    assert obs[AGENCIES].status == Observation.Status.OK


def test_table_urls():
    assert fbi_ucr.table_url(2015, "69") == (
        "https://ucr.fbi.gov/crime-in-the-u.s/2015/crime-in-the-u.s.-2015/tables/table-69"
    )
    assert fbi_ucr.table_url(2016, "22").endswith("2016/tables/table-22")
    assert fbi_ucr.table_url(2017, "69").endswith("topic-pages/tables/table-69")


# -- the compiled CSV: clean() units --------------------------------------------------

CSV_COLUMNS = [
    "state",
    "state_name",
    "year",
    "drug_arrests_total",
    "possession",
    "sale_manufacturing",
    "agencies",
    "population_covered",
    "source_repo",
    "source_path",
    "official_source",
    "notes",
]


def csv_row(
    state="AK",
    name="Alaska",
    year="2010",
    drugs="2491",
    agencies="35",
    pop="705910",
    notes="covered population = 98.9% of Census July-1 2010 state population",
    possession="",
):
    return {
        "state": state,
        "state_name": name,
        "year": year,
        "drug_arrests_total": drugs,
        "possession": possession,
        "sale_manufacturing": "",
        "agencies": agencies,
        "population_covered": pop,
        "source_repo": "arnav-aggarwal/csv-parse@875f5a5",
        "source_path": "state-crime-2/data/fbi_crime_stats_state_view.csv",
        "official_source": 'FBI UCR, CIUS 2010, Table 69 "Arrests by State, 2010"',
        "notes": notes,
    }


MISSING_HI = {
    "state": "HI",
    "name": "Hawaii",
    "year": "2011",
    "drugs": "",
    "agencies": "",
    "pop": "",
    "notes": "MISSING: not present in the source file",
}


def raw_csv(**overrides) -> RawRow:
    return RawRow(
        "c.csv", 2, csv_row(**overrides), {c: i for i, c in enumerate(CSV_COLUMNS)}
    )


def clean_csv(**overrides):
    return fbi_arrests_compiled.clean(raw_csv(**overrides), places=PLACES)


def test_compiled_clean_keeps_values_and_notes():
    r = clean_csv()
    assert (r.state, r.year, r.drug_arrests, r.agencies, r.population) == (
        "AK",
        2010,
        2491,
        35,
        705910,
    )
    assert r.note.startswith("covered population = 98.9%") and not r.missing


def test_compiled_clean_missing_row_is_null_with_reason():
    r = clean_csv(**MISSING_HI)
    assert r.missing and r.drug_arrests is None
    obs = fbi_ucr.to_observations(r)
    assert {o.status for o in obs} == {Observation.Status.MISSING}
    assert {o.value for o in obs} == {None}
    assert all(o.note == "MISSING: not present in the source file" for o in obs)


def test_compiled_clean_dc_not_usable_and_low_coverage_note_kept():
    note = (
        "LOW COVERAGE: covered population = 0.0% of Census July-1 2014 state "
        "population; FBI footnote 6: Includes arrests reported by the Metro Transit "
        "Police.; DC NOT USABLE: Table 69 DC entry rests on 1-2 agencies"
    )
    r = clean_csv(
        state="DC",
        name="District of Columbia",
        year="2014",
        drugs="389",
        agencies="1",
        pop="0",
        notes=note,
    )
    obs = {o.indicator: o for o in fbi_ucr.to_observations(r)}
    assert obs[DRUG_ARRESTS].value == 389
    assert obs[DRUG_ARRESTS].status == Observation.Status.NOT_USABLE
    assert obs[DRUG_ARRESTS].note == note  # already says why; not repeated
    assert obs[POPULATION].status == Observation.Status.NOT_USABLE
    low = clean_csv(notes="LOW COVERAGE: covered population = 22.0% of Census")
    assert fbi_ucr.to_observations(low)[0].note.startswith("LOW COVERAGE")


@pytest.mark.parametrize(
    ("overrides", "column", "col_index"),
    [
        ({"state": "ZZ"}, "state", 1),
        ({"name": "Alabama"}, "state_name", 2),
        ({"year": "20x0"}, "year", 3),
        ({"year": "1890"}, "year", 3),
        ({"drugs": "1.5"}, "drug_arrests_total", 4),
        ({"drugs": "-4"}, "drug_arrests_total", 4),
        ({"possession": "2000"}, "possession", 5),
        ({"pop": "lots"}, "population_covered", 8),
        ({**MISSING_HI, "drugs": "892"}, "drug_arrests_total", 4),
        ({**MISSING_HI, "notes": ""}, "notes", 12),
    ],
)
def test_compiled_clean_rejects_with_line_and_column(overrides, column, col_index):
    r = clean_csv(**overrides)
    assert isinstance(r, Rejected), r
    assert (r.line, r.column, r.column_name) == (2, col_index, column)
    assert str(r).startswith(f"c.csv:2:{col_index}")


# -- the compiled CSV: hand-made files ------------------------------------------------


def csv_text(rows: list[dict], columns=CSV_COLUMNS) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r[c] for c in columns})
    return buf.getvalue()


GOOD_ROWS = [
    csv_row(),
    csv_row(year="2011", drugs="2341", agencies="32", pop="714559"),
    csv_row(**MISSING_HI),
]


@pytest.mark.django_db
def test_compiled_reordered_columns_idempotent(write_file, capsys):
    path = write_file(
        "arrests.csv", "\ufeff" + csv_text(GOOD_ROWS, list(reversed(CSV_COLUMNS)))
    )
    call_command("ingest", "fbi-arrests-compiled", str(path), "--no-progress")
    assert Observation.objects.count() == 9
    ak = Observation.objects.get(
        place__postal="AK", indicator__slug=DRUG_ARRESTS, period_end="2011-12-31"
    )
    assert ak.value == 2341 and ak.source.slug == "fbi-arrests-compiled"
    assert ak.source.kind == Source.Kind.DERIVED
    assert "third-party database export" in ak.source.notes
    hi = Observation.objects.filter(place__postal="HI")
    assert {(o.value, o.status) for o in hi} == {(None, Observation.Status.MISSING)}
    capsys.readouterr()
    call_command("ingest", "fbi-arrests-compiled", str(path), "--force")
    assert "inserted 0 · updated 0 · unchanged 9" in capsys.readouterr().out


def _truncated() -> str:
    text = csv_text(GOOD_ROWS[:2])
    return text[: text.rindex("\n", 0, len(text) - 1) + 40]


BAD_CSV = {
    "unknown-state": (
        csv_text([*GOOD_ROWS, csv_row(state="ZZ")]),
        "arrests.csv:5:1 [state]: unknown jurisdiction code 'ZZ'",
    ),
    "truncated": (_truncated(), "arrests.csv:3:"),
    "duplicate": (
        csv_text([*GOOD_ROWS, csv_row(drugs="2500")]),
        "arrests.csv:5:1: duplicate row: AK drug-arrests 2010-12",
    ),
    "missing-column": (
        csv_text(GOOD_ROWS, [c for c in CSV_COLUMNS if c != "agencies"]),
        "arrests.csv:1:12: missing column(s) 'agencies'",
    ),
    "empty": ("", "arrests.csv:1:1"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_CSV))
def test_compiled_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.csv", csv_text(GOOD_ROWS[:1]))
    call_command("ingest", "fbi-arrests-compiled", str(good), "--no-progress")
    before = list(Observation.objects.values_list("pk", "value", "status"))
    content, where = BAD_CSV[case]
    path = write_file("arrests.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "fbi-arrests-compiled", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert where in err, err
    assert "Traceback" not in err
    assert list(Observation.objects.values_list("pk", "value", "status")) == before


@pytest.mark.django_db
def test_compiled_wrong_encoding_names_line_and_column(write_file, capsys):
    text = csv_text([*GOOD_ROWS, csv_row(state="HI", name="Hawai\u02bbi")])
    path = write_file("arrests.csv", text.replace("\u02bb", "\u00ef"), "latin-1")
    with pytest.raises(CommandError):
        call_command("ingest", "fbi-arrests-compiled", str(path), "--no-progress")
    assert "arrests.csv:5:9: not valid UTF-8" in capsys.readouterr().err
    assert Observation.objects.count() == 0


# -- the Excel files: damaged input ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"", b"State,Year\nAK,2013\n", b"PK\x03\x04 not really an xlsx"],
    ids=["empty", "csv", "zip"],
)
def test_xls_unreadable_file_is_rejected_cleanly(content, write_file, capsys):
    path = write_file("table.xls", content)
    with pytest.raises(CommandError):
        call_command("ingest", "fbi-arrests", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert "table.xls:1:1: " in err and "Traceback" not in err
    assert Observation.objects.count() == 0


# -- real files -----------------------------------------------------------------------


def _compiled_rows(data_dir: Path) -> list[StateYear]:
    path = data_dir / COMPILED
    ctx = fbi_arrests_compiled.context()
    out = [
        fbi_arrests_compiled.clean(r, **ctx) for r in fbi_arrests_compiled.read(path)
    ]
    bad = [str(r) for r in out if isinstance(r, Rejected)]
    assert not bad, bad
    return out


def _xls_rows(path: Path) -> list[StateYear]:
    ctx = fbi_arrests.context()
    out = [fbi_arrests.clean(r, **ctx) for r in fbi_arrests.read(path)]
    bad = [str(r) for r in out if isinstance(r, Rejected)]
    assert not bad, bad
    return out


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_compiled_sums_match_sources(data_dir):
    rows = _compiled_rows(data_dir)
    assert len(rows) == 357
    assert Counter(r.year for r in rows) == {y: 51 for y in SOURCES_SUMS}
    sums = Counter()
    for r in rows:
        sums[r.year] += r.drug_arrests or 0
    assert dict(sums) == SOURCES_SUMS
    assert sorted((r.state, r.year) for r in rows if r.missing) == [
        ("DC", 2010),
        ("DC", 2012),
        ("HI", 2011),
    ]
    low = {(r.state, r.year) for r in rows if r.note.startswith("LOW COVERAGE")}
    assert {("IL", y) for y in SOURCES_SUMS} <= low


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(XLS_FILES))
def test_real_xls_equals_compiled_for_every_state(data_dir, year):
    xls = {r.state: r for r in _xls_rows(data_dir / XLS_FILES[year])}
    assert {r.year for r in xls.values()} == {year}
    assert len(xls) == 51
    compiled = {r.state: r for r in _compiled_rows(data_dir) if r.year == year}
    assert set(xls) == set(compiled)
    diffs = [
        f"{st} {field}: xls {getattr(xls[st], field)} != csv "
        f"{getattr(compiled[st], field)}"
        for st in sorted(xls)
        for field in ("drug_arrests", "agencies", "population")
        if getattr(xls[st], field) != getattr(compiled[st], field)
    ]
    assert not diffs, "\n".join(diffs)
    assert sum(r.drug_arrests for r in xls.values()) == SOURCES_SUMS[year]
    # footnote text from the bottom of the sheet, e.g. DC's Metro Transit Police
    assert "Metro Transit Police" in xls["DC"].note
    assert xls["IL"].footnote_symbol


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_xls_year_and_table_come_from_the_sheet_not_the_name(data_dir, tmp_path):
    path = tmp_path / "download.xls"
    shutil.copyfile(data_dir / XLS_FILES[2016], path)
    rows = list(fbi_arrests.read(path))
    assert {(r.year, r.table, r.sheet) for r in rows} == {(2016, "22", "16tbl22")}


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_truncated_xls_is_rejected_with_file_name(data_dir, tmp_path, capsys):
    path = tmp_path / "cut.xls"
    path.write_bytes((data_dir / XLS_FILES[2015]).read_bytes()[:2000])
    with pytest.raises(CommandError):
        call_command("ingest", "fbi-arrests", str(path), "--no-progress")
    err = capsys.readouterr().err
    assert "cut.xls:1:1: not a readable Excel 97-2003 (.xls) workbook" in err
    assert "truncated or corrupt" in err and "Traceback" not in err
    assert Observation.objects.count() == 0


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_ingest_both_sources_idempotent(data_dir, capsys):
    call_command("ingest", "fbi-arrests", "--no-progress", "--data-dir", data_dir)
    call_command(
        "ingest", "fbi-arrests-compiled", "--no-progress", "--data-dir", data_dir
    )
    out = capsys.readouterr().out
    assert out.count("inserted 153 ·") == 4
    assert "read 357 · inserted 1,071" in out

    src = Source.objects.get(slug="fbi-cius-2015-table69")
    assert src.publisher == "FBI Uniform Crime Reporting Program"
    assert src.dataset == "Crime in the United States 2015, Table 69: Arrests by State"
    assert src.url == (
        "https://ucr.fbi.gov/crime-in-the-u.s/2015/crime-in-the-u.s.-2015/tables/table-69"
    )
    assert src.license.startswith("Public domain") and src.kind == "official"
    assert Source.objects.get(slug="fbi-cius-2016-table22").url.endswith(
        "/2016/crime-in-the-u.s.-2016/tables/table-22"
    )

    compiled = Observation.objects.filter(source__slug="fbi-arrests-compiled")
    for st, year in [("HI", 2011), ("DC", 2010), ("DC", 2012)]:
        obs = compiled.filter(place__postal=st, period_end__year=year)
        assert obs.count() == 3
        assert {(o.value, o.status) for o in obs} == {
            (None, Observation.Status.MISSING)
        }
    dc = Observation.objects.filter(place__postal="DC", indicator__slug=DRUG_ARRESTS)
    assert (
        dc.exclude(status=Observation.Status.NOT_USABLE)
        .filter(value__isnull=False)
        .count()
        == 0
    )
    assert dc.get(source__slug="fbi-cius-2014-table69").value == 389
    assert not Observation.objects.filter(
        status=Observation.Status.OK, value__isnull=True
    ).exists()

    call_command(
        "ingest", "fbi-arrests", "--no-progress", "--force", "--data-dir", data_dir
    )
    call_command(
        "ingest",
        "fbi-arrests-compiled",
        "--no-progress",
        "--force",
        "--data-dir",
        data_dir,
    )
    again = capsys.readouterr().out
    assert again.count("inserted 0 · updated 0 · unchanged 153") == 4
    assert "inserted 0 · updated 0 · unchanged 1,071" in again
