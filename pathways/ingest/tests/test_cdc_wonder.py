from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from pathways.core.models import Source
from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import cdc_wonder
from pathways.stats.models import Observation

# WONDER's export: the columns the parser needs, then two it does not read.
COLUMNS = [*cdc_wonder.REQUIRED, "Population", "Crude Rate"]
FOOTER = [
    "---",
    '"Dataset: Provisional Mortality Statistics, 2018 through Last Week"',
    "Query Parameters:",
    "Group By: Month; Residence State",
    "Show Zero Values: False",
    "Show Suppressed: False",
    "---",
    '"Query Date: Apr 21, 2025 4:56:10 PM"',
    "---",
    '"Suggested Citation: Centers for Disease Control and Prevention, National '
    'Center for Health Statistics."',
    '"System, Provisional Mortality on CDC WONDER Online Database."',
    "---",
    "Messages:",
    '"1. Rows with zero Deaths are hidden, but ... Use Quick Options above"',
]
PLACES = {
    "01": ("AL", "Alabama"),
    "02": ("AK", "Alaska"),
    "11": ("DC", "District of Columbia"),
}


def rec(
    label="Jan., 2018",
    code="2018/01",
    state="Alabama",
    fips="1",
    deaths="56",
    notes="",
) -> list[str]:
    return [notes, label, code, state, fips, deaths, "Not Applicable", "Not Applicable"]


def tsv(
    *records: list[str], footer: bool = True, order: list[int] | None = None
) -> str:
    order = order or list(range(len(COLUMNS)))
    out = []
    for r in [COLUMNS, *records]:
        cells = [r[i] for i in order]
        out.append("\t".join(f'"{c}"' if "," in c else c for c in cells))
    if footer:
        out += [line + "\t" * 7 for line in FOOTER]
    return "\r\n".join(out) + "\r\n"


TWO_MONTHS = [
    rec(),
    rec(state="Alaska", fips="2", deaths="11"),
    rec(label="Feb., 2018", code="2018/02", deaths="60"),
    rec(
        notes="Total",
        label="Feb., 2018",
        code="2018/02",
        state="",
        fips="",
        deaths="999",
    ),
]


def raw(**overrides) -> RawRow:
    values = rec(**overrides)
    return RawRow(
        "w.tsv",
        3,
        dict(zip(COLUMNS, values, strict=True)),
        {c: i for i, c in enumerate(COLUMNS)},
    )


# -- clean (pure) -------------------------------------------------------------------


def test_clean_reads_one_month_by_fips():
    r = cdc_wonder.clean(raw(), places=PLACES)
    assert (r.place, r.value, r.status) == ("AL", 56, "ok")
    assert r.indicator == "overdose-deaths-residence-monthly"
    assert (r.period_start, r.period_end) == (dt.date(2018, 1, 1), dt.date(2018, 1, 31))
    assert r.period_type == "month" and r.note == ""


def test_clean_provisional_month_gets_note():
    r = cdc_wonder.clean(
        raw(label="Feb., 2024 (provisional)", code="2024/02"), places=PLACES
    )
    assert r.note == "provisional" and r.period_end == dt.date(2024, 2, 29)


def test_clean_may_has_no_dot_and_dc_code_is_padded():
    r = cdc_wonder.clean(
        raw(label="May, 2020", code="2020/05", state="District of Columbia", fips="11"),
        places=PLACES,
    )
    assert r.place == "DC" and r.period_start == dt.date(2020, 5, 1)


def test_clean_suppressed_text_is_null_not_zero():
    r = cdc_wonder.clean(raw(deaths="Suppressed"), places=PLACES)
    assert r.value is None and r.status == Observation.Status.SUPPRESSED


@pytest.mark.parametrize(
    ("overrides", "column", "col_index"),
    [
        ({"fips": "99"}, "Residence State Code", 5),
        ({"fips": ""}, "Residence State Code", 5),
        ({"state": "Alaska"}, "Residence State", 4),
        ({"code": "2018-01"}, "Month Code", 3),
        ({"code": "2018/13"}, "Month Code", 3),
        ({"label": "Feb., 2018"}, "Month", 2),
        ({"deaths": "12x"}, "Deaths", 6),
        ({"deaths": "-3"}, "Deaths", 6),
    ],
)
def test_clean_rejects_with_line_and_column(overrides, column, col_index):
    r = cdc_wonder.clean(raw(**overrides), places=PLACES)
    assert isinstance(r, Rejected)
    assert (r.line, r.column, r.column_name) == (3, col_index, column)
    assert str(r).startswith(f"w.tsv:3:{col_index}")


