from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from pathways.core.models import Source
from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import census_population as census
from pathways.places.jurisdictions import STATES
from pathways.stats.models import Observation

NAMES = [name for _, _, name, _ in STATES]  # 50 states + DC, alphabetical
PLACES = {name.lower(): postal for _, postal, name, _ in STATES} | {
    "united states": "US",
    "puerto rico": "PR",
}
Y2019 = list(range(2010, 2020))
Y2024 = list(range(2020, 2025))


def pop(i: int, year: int) -> int:
    return 1_000_000 + 1_000 * i + (year - 2000)


def q(n: int) -> str:
    return f'"{n:,}"'


def v2019_csv(
    *,
    order: list[int] | None = None,
    extra: str = "",
    drop: str = "",
    footer: bool = True,
) -> str:
    """A small NST-EST2019-01 table in the CSV export's layout."""
    years = order or Y2019
    head = ["2016t" if y == 2016 else str(y) for y in years]
    lines = [
        "Geographic area,,," + ",".join(head),
        "," * 12,
        ',"April 1, 2010",,Population Estimate (as of July 1)' + "," * 9,
        ",Census,Estimates Base," + ",".join(str(y) for y in years),
    ]

    def row(name: str, values: dict[int, int]) -> str:
        base = values[2010]
        return ",".join([name, q(base), q(base)] + [q(values[y]) for y in years])

    us = {y: sum(pop(i, y) for i in range(51)) for y in Y2019}
    lines.append(row("United States", us))
    lines.append(row("Northeast", {y: 5 for y in Y2019}))
    for i, name in enumerate(NAMES):
        if name == drop:
            continue
        lines.append(row("." + name, {y: pop(i, y) for y in Y2019}))
        if name == "Alaska" and extra:
            lines.append(extra)
    lines.append("," * 12)
    lines.append(row("Puerto Rico", {y: 3_000_000 + y for y in Y2019}))
    if footer:
        lines += [
            '"Note: The estimates are based on the 2010 Census."' + "," * 12,
            "Suggested Citation:" + "," * 12,
            '"Table 1. Annual Estimates of the Resident Population for the United '
            "States, Regions, States, and Puerto Rico: April 1, 2010 to July 1, 2019 "
            '(NST-EST2019-01)"' + "," * 12,
            '"Source: U.S. Census Bureau, Population Division"' + "," * 12,
            "Release Date: December 2019" + "," * 12,
        ]
    return "\r\n".join(lines) + "\r\n"


