"""The real 2024 National Directory files, end to end: every facility of the
official file is loaded with its codes (12,200 + 8,319), the shares of located
facilities are printed, and a second ingest changes nothing."""

from __future__ import annotations

import csv

import pytest

from pathways.ingest.sources import samhsa_directory as sd
from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility, ServiceCode

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def test_reconciles_locates_and_reingests_unchanged(data_dir, ingest_real):
    out = ingest_real("samhsa-directory")
    print(out)
    # The codes exist since migrate; the official file sets their order.
    assert "read 400 · inserted 0 · updated 400" in out
    assert "read 20,524 · inserted 20,519 · updated 0 · unchanged 0 · rejected 0" in out
    assert "facilities: 20,519 (12,200 substance use + 8,319 mental health)" in out
    assert (
        "skipped 5 rows that are not facilities (the spreadsheet's footer): 3 blank "
        "rows (lines 20521–20523), 2 code legend rows (lines 20524–20525)"
    ) in out
    assert "located: exact " in out and "approximate (ZIP centre)" in out

    # Every row of the official file that names a facility is in the database,
    # with exactly its codes.
    with (data_dir / sd.FACILITIES).open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["name1"].strip()]
    assert len(rows) == 20_519
    stored = dict(Facility.objects.values_list("source_record_id", "codes"))
    assert len(stored) == 20_519
    for r in rows:
        codes = sorted(set(r["service_code_info"].split()) - {"*"})
        assert stored[r["facility_id"]] == " " + " ".join(codes) + " ", r
    counts = {
        t: Facility.objects.filter(directory_type=t).count()
        for t in code_table.DIRECTORY_TYPES
    }
    assert counts == {"substance": 12_200, "mental": 8_319}

    # Every facility has a location of a stated quality; most are exact.
    quality = {
        q: Facility.objects.filter(location_quality=q).count()
        for q in ("exact", "approximate", "none")
    }
    assert sum(quality.values()) == 20_519
    assert quality["exact"] > 0.7 * 20_519
    assert (
        not Facility.objects.filter(location_quality="none").exclude(lat=None).exists()
    )
    assert (
        not Facility.objects.exclude(location_quality="none").filter(lat=None).exists()
    )
    # A withheld address is never given an exact pin.
    assert not Facility.objects.filter(address_withheld=True, location_quality="exact")
    assert Facility.objects.filter(address_withheld=True).count() == 939
    assert not Facility.objects.exclude(zip__regex=r"^\d{5}$").exists()

    # The code table in the database is the reviewed one.
    assert ServiceCode.objects.count() == len(code_table.TABLE) == 400

    again = ingest_real("samhsa-directory", "--force")
    assert again.count("inserted 0 · updated 0") == 2, again
    assert "unchanged 20,519" in again


def test_otp_directory_links(ingest_real):
    ingest_real("samhsa-directory")
    out = ingest_real("samhsa-otp")
    assert "read 1,767 · inserted 1,767" in out
    assert "programs: 1,767 (1,659 certified, 108 provisional)" in out
    linked = Facility.objects.exclude(otp_program=None)
    assert linked.count() > 1000
    # Only substance use facilities that report an OTP or methadone code.
    for codes_text in linked.values_list("codes", flat=True):
        assert sd.OTP_CODES.intersection(codes_text.split())
    assert not linked.filter(directory_type="mental").exists()
    again = ingest_real("samhsa-directory", "--force")
    assert "inserted 0 · updated 0 · unchanged 20,519" in again