def test_query_date_from_footer():
    assert cdc_wonder.query_date(["Group By: Month"]) is None
    assert cdc_wonder.query_date(["Query Date: Apr 21, 2025 4:56:10 PM"]) == dt.date(
        2025, 4, 21
    )


# -- hand-made files ----------------------------------------------------------------


def series(month: int) -> dict[str, Observation]:
    return {
        o.place.postal: o
        for o in Observation.objects.filter(period_start__month=month).select_related(
            "place"
        )
    }


@pytest.mark.django_db
def test_ingest_fills_hidden_rows_and_is_idempotent(write_file, capsys):
    path = write_file("w.tsv", tsv(*TWO_MONTHS))
    call_command("ingest", "cdc-wonder", str(path))
    assert Observation.objects.count() == 51 * 2  # 50 states + DC, two months
    jan, feb = series(1), series(2)
    assert jan["AL"].value == 56 and jan["AK"].value == 11 and feb["AL"].value == 60
    hidden = feb["AK"]
    assert hidden.value is None and hidden.status == "suppressed"
    assert hidden.note == cdc_wonder.HIDDEN_NOTE
    assert not Observation.objects.filter(value=0).exists()
    assert "US" not in jan  # WONDER's Total rows are not loaded
    source = Source.objects.get(slug="cdc-wonder-d176")
    assert source.as_of == dt.date(2025, 4, 21)
    assert "Provisional Mortality on CDC WONDER" in source.citation
    assert "99 hidden state-month(s)" in capsys.readouterr().out
    call_command("ingest", "cdc-wonder", str(path), "--force")
    assert "inserted 0 · updated 0 · unchanged 102" in capsys.readouterr().out


@pytest.mark.django_db
def test_reordered_columns(write_file):
    order = list(reversed(range(len(COLUMNS))))
    path = write_file("w.tsv", tsv(*TWO_MONTHS, order=order))
    call_command("ingest", "cdc-wonder", str(path))
    assert series(1)["AK"].value == 11 and series(2)["AL"].value == 60


@pytest.mark.django_db
def test_one_file_never_touches_another_files_months(write_file, capsys):
    y2018 = write_file("w2018.tsv", tsv(*TWO_MONTHS))
    y2019 = write_file(
        "w2019.tsv",
        tsv(rec(label="Jan., 2019", code="2019/01", deaths="70")),
    )
    call_command("ingest", "cdc-wonder", str(y2018))
    call_command("ingest", "cdc-wonder", str(y2019))
    assert Observation.objects.count() == 51 * 3
    changed = write_file("w2018.tsv", tsv(*TWO_MONTHS[1:]))  # AL January now hidden
    capsys.readouterr()
    call_command("ingest", "cdc-wonder", str(changed))
    assert "inserted 0 · updated 1 · unchanged 101" in capsys.readouterr().out
    assert Observation.objects.count() == 51 * 3
    jan_2018 = Observation.objects.get(place__postal="AL", period_start="2018-01-01")
    assert jan_2018.value is None and jan_2018.status == "suppressed"
    jan_2019 = Observation.objects.get(place__postal="AL", period_start="2019-01-01")
    assert jan_2019.value == 70


@pytest.mark.django_db
def test_provisional_hidden_rows_say_so(write_file):
    path = write_file(
        "w.tsv", tsv(rec(label="Oct., 2024 (provisional)", code="2024/10"))
    )
    call_command("ingest", "cdc-wonder", str(path))
    assert series(10)["AL"].note == "provisional"
    assert series(10)["WY"].note == cdc_wonder.HIDDEN_NOTE + " (provisional)"


