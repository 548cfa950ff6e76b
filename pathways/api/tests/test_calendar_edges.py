"""Periods at the ends of the calendar answer in the error shape or with data,
never 500 (year 0000 does not exist; 9999-12 is the last month Python dates reach)."""

import datetime as dt

import pytest

from pathways.stats.models import Observation
from tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

IND = "indicator=drug-overdose-deaths"


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/states/OR/overdose?{IND}&start=0000-01",
        f"/api/v1/states/OR/overdose?{IND}&end=9999-12",
        f"/api/v1/rates/overdose?{IND}&period=0000-12",
        f"/api/v1/rates/overdose?{IND}&period=9999-12",
        "/api/v1/layers/overdose-rate?period=0000-01",
        "/api/v1/layers/overdose-rate?period=9999-12",
    ],
)
def test_calendar_edges_never_answer_500(client, url):
    ObservationFactory(
        indicator__slug="drug-overdose-deaths",
        period_type=Observation.Period.TWELVE_MONTHS,
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
    )
    resp = client.get(url)
    assert resp.status_code < 500, resp.content
    assert resp["Content-Type"].startswith("application/json")
    if "0000-" in url:
        assert resp.status_code == 400
        assert "outside 0001-01 to 9999-12" in resp.json()["error"]["message"]
