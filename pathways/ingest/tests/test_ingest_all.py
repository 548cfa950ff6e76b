"""`ingest --all` on the real data directory: loads every source, records every
run, and a second run changes nothing. A truncated real file changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pathways.ingest.models import ImportRun
from pathways.ingest.registry import sources
from pathways.policy.models import PolicyFact
from pathways.stats.models import Observation

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def _snapshot():
    return (
        Observation.objects.count(),
        sorted(Observation.objects.values_list("pk", "value", "predicted", "status")),
        PolicyFact.objects.count(),
    )


def test_ingest_all_twice_changes_nothing(data_dir, client, capsys):
    call_command("ingest", "--all", "--data-dir", str(data_dir), "--no-progress")
    first = capsys.readouterr().out
    files = sum(len(m.SOURCE.default_files) for m in sources().values())
    assert first.count("rejected 0") == files
    assert ImportRun.objects.filter(status="ok").count() == files
    loaded = _snapshot()

    # Every state and DC answers with overdose data and population.
    states = client.get("/api/v1/states").json()["data"]
    assert len(states) == 51
    rates = client.get("/api/v1/rates/overdose?period=2023-12").json()["data"]
    assert all(r["rate_per_100k"] is not None for r in rates), [
        r["state"] for r in rates if r["rate_per_100k"] is None
    ]

    call_command("ingest", "--all", "--data-dir", str(data_dir), "--no-progress")
    second = capsys.readouterr().out
    assert second.count("skipped · inserted 0 · updated 0") == files

    call_command(
        "ingest", "--all", "--data-dir", str(data_dir), "--force", "--no-progress"
    )
    forced = capsys.readouterr().out
    assert forced.count("inserted 0 · updated 0") == files, forced
    assert _snapshot() == loaded


def test_truncated_real_file_changes_nothing(data_dir, tmp_path, capsys):
    real = (
        data_dir
        / "overdose/vsrr_state_provisional_T40.4_synthetic_opioids_thru2026-01.csv"
    )
    call_command("ingest", "cdc-vsrr", str(real), "--no-progress")
    before = _snapshot()
    runs = ImportRun.objects.count()

    raw = real.read_bytes()
    cut = raw[: len(raw) // 2]
    cut = cut[: cut.rfind(b"\n") + 40]  # stop in the middle of a record
    broken = tmp_path / real.name
    broken.write_bytes(cut)
    with pytest.raises(CommandError):
        call_command("ingest", "cdc-vsrr", str(broken), "--force", "--no-progress")
    err = capsys.readouterr().err
    line = cut.count(b"\n") + 1
    assert f"{real.name}:{line}:" in err
    assert "truncated" in err
    assert _snapshot() == before
    assert ImportRun.objects.count() == runs
