from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from pathways.core.models import Source
from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import cdc_dispensing
from pathways.stats.models import Observation

NAL = [
    "YEAR",
    "STATE_NAME",
    "STATE_ABBREV",
    "STATE_FIPS",
    "naloxone_dispensing_rate",
    "Naloxone Dispensing Rate (per 100 persons)",
]
BUP = NAL[:4] + [
    "buprenorphine_dispensing_rate",
    "Buprenorphine Dispensing Rate (per 100 persons)",
]
PLACES = {
    "AL": ("01", "Alabama"),
    "AK": ("02", "Alaska"),
    "DC": ("11", "District of Columbia"),
}


def rec(
    year="2019", name="Alabama", abbrev="AL", fips="01", rate="0.2", band="0.2 - 0.4"
):
    return [year, name, abbrev, fips, rate, band]


def text(header, *records, order=None) -> str:
    order = order or list(range(len(header)))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in [header, *records]:
        w.writerow([r[i] for i in order])
    return "\ufeff" + buf.getvalue()


def raw(header=NAL, **overrides) -> RawRow:
    return RawRow(
        "d.csv",
        2,
        dict(zip(header, rec(**overrides), strict=True)),
        {h: i for i, h in enumerate(header)},
    )


# -- clean (pure) -------------------------------------------------------------------


def test_clean_naloxone_keeps_band_in_note():
    r = cdc_dispensing.clean(raw(), places=PLACES)
    assert (r.place, r.value, r.indicator) == ("AL", 0.2, "naloxone-dispensing-rate")
    assert r.period_type == "year"
    assert r.period_start.isoformat() == "2019-01-01"
    assert r.period_end.isoformat() == "2019-12-31"
    assert r.note == "Published rate band: 0.2 - 0.4"


def test_clean_buprenorphine_from_header():
    r = cdc_dispensing.clean(raw(BUP, rate="7.8", band=">7.0"), places=PLACES)
    assert r.indicator == "buprenorphine-dispensing-rate" and r.value == 7.8


def test_clean_blank_rate_is_missing_not_zero():
    r = cdc_dispensing.clean(raw(rate=""), places=PLACES)
    assert r.value is None and r.status == Observation.Status.MISSING
    assert "0.2 - 0.4" in r.note


@pytest.mark.parametrize(
    ("overrides", "column", "col_index"),
    [
        ({"abbrev": "ZZ"}, "STATE_ABBREV", 3),
        ({"fips": "02"}, "STATE_FIPS", 4),
        ({"name": "Alaska"}, "STATE_NAME", 2),
        ({"year": "20x9"}, "YEAR", 1),
        ({"year": "1899"}, "YEAR", 1),
        ({"rate": "0.2%"}, "naloxone_dispensing_rate", 5),
        ({"rate": "-0.2"}, "naloxone_dispensing_rate", 5),
        ({"rate": "0.9"}, "Naloxone Dispensing Rate (per 100 persons)", 6),
    ],
)
def test_clean_rejects_with_line_and_column(overrides, column, col_index):
    r = cdc_dispensing.clean(raw(**overrides), places=PLACES)
    assert isinstance(r, Rejected)
    assert (r.line, r.column, r.column_name) == (2, col_index, column)
    assert str(r).startswith(f"d.csv:2:{col_index}")


@pytest.mark.parametrize(
    ("value", "band", "expected"),
    [
        (0.1, "<0.2", True),
        (0.2, "<0.2", False),
        (7.8, ">7.0", True),
        (0.4, "0.2 - 0.4", True),
        (0.5, "0.2 - 0.4", False),
        (1.0, "high", None),
    ],
)
def test_in_band(value, band, expected):
    assert cdc_dispensing.in_band(value, band) is expected


# -- hand-made files ----------------------------------------------------------------

TWO = [rec(), rec(name="Alaska", abbrev="AK", fips="02", rate="0.5", band="0.5 - 0.6")]


@pytest.mark.django_db
def test_ingest_bom_detects_drug_and_is_idempotent(write_file, capsys):
    path = write_file("anything.csv", text(NAL, *TWO))
    call_command("ingest", "cdc-dispensing", str(path))
    obs = Observation.objects.select_related("indicator", "source")
    assert obs.count() == 2
    ak = obs.get(place__postal="AK")
    assert ak.value == 0.5 and ak.indicator.slug == "naloxone-dispensing-rate"
    assert ak.indicator.unit == "per-100" and ak.indicator.topic == "treatment"
    assert ak.source.slug == "cdc-naloxone-dispensing-rates"
    assert "not be verified offline" in ak.source.notes
    call_command("ingest", "cdc-dispensing", str(path), "--force")
    assert "inserted 0 · updated 0 · unchanged 2" in capsys.readouterr().out


