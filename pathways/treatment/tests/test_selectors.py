"""facilities_near: the bounding box + haversine search with code filters."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command

from pathways.core.geo import haversine_miles
from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility
from pathways.treatment.selectors import facilities_near
from tests.factories import FacilityFactory

from .finder_fixtures import clinics_north


def names(results):
    return [r.facility.name for r in results]


def test_radius_order_and_no_location(db):
    FacilityFactory(lat=45.50, lng=-122.68, name="here")
    FacilityFactory(lat=45.60, lng=-122.68, name="7 miles north")
    FacilityFactory(lat=46.50, lng=-122.68, name="69 miles north")
    FacilityFactory(lat=None, lng=None, name="nowhere")
    got = facilities_near(lat=45.50, lng=-122.68, miles=10)
    assert names(got) == ["here", "7 miles north"]
    assert got[0].miles == 0 and 6.8 < got[1].miles < 7.0
    assert (
        names(facilities_near(lat=45.5, lng=-122.68, miles=70))[-1] == "69 miles north"
    )


def test_or_inside_a_group_and_across_groups(db):
    FacilityFactory(
        lat=40, lng=-100, service_code_info="SA OP MU MD", name="methadone medicaid"
    )
    FacilityFactory(
        lat=40, lng=-100, service_code_info="SA OP BU PI", name="bupe private"
    )
    FacilityFactory(
        lat=40,
        lng=-100,
        service_code_info="SA RES BU MD SP",
        name="bupe medicaid residential",
    )
    FacilityFactory(
        lat=40,
        lng=-100,
        service_code_info="MH OP MD",
        directory_type="mental",
        name="mental medicaid",
    )

    def near(**f):
        return sorted(names(facilities_near(lat=40, lng=-100, miles=5, filters=f)))

    assert near(medications=["methadone", "buprenorphine"]) == [
        "bupe medicaid residential",
        "bupe private",
        "methadone medicaid",
    ]
    assert near(medications=["buprenorphine"], payment=["medicaid"]) == [
        "bupe medicaid residential"
    ]
    assert near(payment=["medicaid"], focus=["mental-health"]) == ["mental medicaid"]
    assert near(**{"level-of-care": ["residential"], "language": ["spanish"]}) == [
        "bupe medicaid residential"
    ]
    assert near(payment=[]) == near()  # an empty group does not filter
    # A value no code of the table means (in any directory) finds nothing.
    assert near(medications=["mental-health-medication"], focus=["substance-use"]) == []


def test_code_tokens_do_not_match_inside_other_codes(db):
    FacilityFactory(
        lat=40, lng=-100, service_code_info="SA MUX", name="x"
    )  # not a real code, but shows token matching
    assert (
        facilities_near(
            lat=40, lng=-100, miles=5, filters={"medications": ["methadone"]}
        )
        == []
    )


def test_antimeridian_and_high_latitude(db):
    FacilityFactory(lat=51.9, lng=179.9, name="east of the line")
    FacilityFactory(lat=51.9, lng=-179.9, name="west of the line")
    assert sorted(names(facilities_near(lat=51.9, lng=179.95, miles=20))) == [
        "east of the line",
        "west of the line",
    ]
    FacilityFactory(lat=71.29, lng=-156.79, name="Utqiagvik")
    assert names(facilities_near(lat=71.3, lng=-156.5, miles=10)) == ["Utqiagvik"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"lat": 91, "lng": 0, "miles": 5},
        {"lat": 0, "lng": 181, "miles": 5},
        {"lat": 0, "lng": 0, "miles": 0},
        {"lat": 0, "lng": 0, "miles": 501},
        {"lat": float("nan"), "lng": 0, "miles": 5},
        {"lat": "45", "lng": 0, "miles": 5},
        {"lat": 0, "lng": 0, "miles": 5, "filters": {"payment": ["bitcoin"]}},
        {"lat": 0, "lng": 0, "miles": 5, "filters": {"colour": ["red"]}},
    ],
)
def test_bad_arguments_raise(db, kwargs):
    with pytest.raises(ValueError):
        facilities_near(**kwargs)


FILTER_CHOICES = [
    (g, v)
    for (g, v) in code_table.VALUES
    if g
    in (
        "medications",
        "payment",
        "population",
        "level-of-care",
        "language",
        "extra-help",
        "focus",
    )
]


def brute_force(facilities, lat, lng, miles, filters):
    wanted = {g: code_table.codes_for(g, vs) for g, vs in filters.items()}
    out = []
    for f in facilities:
        if f["lat"] is None:
            continue
        d = haversine_miles(lat, lng, f["lat"], f["lng"])
        if d > miles:
            continue
        codes = set(f["codes"].split())
        if all(codes & by_type[f["directory_type"]] for by_type in wanted.values()):
            out.append(f["pk"])
    return sorted(out)


@pytest.mark.realdata
@pytest.mark.django_db
def test_matches_a_brute_force_scan_on_real_data(data_dir):
    call_command(
        "ingest", "samhsa-directory", "--data-dir", str(data_dir), "--no-progress"
    )
    facilities = list(
        Facility.objects.values("pk", "lat", "lng", "codes", "directory_type")
    )
    located = [f for f in facilities if f["lat"] is not None]
    rng = random.Random(2024)
    nonempty = 0
    for _ in range(50):
        anchor = rng.choice(located)
        lat = anchor["lat"] + rng.uniform(-0.5, 0.5)
        lng = anchor["lng"] + rng.uniform(-0.5, 0.5)
        miles = rng.choice([1, 5, 10, 25, 50, 100])
        filters: dict[str, list[str]] = {}
        for g, v in rng.sample(FILTER_CHOICES, rng.choice([0, 1, 2, 3])):
            filters.setdefault(g, []).append(v)
        got = facilities_near(lat=lat, lng=lng, miles=miles, filters=filters)
        assert sorted(r.facility.pk for r in got) == brute_force(
            facilities, lat, lng, miles, filters
        ), (lat, lng, miles, filters)
        assert [r.miles for r in got] == sorted(r.miles for r in got)
        nonempty += bool(got)
    assert nonempty >= 15  # the cases exercise real results, not only empty ones


def test_results_load_facilities_only_when_read(
    db, django_assert_num_queries, django_assert_max_num_queries
):
    clinics_north(30, "SA OP BU", origin=(45.5, -122.68))
    FacilityFactory(
        lat=45.5, lng=-122.68, service_code_info="SA OP", name="Also here"
    )  # same place: ties go by name
    with django_assert_num_queries(1):
        results = facilities_near(
            lat=45.5, lng=-122.68, miles=10, filters={"medications": ["buprenorphine"]}
        )
        assert len(results) == 30
        assert results.miles == sorted(results.miles)
    with django_assert_num_queries(1):
        page = results[20:30]
    assert [n.facility.name for n in page] == [f"Clinic {i}" for i in range(20, 30)]
    with django_assert_num_queries(1):
        rows = results.rows(0, 3)
    assert [r["name"] for r in rows] == ["Clinic 00", "Clinic 01", "Clinic 02"]
    assert rows[0]["miles"] == 0 and rows[0]["codes"] == " BU OP SA "
    assert (
        rows[0]["otp_certification"] is None and rows[0]["source_slug"] == "samhsa-test"
    )
    assert rows[1]["miles"] == results.miles[1]
    with django_assert_max_num_queries(1):
        everything = list(results)
        assert list(results) == everything  # loaded once
    assert [n.facility.pk for n in everything] == results.ids
    assert results[0] == everything[0] and results[-1].facility.name == "Clinic 29"
    both = facilities_near(lat=45.5, lng=-122.68, miles=0.01)
    assert [n.facility.name for n in both] == ["Also here", "Clinic 00"]
    assert facilities_near(lat=0, lng=0, miles=1) == []
    assert facilities_near(lat=0, lng=0, miles=1).rows() == []


def test_distances_are_haversine_exactly(db):
    for i in range(20):
        FacilityFactory(lat=45.5 + i * 0.013, lng=-122.68 - i * 0.017)
    results = facilities_near(lat=45.51, lng=-122.7, miles=50)
    assert len(results) == 20
    for n in results:
        assert n.miles == haversine_miles(45.51, -122.7, n.facility.lat, n.facility.lng)