GOOD = tsv(*TWO_MONTHS)
BAD_FILES = {
    "unknown-state-code": (
        tsv(rec(), rec(state="Atlantis", fips="99")),
        "w.tsv:3:5 [Residence State Code]: unknown residence state code '99'",
    ),
    "truncated-no-footer": (tsv(*TWO_MONTHS, footer=False), "w.tsv:6:1: the file ends"),
    "truncated-mid-line": (GOOD[: GOOD.index("Alaska") + 8], "w.tsv:3:"),
    "unterminated-quote": (
        GOOD[: GOOD.index('"Feb., 2018"') + 6],
        "w.tsv:4:1: malformed record",
    ),
    "duplicate": (
        tsv(rec(), rec(deaths="57")),
        "w.tsv:3:1: duplicate row: AL overdose-deaths-residence-monthly 2018-01",
    ),
    "missing-column": (GOOD.replace("Month Code", "Code"), "w.tsv:1:"),
    "empty": ("", "w.tsv:1:1"),
    "header-only": (tsv(), "w.tsv:1:1: the file has no data rows"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.tsv", tsv(rec(label="Mar., 2018", code="2018/03")))
    call_command("ingest", "cdc-wonder", str(good))
    before = list(Observation.objects.values_list("pk", "value", "status"))
    content, where = BAD_FILES[case]
    path = write_file("w.tsv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-wonder", str(path))
    assert where in capsys.readouterr().err
    assert list(Observation.objects.values_list("pk", "value", "status")) == before


@pytest.mark.django_db
def test_wrong_encoding_names_line_and_column(write_file, capsys):
    content = (
        tsv(*TWO_MONTHS)
        .encode()
        .replace(b"\tAlaska\t", "\tAl\u00e1ska\t".encode("latin-1"))
    )
    path = write_file("w.tsv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-wonder", str(path))
    assert "w.tsv:3:25: not valid UTF-8" in capsys.readouterr().err
    assert Observation.objects.count() == 0


def test_source_knows_official_page():
    assert cdc_wonder.SOURCE.url == "https://wonder.cdc.gov/mcd-icd10-provisional.html"
    assert Path(cdc_wonder.SOURCE.doc).name == "cdc-wonder.md"
    assert len(cdc_wonder.SOURCE.default_files) == 7


# -- the real files -----------------------------------------------------------------

# Sums of the state rows WONDER shows (suppressed state-months are hidden), per
# SOURCES-overdose-arrests.md section 2b; 2024 is provisional, January-October.
YEARLY = {
    2018: 67_064,
    2019: 70_329,
    2020: 91_596,
    2021: 106_543,
    2022: 107_814,
    2023: 104_888,
    2024: 63_629,
}


def raw_sum(path: Path) -> tuple[int, int]:
    """An independent reading: (sum of the state rows' deaths, number of rows)."""
    total = count = 0
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["Notes"] == "---":
                break
            if r["Notes"] != "Total":
                total += int(r["Deaths"])
                count += 1
    return total, count


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_files_reconcile(data_dir, capsys):
    call_command("ingest", "cdc-wonder", "--no-progress")
    obs = Observation.objects.filter(indicator__slug=cdc_wonder.INDICATOR)
    rows_in_files = 0
    for rel in cdc_wonder.SOURCE.default_files:
        year = int(rel[-8:-4])
        file_sum, file_rows = raw_sum(data_dir / rel)
        rows_in_files += file_rows
        stored = obs.filter(period_start__year=year)
        assert stored.aggregate(s=Sum("value"))["s"] == file_sum == YEARLY[year]
        months = 10 if year == 2024 else 12
        assert stored.count() == 51 * months
        assert (
            stored.filter(place__kind__in=["state", "district"]).count() == 51 * months
        )
    assert obs.filter(status="ok").count() == rows_in_files == 3_977
    hidden = obs.filter(status="suppressed")
    assert hidden.count() == 51 * 82 - 3_977
    assert not hidden.exclude(value=None).exists()
    assert not obs.filter(value=0).exists()
    assert (
        obs.filter(note="provisional").count()
        == obs.filter(period_start__year=2024, status="ok").count()
    )
    assert Source.objects.get(slug="cdc-wonder-d176").as_of == dt.date(2025, 4, 21)
    capsys.readouterr()
    call_command("ingest", "cdc-wonder", "--no-progress", "--force")
    assert capsys.readouterr().out.count("inserted 0 · updated 0") == 7
