from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import cdc_vsrr
from pathways.stats.models import Observation

HEADER = (
    "State,Year,Month,Period,Indicator,Data Value,Percent Complete,"
    "Percent Pending Investigation,State Name,Footnote,Footnote Symbol,Predicted Value\n"
)
NOTE = (
    "Numbers may differ from published reports using final data. See Technical Notes."
)


def line(
    state="OR",
    year="2023",
    month="December",
    indicator="Number of Drug Overdose Deaths",
    value="1,879",
    predicted="1,879",
    pc="100",
    footnote=NOTE,
    symbol="**",
):
    return (
        f'{state},{year},{month},12 month-ending,"{indicator}","{value}",{pc},0.0,'
        f'Oregon,"{footnote}",{symbol},"{predicted}"\n'
    )


def blank(why: str, **overrides) -> dict[str, str]:
    """The fields of a row whose value NCHS leaves blank, saying why."""
    return {"value": "", "predicted": "", "footnote": NOTE + why, **overrides}


PLACES = {"OR", "NY", "YC", "US", "WA", "PR"}


def raw(**overrides) -> RawRow:
    text = HEADER + line(**overrides)
    rows = list(csv.reader(text.splitlines()))
    header = rows[0]
    return RawRow(
        "f.csv",
        2,
        dict(zip(header, rows[1], strict=True)),
        {h: i for i, h in enumerate(header)},
    )


def test_clean_reads_thousands_separators_and_period():
    r = cdc_vsrr.clean(raw(), places=PLACES)
    assert r.value == 1879 and r.predicted == 1879
    assert r.period_end.isoformat() == "2023-12-31"
    assert r.period_start.isoformat() == "2023-01-01"
    assert r.indicator == "drug-overdose-deaths"


def test_clean_keeps_suppressed_as_missing_with_reason():
    r = cdc_vsrr.clean(
        raw(**blank("  Data suppressed (<10).", indicator="Methadone (T40.3)")),
        places=PLACES,
    )
    assert r.value is None and r.status == Observation.Status.SUPPRESSED


def test_clean_low_quality_status():
    r = cdc_vsrr.clean(
        raw(**blank(" Data not shown due to low data quality.")), places=PLACES
    )
    assert r.value is None and r.status == Observation.Status.LOW_QUALITY


@pytest.mark.parametrize(
    ("overrides", "column", "col_index"),
    [
        ({"state": "ZZ"}, "State", 1),
        ({"month": "Smarch"}, "Month", 3),
        ({"value": "12x"}, "Data Value", 6),
        ({"value": "-3"}, "Data Value", 6),
        ({"indicator": "Something else"}, "Indicator", 5),
    ],
)
def test_clean_rejects_with_line_and_column(overrides, column, col_index):
    r = cdc_vsrr.clean(raw(**overrides), places=PLACES)
    assert isinstance(r, Rejected)
    assert (r.line, r.column, r.column_name) == (2, col_index, column)
    assert str(r).startswith(f"f.csv:2:{col_index}")


def test_clean_accepts_percent_complete_plus():
    r = cdc_vsrr.clean(raw(pc="99.5+"), places=PLACES)
    assert r.percent_complete == 99.5


@pytest.mark.django_db
def test_ingest_bom_reordered_columns_and_idempotent(write_file, capsys):
    cols = HEADER.strip().split(",")
    order = list(reversed(range(len(cols))))
    rows = list(
        csv.reader([HEADER.strip(), line().strip(), line(month="November").strip()])
    )
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for r in rows:
        w.writerow([r[i] for i in order])
    path = write_file("vsrr.csv", "\ufeff" + buf.getvalue())
    call_command("ingest", "cdc-vsrr", str(path))
    assert Observation.objects.count() == 2
    o = Observation.objects.get(period_end="2023-12-31")
    assert o.value == 1879 and o.place.postal == "OR"
    call_command("ingest", "cdc-vsrr", str(path), "--force")
    out = capsys.readouterr().out
    assert "inserted 0 · updated 0 · unchanged 2" in out


@pytest.mark.django_db
def test_new_york_is_city_plus_rest_of_state(write_file):
    path = write_file(
        "vsrr.csv",
        HEADER
        + line(state="NY", value="3,000", predicted="3,100")
        + line(state="YC", value="2,500", predicted="", pc="90")
        + line(state="NY", month="November", value="2,900")
        + line(**blank(" Data suppressed (<10).", state="YC", month="November")),
    )
    call_command("ingest", "cdc-vsrr", str(path))
    ny = {o.period_end.month: o for o in Observation.objects.filter(place__postal="NY")}
    assert ny[12].value == 5500 and ny[12].predicted is None
    assert ny[12].percent_complete == 90
    assert "New York City" in ny[12].note
    assert ny[11].value is None and ny[11].status == Observation.Status.SUPPRESSED
    assert (
        Observation.objects.get(place__postal="YC", period_end__month=12).value == 2500
    )


BAD_FILES = {
    "truncated": (HEADER + line() + line(month="November")[:40], "vsrr.csv:3:"),
    "unterminated-quote": (
        HEADER + line() + 'OR,2023,May,12 month-ending,"Num',
        "vsrr.csv:3:",
    ),
    "duplicate": (HEADER + line() + line(value="1,880"), "vsrr.csv:3:1"),
    "unknown-state": (HEADER + line() + line(state="ZZ"), "vsrr.csv:3:1 [State]"),
    "missing-column": (HEADER.replace("Data Value,", "") + "x\n", "vsrr.csv:1:"),
    "empty": ("", "vsrr.csv:1:1"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.csv", HEADER + line(month="January", value="10"))
    call_command("ingest", "cdc-vsrr", str(good))
    before = list(Observation.objects.values_list("pk", "value"))
    content, where = BAD_FILES[case]
    path = write_file("vsrr.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-vsrr", str(path))
    assert where in capsys.readouterr().err
    assert list(Observation.objects.values_list("pk", "value")) == before


@pytest.mark.django_db
def test_wrong_encoding_names_line_and_column(write_file, capsys):
    content = (
        (HEADER + line()).encode() + "OR,2023,Ma\u00efrch".encode("latin-1") + b"\n"
    )
    path = write_file("vsrr.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-vsrr", str(path))
    assert "vsrr.csv:3:11: not valid UTF-8" in capsys.readouterr().err
    assert Observation.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_changes_nothing(write_file):
    path = write_file("vsrr.csv", HEADER + line())
    call_command("ingest", "cdc-vsrr", str(path), "--dry-run")
    assert Observation.objects.count() == 0


def test_source_knows_official_download():
    assert cdc_vsrr.SOURCE.url.startswith("https://data.cdc.gov/")
    assert Path(cdc_vsrr.SOURCE.doc).name == "cdc-vsrr.md"
