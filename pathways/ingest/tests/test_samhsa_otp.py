"""SAMHSA Opioid Treatment Program Directory ingest, and the links it makes to
National Directory facilities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.ingest.base import RawRow, Rejected
from pathways.ingest.sources import samhsa_otp
from pathways.treatment.models import Facility, OtpProgram

from .test_samhsa_directory import defs_text, fac, facs_text

HEADER = (
    "Program Name,DBA,Street,City,State,Zipcode,Phone,Certification,FullCertification\n"
)
GOOD = (
    '"Metro Clinic, LLC",Metro Clinic Portland,"101 Main St., Suite 4",Portland,OR,'
    "97201-1234,(503) 555-0101,Certified,9/30/10\n"
)


def raw(line: str) -> RawRow:
    import csv

    header = HEADER.strip().split(",")
    values = next(csv.reader([line]))
    return RawRow(
        "otp.csv",
        2,
        dict(zip(header, values, strict=True)),
        {h: i for i, h in enumerate(header)},
    )


def test_clean_and_dates():
    r = samhsa_otp.clean(raw(GOOD))
    assert r.program_name == "Metro Clinic, LLC" and r.zip == "97201"
    assert r.certification == "certified"
    assert r.full_certification_date == dt.date(2010, 9, 30)
    assert samhsa_otp.parse_date("6/1/2003") == dt.date(2003, 6, 1)


@pytest.mark.parametrize(
    ("line", "column"),
    [
        (GOOD.replace("Certified", "Pending"), "Certification"),
        (GOOD.replace("9/30/10", "2010-09-30"), "FullCertification"),
        (GOOD.replace("97201-1234", "972"), None),
        (GOOD.replace(",OR,", ",XX,"), "State"),
        (GOOD.replace('"Metro Clinic, LLC"', ""), "Program Name"),
    ],
)
def test_clean_rejects(line, column):
    r = samhsa_otp.clean(raw(line))
    if column is None:  # a 3-digit ZIP is a ZIP that lost its zeros
        assert r.zip == "00972"
        return
    assert isinstance(r, Rejected) and r.column_name == column


def test_provisional_without_date():
    line = GOOD.replace("Certified,9/30/10", "Provisional,")
    r = samhsa_otp.clean(raw(line))
    assert r.certification == "provisional" and r.full_certification_date is None


@pytest.mark.django_db
def test_links_facilities_either_order(write_file, settings, tmp_path, capsys):
    settings.PATHWAYS_DATA_DIR = tmp_path / "none"
    call_command("ingest", "samhsa-directory", str(write_file("d.csv", defs_text())))
    otp = write_file("TreatmentProgram_20200704.csv", "\ufeff" + HEADER + GOOD)
    rows = [
        fac(1, service_code_info="SA * OP * MU * OTP"),  # 101 Main Street
        fac(2, service_code_info="SA * OP * BU"),  # no OTP code: never linked
        fac(
            3, name1="Metro Clinic", street1="9 Elsewhere", service_code_info="SA * MU"
        ),
        fac(4, street1="101 Main Street", service_code_info="SA * OP"),
    ]
    facs = write_file("f.csv", facs_text(rows))
    call_command("ingest", "samhsa-directory", str(facs), "--no-progress")
    assert not Facility.objects.exclude(otp_program=None).exists()

    call_command("ingest", "samhsa-otp", str(otp), "--no-progress")
    out = capsys.readouterr().out
    assert "inserted 1" in out and "linked to a program: 2 (2 links changed" in out
    program = OtpProgram.objects.get()
    assert program.source.as_of == dt.date(2020, 7, 4)
    linked = {f.source_record_id: f for f in Facility.objects.exclude(otp_program=None)}
    assert set(linked) == {"substance_1", "substance_3"}
    assert linked["substance_1"].otp_match == "address"
    assert linked["substance_3"].otp_match == "name"
    assert linked["substance_1"].otp_certified is True
    assert Facility.objects.get(source_record_id="substance_2").otp_certified is None

    # Re-ingesting the facilities keeps the links: nothing changes.
    call_command("ingest", "samhsa-directory", str(facs), "--force", "--no-progress")
    assert "inserted 0 · updated 0 · unchanged 4" in capsys.readouterr().out
    call_command("ingest", "samhsa-otp", str(otp), "--force", "--no-progress")
    out = capsys.readouterr().out
    assert "inserted 0 · updated 0 · unchanged 1" in out and "(0 links changed" in out


@pytest.mark.django_db
def test_bad_row_rejects_file(write_file, capsys):
    path = write_file("otp.csv", HEADER + GOOD + GOOD.replace("Certified", "Maybe"))
    with pytest.raises(CommandError):
        call_command("ingest", "samhsa-otp", str(path))
    assert "otp.csv:3:8 [Certification]" in capsys.readouterr().err
    assert OtpProgram.objects.count() == 0