def v2024_xlsx(*, bad_name: str = "") -> bytes:
    """A small NST-EST2024-POP table in the official .xlsx layout."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "NST-EST2024-POP"
    ws.append(["table with row headers in column A and column headers in rows 3-4"])
    ws.append(
        [
            "Annual Estimates of the Resident Population for the United States, "
            "Regions, States, District of Columbia, and Puerto Rico: April 1, 2020 "
            "to July 1, 2024"
        ]
    )
    ws.append(["Geographic Area", "April 1, 2020 Estimates Base", "Population"])
    ws.append([None, None, *Y2024])
    ws.append(["United States", 1, *[sum(pop(i, y) for i in range(51)) for y in Y2024]])
    ws.append(["West", 1, 2, 3, 4, 5, 6])
    for i, name in enumerate(NAMES):
        ws.append(["." + name, 1, *[pop(i, y) for y in Y2024]])
        if name == "Alabama" and bad_name:
            ws.append([bad_name, 1, 2, 3, 4, 5, 6])
    ws.append([])
    ws.append([".Puerto Rico", 1, 3, 3, 3, 3, 3])
    ws.append(["Note: The estimates are developed from a base ..."])
    ws.append(["Suggested Citation:"])
    ws.append(["Annual Estimates ... (NST-EST2024-POP)"])
    ws.append(["Source: U.S. Census Bureau, Population Division"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def raw(area=".Alabama", table="NST-EST2024-POP", **values) -> RawRow:
    data = {census.GEO: area, "Table": table}
    years = census.TABLES[table].years
    data |= {str(y): values.get(f"y{y}", f"{5_000_000 + y:,}") for y in years}
    columns = {census.GEO: 0} | {str(y): 2 + i for i, y in enumerate(years)}
    return RawRow("pop.xlsx", 10, data, columns)


# -- clean (pure) -------------------------------------------------------------------


def test_clean_reads_every_year_of_the_row():
    r = census.clean(raw(), places=PLACES)
    assert r.place == "AL" and len(r.figures) == 5
    first = r.figures[0]
    assert first.value == 5_002_020 and first.indicator == "population"
    assert first.period_start.isoformat() == "2020-01-01"
    assert first.period_end.isoformat() == "2020-12-31"
    assert first.period_type == "year"
    assert "July 1, 2020" in first.note and "Vintage 2024" in first.note


@pytest.mark.parametrize(
    ("area", "postal"),
    [("United States", "US"), (".Puerto Rico", "PR"), ("Puerto Rico", "PR")],
)
def test_clean_nation_and_puerto_rico(area, postal):
    assert census.clean(raw(area=area), places=PLACES).place == postal


@pytest.mark.parametrize(
    ("overrides", "col", "name"),
    [
        ({"area": ".Atlantis"}, 1, "Geographic Area"),
        ({"y2022": "12x"}, 5, "2022"),
        ({"y2020": "-4"}, 3, "2020"),
        ({"y2024": "1.5"}, 7, "2024"),
        ({"y2021": ""}, 4, "2021"),
    ],
)
def test_clean_rejects_with_line_and_column(overrides, col, name):
    r = census.clean(raw(**overrides), places=PLACES)
    assert isinstance(r, Rejected)
    assert (r.line, r.column, r.column_name) == (10, col, name)
    assert str(r).startswith(f"pop.xlsx:10:{col} [{name}]")


def test_year_heading_quirk_2016t():
    assert census.YEAR_HEADING.match("2016t")[1] == "2016"
    assert census.YEAR_HEADING.match("2016x") is None


# -- hand-made files ----------------------------------------------------------------


def stored(slug: str) -> dict[tuple[str, int], float]:
    return {
        (o.place.postal, o.period_start.year): o.value
        for o in Observation.objects.filter(source__slug=slug).select_related("place")
    }


@pytest.mark.django_db
def test_ingest_csv_layout_and_idempotent(write_file, capsys):
    path = write_file("pop.csv", v2019_csv())
    call_command("ingest", "census-population", str(path))
    values = stored("census-pep-v2019")
    assert len(values) == 53 * 10  # US + 50 states + DC + PR
    assert values[("AL", 2016)] == pop(0, 2016)
    assert values[("PR", 2019)] == 3_002_019
    source = Source.objects.get(slug="census-pep-v2019")
    assert "nst-est2019-01.xlsx" in source.url and "saved as CSV" in source.notes
    call_command("ingest", "census-population", str(path), "--force")
    assert "inserted 0 · updated 0 · unchanged 530" in capsys.readouterr().out


@pytest.mark.django_db
def test_reordered_year_columns(write_file):
    path = write_file("pop.csv", v2019_csv(order=list(reversed(Y2019))))
    call_command("ingest", "census-population", str(path))
    values = stored("census-pep-v2019")
    assert values[("WY", 2010)] == pop(50, 2010)
    assert values[("WY", 2019)] == pop(50, 2019)


@pytest.mark.django_db
def test_ingest_xlsx_layout(write_file):
    path = write_file("anything.dat", v2024_xlsx())
    call_command("ingest", "census-population", str(path))
    values = stored("census-pep-v2024")
    assert len(values) == 53 * 5
    assert values[("US", 2024)] == sum(pop(i, 2024) for i in range(51))
    assert Source.objects.get(slug="census-pep-v2024").vintage.startswith(
        "Vintage 2024"
    )


@pytest.mark.django_db
def test_xlsx_unknown_state_names_spreadsheet_row(write_file, capsys):
    path = write_file("pop.xlsx", v2024_xlsx(bad_name=".Atlantis"))
    with pytest.raises(CommandError):
        call_command("ingest", "census-population", str(path))
    # title (1-2), header (3-4), US (5), West (6), Alabama (7), Atlantis (8)
    assert "pop.xlsx:8:1 [Geographic Area]: unknown state or area '.Atlantis'" in (
        capsys.readouterr().err
    )
    assert Observation.objects.count() == 0


GOOD = v2019_csv()
BAD_FILES = {
    "unknown-state": (
        v2019_csv(extra=".Atlantis," + ",".join(['"1"'] * 12)),
        "pop.csv:9:1 [Geographic Area]: unknown state or area",
    ),
    "truncated-mid-record": (GOOD[: GOOD.index(".Ohio") + 12], "pop.csv:"),
    "truncated-at-row": (
        GOOD[: GOOD.index(".Ohio")],
        "no row for OH, OK, OR",
    ),
    "duplicate": (
        v2019_csv(extra=GOOD.splitlines()[7]),
        "pop.csv:9:1 [Geographic Area]: duplicate row: AK already given on line 8",
    ),
    "missing-state": (v2019_csv(drop="Texas"), "no row for TX"),
    "not-census": ("a,b\r\n1,2\r\n", "pop.csv:1:1: no 'Geographic Area' header"),
    "wrong-years": (
        GOOD.replace("2019", "2029").replace("(NST-EST2029-01)", ""),
        "cannot tell which Census table",
    ),
    "sum-mismatch": (
        GOOD.replace(q(pop(0, 2012)), q(pop(0, 2012) + 1), 1),
        "2012: the states and DC add up to",
    ),
    "empty": ("", "no 'Geographic Area' header"),
    "header-only": (
        "\r\n".join(GOOD.splitlines()[:4]) + "\r\n",
        "pop.csv:1:1: the file has no data rows",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.csv", GOOD)
    call_command("ingest", "census-population", str(good))
    before = list(Observation.objects.values_list("pk", "value"))
    content, where = BAD_FILES[case]
    path = write_file("pop.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "census-population", str(path))
    assert where in capsys.readouterr().err
    assert list(Observation.objects.values_list("pk", "value")) == before


@pytest.mark.django_db
def test_wrong_encoding_names_line_and_column(write_file, capsys):
    content = (
        v2019_csv().encode().replace(b".Alabama", ".Alab\u00e1ma".encode("latin-1"))
    )
    path = write_file("pop.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "census-population", str(path))
    assert "pop.csv:7:6: not valid UTF-8" in capsys.readouterr().err
    assert Observation.objects.count() == 0


@pytest.mark.django_db
def test_truncated_xlsx_is_rejected(write_file, capsys):
    data = v2024_xlsx()
    path = write_file("pop.xlsx", data[: len(data) // 2])
    with pytest.raises(CommandError):
        call_command("ingest", "census-population", str(path))
    assert "pop.xlsx:1:1: not a readable Excel workbook" in capsys.readouterr().err


def test_source_knows_official_download():
    assert census.SOURCE.url.startswith("https://www2.census.gov/")
    assert Path(census.SOURCE.doc).name == "census-population.md"
    assert {t.slug for t in census.TABLES.values()} == {
        "census-pep-v2024",
        "census-pep-v2019",
    }


# -- the real files -----------------------------------------------------------------


def raw_totals(path: Path, years: list[int]) -> dict[str, dict[int, int]]:
    """An independent reading of the official table: area -> year -> figure."""
    if path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    out: dict[str, dict[int, int]] = {}
    for r in rows:
        name = str(r[0] or "")
        if name.startswith(".") or name in ("United States", "Puerto Rico"):
            nums = [int(str(v).replace(",", "")) for v in r[1:] if v not in (None, "")]
            out[name.lstrip(".")] = dict(zip(years, nums[-len(years) :], strict=True))
    return out


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_files_reconcile(data_dir, capsys):
    call_command("ingest", "census-population", "--no-progress")
    capsys.readouterr()
    obs = Observation.objects.filter(indicator__slug="population")
    us_2024 = obs.get(
        source__slug="census-pep-v2024", place__postal="US", period_end__year=2024
    )
    assert us_2024.period_end.year == 2024 and us_2024.value == 340_110_988
    for slug, rel, years in [
        ("census-pep-v2024", census.SOURCE.default_files[0], Y2024),
        ("census-pep-v2019", census.SOURCE.default_files[1], Y2019),
    ]:
        raw_values = raw_totals(data_dir / rel, years)
        assert len(raw_values) == 53
        mine = obs.filter(source__slug=slug)
        assert mine.count() == 53 * len(years)
        total = mine.aggregate(s=Sum("value"))["s"]
        assert total == sum(sum(v.values()) for v in raw_values.values())
        for year in years:
            year_obs = mine.filter(period_start__year=year)
            states = year_obs.filter(place__kind__in=["state", "district"])
            assert states.count() == 51
            us = year_obs.get(place__postal="US").value
            assert states.aggregate(s=Sum("value"))["s"] == us
            assert us == raw_values["United States"][year]
    call_command("ingest", "census-population", "--no-progress", "--force")
    out = capsys.readouterr().out
    assert out.count("inserted 0 · updated 0") == 2