@pytest.mark.django_db
def test_reordered_columns_and_second_drug(write_file):
    order = [5, 3, 1, 0, 4, 2]
    call_command(
        "ingest",
        "cdc-dispensing",
        str(write_file("n.csv", text(NAL, *TWO, order=order))),
    )
    call_command(
        "ingest",
        "cdc-dispensing",
        str(write_file("b.csv", text(BUP, rec(rate="7.8", band=">7.0")))),
    )
    got = {
        (o.indicator.slug, o.place.postal): o.value
        for o in Observation.objects.select_related("indicator", "place")
    }
    assert got == {
        ("naloxone-dispensing-rate", "AL"): 0.2,
        ("naloxone-dispensing-rate", "AK"): 0.5,
        ("buprenorphine-dispensing-rate", "AL"): 7.8,
    }
    assert set(Source.objects.values_list("slug", flat=True)) >= {
        "cdc-naloxone-dispensing-rates",
        "cdc-buprenorphine-dispensing-rates",
    }


GOOD = text(NAL, *TWO)
BAD_FILES = {
    "unknown-state": (
        text(NAL, rec(), rec(name="Atlantis", abbrev="ZZ", fips="99")),
        "d.csv:3:3 [STATE_ABBREV]: unknown state 'ZZ'",
    ),
    "truncated": (GOOD[: GOOD.index("Alaska") + 3], "d.csv:3:"),
    "unterminated-quote": (GOOD + '2020,"Alab', "d.csv:4:1: malformed record"),
    "duplicate": (
        text(NAL, rec(), rec(rate="0.3")),
        "d.csv:3:1: duplicate row: AL naloxone-dispensing-rate",
    ),
    "unknown-drug": (
        GOOD.replace("naloxone_dispensing_rate", "fentanyl_rate"),
        "d.csv:1:1: cannot tell which dispensing rate",
    ),
    "missing-column": (GOOD.replace("STATE_FIPS", "FIPS"), "d.csv:1:"),
    "empty": ("", "d.csv:1:1"),
    "header-only": (text(NAL), "d.csv:1:1: the file has no data rows"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_changes_nothing(case, write_file, capsys):
    good = write_file("good.csv", text(NAL, rec(year="2023")))
    call_command("ingest", "cdc-dispensing", str(good))
    before = list(Observation.objects.values_list("pk", "value"))
    content, where = BAD_FILES[case]
    path = write_file("d.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-dispensing", str(path))
    assert where in capsys.readouterr().err
    assert list(Observation.objects.values_list("pk", "value")) == before


@pytest.mark.django_db
def test_wrong_encoding_names_line_and_column(write_file, capsys):
    content = GOOD.encode("utf-8").replace(b"Alaska", "Al\u00e1ska".encode("latin-1"))
    path = write_file("d.csv", content)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-dispensing", str(path))
    assert "d.csv:3:8: not valid UTF-8" in capsys.readouterr().err
    assert Observation.objects.count() == 0


def test_source_names_cdc_pages():
    assert cdc_dispensing.SOURCE.url.startswith(
        "https://www.cdc.gov/overdose-prevention/"
    )
    assert Path(cdc_dispensing.SOURCE.doc).name == "cdc-dispensing.md"


# -- the real files -----------------------------------------------------------------


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_files_reconcile(data_dir, capsys):
    call_command("ingest", "cdc-dispensing", "--no-progress")
    for rel in cdc_dispensing.SOURCE.default_files:
        with (data_dir / rel).open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        header, body = rows[0], rows[1:]
        drug = cdc_dispensing.DRUGS[header[4]]
        obs = Observation.objects.filter(indicator__slug=drug.indicator)
        assert obs.count() == len(body) == 255
        assert obs.filter(place__kind__in=["state", "district"]).count() == 255
        assert obs.aggregate(s=Sum("value"))["s"] == pytest.approx(
            sum(float(r[4]) for r in body)
        )
        assert set(obs.values_list("period_start__year", flat=True)) == set(
            range(2019, 2024)
        )
        for r in body[:5]:
            o = obs.get(place__postal=r[2], period_start__year=int(r[0]))
            assert o.value == float(r[4]) and o.note.endswith(r[5])
    capsys.readouterr()
    call_command("ingest", "cdc-dispensing", "--no-progress", "--force")
    assert capsys.readouterr().out.count("inserted 0 · updated 0") == 2
