"""The ServiceCode rows follow the code table file, synced after every migrate."""

from __future__ import annotations

import csv
import dataclasses

import pytest
from django.core.management import call_command

from pathways.treatment import codes as code_table
from pathways.treatment.models import ServiceCode
from pathways.treatment.services import service_codes_sync


@pytest.mark.django_db
def test_migrate_left_one_row_per_code_and_a_rerun_changes_nothing():
    rows = {(c.directory_type, c.code): c for c in ServiceCode.objects.all()}
    assert len(rows) == len(code_table.TABLE) == 400
    bu = rows[("substance", "BU")]
    assert (bu.group, bu.value) == ("medications", "buprenorphine")
    assert bu.source.slug == "samhsa-nsumhss-2024"
    assert service_codes_sync() == (0, 0)


@pytest.mark.django_db
def test_an_edited_label_is_put_back():
    ServiceCode.objects.filter(code="BU").update(label_en="typo")
    assert service_codes_sync() == (0, 1)
    assert ServiceCode.objects.get(directory_type="substance", code="BU").label_en == (
        code_table.BY_KEY[("substance", "BU")].label_en
    )


@pytest.mark.django_db
def test_a_new_row_in_the_file_appears_after_migrate(tmp_path, monkeypatch):
    path = tmp_path / "service_codes.csv"
    path.write_text(code_table.CODES_FILE.read_text(encoding="utf-8"), "utf-8")
    new = dataclasses.replace(
        code_table.BY_KEY[("substance", "BU")],
        code="ZZBU",
        official_label="Buprenorphine, a new code",
    )
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(dataclasses.astuple(new))
    monkeypatch.setattr(code_table, "TABLE", code_table.read_codes(path))
    call_command("migrate", verbosity=0)
    row = ServiceCode.objects.get(directory_type="substance", code="ZZBU")
    assert (row.official_label, row.value) == (new.official_label, "buprenorphine")
    assert row.sort == len(code_table.TABLE) - 1
