"""The real VSRR file, end to end: every value in the file is what the database
and the API give back (New York as NY + YC)."""

from __future__ import annotations

import csv
import random
from collections import defaultdict

import pytest
from django.core.management import call_command

from pathways.ingest.base import MONTHS, month_end
from pathways.ingest.sources.cdc_vsrr import BY_LABEL
from pathways.stats.models import Observation

FULL = "overdose/vsrr_state_provisional_2025-01-08_thru2024-07.csv"
pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def _num(text: str) -> float | None:
    text = text.replace(",", "").strip()
    return float(text) if text else None


def test_every_file_value_is_stored_and_served(data_dir, client, capsys):
    path = data_dir / FULL
    call_command("ingest", "cdc-vsrr", str(path), "--no-progress")
    assert "read 69,000 · inserted 69,000" in capsys.readouterr().out

    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 69_000

    stored = {
        (o[0], o[1], o[2]): (o[3], o[4])
        for o in Observation.objects.filter(
            source__slug="cdc-vsrr-2024-07"
        ).values_list(
            "place__postal", "indicator__slug", "period_end", "value", "predicted"
        )
    }
    file_values: dict[tuple, tuple] = {}
    for r in rows:
        key = (
            r["State"],
            BY_LABEL[r["Indicator"]],
            month_end(int(r["Year"]), MONTHS[r["Month"].lower()]),
        )
        file_values[key] = (_num(r["Data Value"]), _num(r["Predicted Value"]))
    assert len(stored) == len(file_values) == 69_000

    mismatches = []
    for key, (value, predicted) in file_values.items():
        state, ind, end = key
        if state == "NY":
            city = file_values[("YC", ind, end)]
            value = None if value is None or city[0] is None else value + city[0]
            predicted = (
                None if predicted is None or city[1] is None else predicted + city[1]
            )
        if stored[key] != (value, predicted):
            mismatches.append((key, stored[key], (value, predicted)))
    assert mismatches == []

    # Suppressed and low-quality cells are stored as missing, never as 0.
    blanks = sum(1 for r in rows if not r["Data Value"].strip())
    assert (
        Observation.objects.filter(
            source__slug="cdc-vsrr-2024-07", value__isnull=True
        ).count()
        >= blanks
    )

    # Known published figures (SOURCES-overdose-arrests.md).
    us = {
        k[2].strftime("%Y-%m"): v
        for k, v in stored.items()
        if k[0] == "US" and k[1] == "drug-overdose-deaths"
    }
    assert us["2024-07"] == (90157, 94112)
    assert us["2023-12"] == (107682, 108472)

    # The API answers the same numbers for a sample of states and months.
    rng = random.Random(2026)
    sample = rng.sample([k for k in file_values if k[0] not in ("YC",)], 40)
    by_state = defaultdict(list)
    for key in sample:
        by_state[(key[0], key[1])].append(key)
    for (state, ind), keys in by_state.items():
        body = client.get(
            f"/api/v1/states/{state}/overdose",
            {"indicator": ind, "source": "cdc-vsrr-2024-07"},
        ).json()
        points = {
            p["period_end"]: (p["reported"], p["predicted"]) for p in body["data"]
        }
        for key in keys:
            assert points[key[2].strftime("%Y-%m")] == stored[key], key
        assert body["sources"][0]["id"] == "cdc-vsrr-2024-07"

    # Re-running reports nothing inserted or updated.
    call_command("ingest", "cdc-vsrr", str(path), "--force", "--no-progress")
    assert "inserted 0 · updated 0 · unchanged 69,000" in capsys.readouterr().out


def test_api_snake_case_file_matches_the_api(data_dir, client):
    """The CDC API export (snake_case, reordered, includes PR) through Jan 2026:
    every value is what /overdose serves by default for synthetic opioids."""
    path = (
        data_dir
        / "overdose/vsrr_state_provisional_T40.4_synthetic_opioids_thru2026-01.csv"
    )
    call_command("ingest", "cdc-vsrr", str(path), "--no-progress")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected: dict[tuple[str, str], tuple] = {}
    for r in rows:
        end = month_end(int(r["year"]), MONTHS[r["month"].lower()])
        expected[(r["state"], f"{end:%Y-%m}")] = (
            _num(r["data_value"]),
            _num(r["predicted_value"]),
        )
    for state in sorted({s for s, _ in expected} - {"YC"}):
        body = client.get(
            f"/api/v1/states/{state}/overdose", {"indicator": "synthetic-opioids"}
        ).json()
        assert body["sources"][0]["id"] == "cdc-vsrr-2026-01"
        served = {
            p["period_end"]: (p["reported"], p["predicted"]) for p in body["data"]
        }
        for (st, month), (value, predicted) in expected.items():
            if st != state:
                continue
            if state == "NY":
                city = expected.get(("YC", month))
                if city is None:
                    continue
                value = None if value is None or city[0] is None else value + city[0]
                predicted = (
                    None
                    if predicted is None or city[1] is None
                    else predicted + city[1]
                )
            assert served[month] == (value, predicted), (state, month)
    us = client.get("/api/v1/states/US/overdose?indicator=synthetic-opioids").json()
    assert us["data"][-1]["period_end"] == "2026-01"
    assert (us["data"][-1]["reported"], us["data"][-1]["predicted"]) == (36825, 37488)
