"""SAMHSA National Directory ingest on small hand-made files: cleaning, the
footer, locations, keys, rejections (file:line:column) and re-ingest."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import samhsa_directory as sd
from pathways.treatment.models import Facility, ServiceCode

DEFS = [
    ("substance", "SA", "Substance use treatment"),
    ("substance", "DT", "Detoxification"),
    ("substance", "OP", "Outpatient"),
    ("substance", "MD", "Medicaid"),
    ("substance", "BU", "Buprenorphine used in Treatment"),
    ("substance", "MU", "Methadone used in Treatment"),
    ("substance", "OTP", "Federally-certified Opioid Treatment Program"),
    ("substance", "ACM", "Acamprosate (Campral\ufffd)"),
    ("mental", "MH", "Mental health treatment"),
    ("mental", "OP", "Outpatient"),
    ("mental", "SP", "Spanish"),
]
COLUMNS = sd.FACILITY_COLUMNS


def defs_text(rows=DEFS) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # the official file has CRLF
    w.writerow(["directory_type", "code", "label"])
    w.writerows(rows)
    return out.getvalue()


def fac(n=1, dtype="substance", **over) -> dict[str, str]:
    row = {
        "facility_id": f"{dtype}_{n}",
        "directory_type": dtype,
        "name1": f"Recovery Place {n}",
        "name2": "",
        "street1": f"{100 + n} Main Street",
        "street2": "",
        "city": "Portland",
        "state": "OR",
        "zip": "97201",
        "phone": "503-555-0100",
        "intake1": "",
        "intake2": "",
        "intake1a": "",
        "intake2a": "",
        "service_code_info": "SA * OP * BU * MD"
        if dtype == "substance"
        else "MH * OP * SP",
    }
    row.update(over)
    return row


def facs_text(rows, footer=True) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        w.writerow([r[c] for c in COLUMNS])
    if footer:  # the official file's last five rows
        n = len(rows)
        for i in range(3):
            w.writerow([f"substance_{n + i + 1}", "substance"] + [""] * 13)
        w.writerow(
            [f"substance_{n + 4}", "substance", "", "Substance use treatment"]
            + ["Detoxification  ", "Outpatient"]
            + [""] * 9
        )
        w.writerow([f"substance_{n + 5}", "substance", "", "SA", "DT", "OP"] + [""] * 9)
    return out.getvalue()


@pytest.fixture
def isolated(settings, tmp_path):
    """No geocoded lists unless a test writes them: only ZIP centres."""
    settings.PATHWAYS_DATA_DIR = tmp_path / "no-data"
    return tmp_path


@pytest.fixture
def load_defs(write_file, isolated):
    def _load():
        call_command(
            "ingest", "samhsa-directory", str(write_file("defs.csv", defs_text()))
        )

    return _load


def ingest(write_file, rows, name="facs.csv", footer=True, *extra):
    path = write_file(name, facs_text(rows, footer=footer))
    call_command("ingest", "samhsa-directory", str(path), "--no-progress", *extra)
    return path


def raw(data: dict[str, str], line=2) -> RawRow:
    return RawRow("f.csv", line, data, {c: i for i, c in enumerate(data)})


CTX = {
    "known_codes": {
        "substance": frozenset({"SA", "OP", "BU", "MD", "DT"}),
        "mental": frozenset({"MH", "OP", "SP"}),
    },
    "legend": {"substance": frozenset({"SA", "DT", "OP", "outpatient"})},
}


# -- clean --------------------------------------------------------------------------


def test_clean_pads_zip_and_sorts_codes():
    r = sd.clean(raw(fac(zip="6708", state="ct")), **CTX)
    assert r.zip == "06708" and r.state_code == "CT"
    assert r.codes == ("BU", "MD", "OP", "SA")
    assert r.service_code_info == "SA * OP * BU * MD"  # as published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("97201", "97201"),
        ("501", "00501"),
        ("97201-1234", "97201"),
        ("972011234", "97201"),
        ("9720A", None),
        ("00000", None),
        ("1234567", None),
        ("", None),
    ],
)
def test_zip5(text, expected):
    assert sd.zip5(text) == expected


@pytest.mark.parametrize(
    ("over", "column", "reason"),
    [
        ({"zip": "97a01"}, "zip", "not a ZIP code"),
        ({"state": "ZZ"}, "state", "unknown state"),
        ({"service_code_info": "SA * XYZ"}, "service_code_info", "unknown code 'XYZ'"),
        ({"service_code_info": " * "}, "service_code_info", "no service codes"),
        ({"directory_type": "other"}, "directory_type", "unknown directory type"),
        ({"city": ""}, "city", "city is empty"),
        ({"name1": "", "street1": "1 Main St"}, "name1", "no name"),
        ({"facility_id": ""}, "facility_id", "empty"),
        ({"phone": "5" * 41}, "phone", "longer than 40"),
    ],
)
def test_clean_rejects_with_line_and_column(over, column, reason):
    r = sd.clean(raw(fac(**over), line=7), **CTX)
    assert isinstance(r, Rejected)
    assert r.column_name == column and r.line == 7
    assert r.column == COLUMNS.index(column) + 1
    assert reason in r.reason
    assert str(r).startswith(f"f.csv:7:{r.column} [{column}]")


def test_code_of_the_other_directory_is_unknown():
    # SP (Spanish) is defined here only for the mental health directory.
    r = sd.clean(raw(fac(service_code_info="SA * SP")), **CTX)
    assert isinstance(r, Rejected) and "not in the substance code definitions" in (
        r.reason
    )


def test_footer_rows_are_skipped_but_a_nameless_facility_is_not():
    blank = fac(**{c: "" for c in sd.CONTENT_COLUMNS})
    assert sd.clean(raw(blank), **CTX).reason == sd.BLANK
    legend = fac(**{c: "" for c in sd.CONTENT_COLUMNS})
    legend.update(name2="SA", street1="DT", street2="Outpatient  ")
    assert sd.clean(raw(legend), **CTX).reason == sd.LEGEND
    # One cell that is not a code or label: a malformed facility, refused.
    legend["city"] = "Portland"
    assert isinstance(sd.clean(raw(legend), **CTX), Rejected)


def test_withheld_address_is_flagged():
    r = sd.clean(raw(fac(street1="- - -")), **CTX)
    assert r.address_withheld and r.street1 == ""


def test_no_definitions_loaded_says_what_to_do():
    r = sd.clean(raw(fac()), known_codes={}, legend={})
    assert isinstance(r, Rejected) and "ingest the code definitions" in r.reason


def test_normalizers():
    assert sd.normalize_street("1424 South Seventh Ave., Bldg. C") == "1424 s 7th ave"
    assert sd.normalize_street("780 W. Bel Air Ave Suite B") == "780 w bel air ave"
    assert sd.loose_street("2525 S. Rural Road, Suites 9-10") == "2525 rural"
    assert sd.loose_street("2525 South Rural Rd") == "2525 rural"
    assert sd.loose_street("Mile Post 1234") == ""
    assert sd.normalize_name("The Recovery Place, Inc.") == "recovery place"


def test_keys_are_stable_and_number_repeats():
    a = sd.base_key("substance", "Arizona Mentor", "", "", "85122")
    assert a == sd.base_key("substance", "ARIZONA  MENTOR", "", "", "85122")
    assert sd.assign_keys(["x", "y", "x", "x"], lambda r: r) == ["x", "y", "x-2", "x-3"]


# -- definitions file ---------------------------------------------------------------


@pytest.mark.django_db
def test_definitions_load_with_reviewed_labels(write_file, isolated, capsys):
    path = write_file("nsumhss_2024_defs.csv", defs_text())
    call_command("ingest", "samhsa-directory", str(path))
    # The rows exist since migrate (synced from the code table); the file sets
    # their order.
    assert "inserted 0 · updated 11" in capsys.readouterr().out
    acm = ServiceCode.objects.get(directory_type="substance", code="ACM")
    assert acm.official_label == "Acamprosate (Campral®)"  # U+FFFD restored
    assert (acm.group, acm.value) == ("medications", "alcohol-medication")
    assert acm.label_es.startswith("Acamprosato")
    assert acm.source.slug == "samhsa-nsumhss-2024"
    call_command("ingest", "samhsa-directory", str(path), "--force")
    assert "inserted 0 · updated 0 · unchanged 11" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "where", "reason"),
    [
        (DEFS + [("substance", "ZZZ", "Something new")], "defs.csv:13:2", "ZZZ"),
        (
            [("substance", "MD", "Medicaid (all plans)")],
            "defs.csv:2:3",
            "the reviewed table has 'Medicaid'",
        ),
        (
            DEFS + [("substance", "SA", "Substance use treatment")],
            "defs.csv:13:1",
            "duplicate",
        ),
        ([("both", "SA", "Substance use treatment")], "defs.csv:2:1", "directory type"),
    ],
)
def test_definitions_rejections(write_file, isolated, capsys, rows, where, reason):
    path = write_file("defs.csv", defs_text(rows))
    before = list(ServiceCode.objects.values_list("code", "sort", "official_label"))
    with pytest.raises(CommandError):
        call_command("ingest", "samhsa-directory", str(path))
    err = capsys.readouterr().err
    assert where in err and reason in err
    # Nothing written: the rows are still those synced from the code table.
    assert (
        list(ServiceCode.objects.values_list("code", "sort", "official_label"))
        == before
    )


# -- facilities file ----------------------------------------------------------------


@pytest.mark.django_db
def test_facilities_load_footer_locations_and_reingest(write_file, load_defs, capsys):
    load_defs()
    capsys.readouterr()
    rows = [
        fac(1, zip="97201"),
        fac(2, street1="- - -"),
        fac(1, "mental", zip="6708", city="Waterbury", state="CT"),
        fac(3, state="GU", city="Hagatna", zip="96910"),
        fac(4, zip="99999"),  # a ZIP the package does not know
    ]
    ingest(write_file, rows)
    out = capsys.readouterr().out
    for said in (
        "read 10 · inserted 5",
        "facilities: 5 (4 substance use + 1 mental health)",
        "skipped 5 rows that are not facilities",
        "3 blank rows (lines 7–9), 2 code legend rows (lines 10–11)",
        "located: exact 0 (0.0%) · approximate (ZIP centre) 4 (80.0%)",
        "none 1 (20.0%)",
    ):
        assert said in out

    f = Facility.objects.get(source_record_id="mental_1")
    assert f.zip == "06708" and f.state.postal == "CT"
    assert f.location_quality == "approximate" and f.location_note == (
        "Approximate location"
    )
    assert abs(f.lat - 41.55) < 0.1 and "Centre of ZIP 06708" in f.location_source
    assert f.codes == " MH OP SP " and f.has_code("SP") and not f.has_code("S")
    withheld = Facility.objects.get(source_record_id="substance_2")
    assert withheld.address_withheld and withheld.street1 == ""
    assert "no street address" in withheld.location_source
    guam = Facility.objects.get(state_code="GU")
    assert guam.state is None and guam.lat is not None  # no places.State for GU
    nowhere = Facility.objects.get(zip="99999")
    assert nowhere.location_quality == "none" and nowhere.lat is None

    ingest(write_file, rows, "facs.csv", True, "--force")
    assert "inserted 0 · updated 0 · unchanged 5" in capsys.readouterr().out


@pytest.mark.django_db
def test_geocoded_lists_give_exact_locations(write_file, load_defs, isolated, capsys):
    load_defs()
    geo = isolated / "services" / "geoda_opioid_policy_scan"
    geo.mkdir(parents=True)
    (geo / "SubstanceUseTreatment_Geocoded.csv").write_text(
        "name1,name2,street1,street2,city,state,zip,zip4,county,latitude,longitude\n"
        "Old Name,,101 Main St.,,Portland,OR,97201,,Multnomah,45.51,-122.68\n"
        "Recovery Place 2,,9 Elm St,,Portland,OR,97201,,Multnomah,45.52,-122.69\n"
        "Recovery Place 3,,77 Oak St,,Portland,OR,97201,,Multnomah,45.10,-122.10\n"
        "Recovery Place 3,,78 Oak St,,Portland,OR,97201,,Multnomah,45.60,-122.60\n"
        "Far Away,,104 Main Street,,Portland,OR,97201,,Multnomah,40.00,-110.00\n"
        "Secret,,1 Hidden Rd,,Portland,OR,97201,,Multnomah,45.53,-122.70\n"
    )
    dirn = isolated / "services" / "samhsa_nsumhss_2024_directory"
    dirn.mkdir()
    rows = [
        fac(1),  # 101 Main Street: street + ZIP
        fac(2, street1="500 Other Road"),  # name + ZIP
        fac(3, street1="5 Pine Road"),  # name matches two sites: ambiguous
        fac(4),  # 104 Main Street, but 600 miles from the ZIP: not trusted
        fac(5, name1="Secret", street1="---"),  # withheld: never pinned
    ]
    path = dirn / "nsumhss_2024_national_directory_facilities.csv"
    path.write_text(facs_text(rows))
    call_command("ingest", "samhsa-directory", str(path), "--no-progress")
    got = {f.source_record_id: f for f in Facility.objects.all()}
    assert (got["substance_1"].lat, got["substance_1"].location_quality) == (
        45.51,
        "exact",
    )
    assert "street address + ZIP" in got["substance_1"].location_source
    assert got["substance_2"].lat == 45.52
    assert "name + ZIP" in got["substance_2"].location_source
    for n in (3, 4, 5):
        assert got[f"substance_{n}"].location_quality == "approximate"
    assert "located: exact 2 (40.0%)" in capsys.readouterr().out


@pytest.mark.django_db
def test_duplicate_facility_id_is_rejected(write_file, load_defs, capsys):
    load_defs()
    with pytest.raises(CommandError):
        ingest(write_file, [fac(1), fac(2, facility_id="substance_1")])
    err = capsys.readouterr().err
    assert "facs.csv:3:1: duplicate facility_id substance_1: already on line 2" in err
    assert Facility.objects.count() == 0


@pytest.mark.django_db
def test_identical_rows_are_kept_as_separate_facilities(write_file, load_defs):
    # The real file lists e.g. two "Arizona Mentor" homes behind "- - -".
    load_defs()
    twin = {k: v for k, v in fac(1, street1="- - -").items() if k != "facility_id"}
    ingest(write_file, [fac(1, street1="- - -"), {**twin, "facility_id": "x_9"}])
    keys = sorted(Facility.objects.values_list("key", flat=True))
    assert len(keys) == 2 and keys[1] == keys[0] + "-2"


@pytest.mark.django_db
def test_bad_rows_reject_the_whole_file(write_file, load_defs, capsys):
    load_defs()
    ingest(write_file, [fac(1)])
    capsys.readouterr()
    with pytest.raises(CommandError):
        ingest(
            write_file,
            [fac(1), fac(2, zip="ABCDE"), fac(3, service_code_info="SA * NOPE")],
            "facs.csv",
            True,
            "--force",
        )
    err = capsys.readouterr().err
    assert "facs.csv:3:9 [zip]: not a ZIP code: 'ABCDE'" in err
    assert "facs.csv:4:15 [service_code_info]: unknown code 'NOPE'" in err
    assert "REJECTED" in err and "nothing changed" in err
    assert Facility.objects.count() == 1


@pytest.mark.django_db
def test_truncated_file_is_rejected(write_file, load_defs, capsys):
    load_defs()
    text = facs_text([fac(1), fac(2, name1="Clinic, Inc")], footer=False)
    cut = text[: text.rindex('"Clinic') + 8]  # inside a quoted field
    with pytest.raises(CommandError):
        call_command("ingest", "samhsa-directory", str(write_file("facs.csv", cut)))
    err = capsys.readouterr().err
    assert "facs.csv:3:" in err and "truncated" in err
    assert Facility.objects.count() == 0


@pytest.mark.django_db
def test_short_row_is_rejected(write_file, load_defs, capsys):
    load_defs()
    text = facs_text([fac(1)], footer=False) + "substance_2,substance,Cut Off,\n"
    with pytest.raises(CommandError):
        call_command("ingest", "samhsa-directory", str(write_file("facs.csv", text)))
    assert "facs.csv:3:5: record has 4 fields" in capsys.readouterr().err


@pytest.mark.django_db
def test_encoding(write_file, load_defs, capsys):
    load_defs()
    # UTF-8 with a BOM and accents loads.
    text = "\ufeff" + facs_text([fac(1, name1="Clínica Niños")], footer=False)
    call_command("ingest", "samhsa-directory", str(write_file("facs.csv", text)))
    assert Facility.objects.get().name == "Clínica Niños"
    # Latin-1 bytes are refused with their line and column.
    data = facs_text([fac(1), fac(2, name1="Clínica")], footer=False).encode("latin-1")
    with pytest.raises(CommandError):
        call_command("ingest", "samhsa-directory", str(write_file("l1.csv", data)))
    err = capsys.readouterr().err
    assert "l1.csv:3:" in err and "not valid UTF-8" in err


@pytest.mark.django_db
def test_unknown_file_and_empty_file(write_file, isolated, capsys):
    with pytest.raises(CommandError):
        call_command(
            "ingest", "samhsa-directory", str(write_file("x.csv", "a,b\n1,2\n"))
        )
    assert "x.csv:1:1: not a SAMHSA National Directory file" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command(
            "ingest",
            "samhsa-directory",
            str(write_file("e.csv", ",".join(COLUMNS) + "\n")),
        )
    assert "the file lists no facilities" in capsys.readouterr().err


@pytest.mark.django_db
def test_removed_facilities_and_the_truncation_guard(write_file, load_defs, capsys):
    load_defs()
    ingest(write_file, [fac(n) for n in range(1, 5)])
    capsys.readouterr()
    ingest(write_file, [fac(n) for n in range(1, 4)], "facs.csv", True, "--force")
    out = capsys.readouterr().out
    assert "deleted 1" in out and "removed 1 facilities" in out
    assert Facility.objects.count() == 3
    with pytest.raises(CommandError):  # would remove 2 of 3
        ingest(write_file, [fac(1)], "facs.csv", True, "--force")
    assert "would remove 2 of the 3" in capsys.readouterr().err
    assert Facility.objects.count() == 3
