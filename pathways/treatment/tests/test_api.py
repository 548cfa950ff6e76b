"""/api/v1/facilities, /api/v1/facilities/{id}, /api/v1/service-codes."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from pathways.api.api import api as main_api
from pathways.api.routers import facilities as facilities_api
from pathways.api.routers.facilities import router
from pathways.core.geo import haversine_miles
from pathways.treatment import codes as code_table

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)
from .finder_fixtures import ORIGIN, clinics_north

MOUNTED = any(r is router for _, r in main_api._routers)


@pytest.fixture(autouse=True)
def _urls(settings):
    if not MOUNTED:
        settings.ROOT_URLCONF = "pathways.treatment.tests.finder_test_urls"


@pytest.fixture(autouse=True)
def _no_cached_sources():
    facilities_api._source_cache.clear()
    yield
    facilities_api._source_cache.clear()


def get(client, params=None, url="/api/v1/facilities"):
    return client.get(url, params or {})


def test_search_shape_order_and_distance(client, portland):
    resp = get(client, {"zip": "97214", "radius": "25"})
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) >= {"data", "next", "count", "sources"}
    assert body["count"] == 4 and body["next"] is None
    names = [r["name"] for r in body["data"]]
    assert names == [
        "Residential Home",
        "Bupe Medicaid Clinic",
        "Mind Center",
        "Methadone Program",
    ]
    first, second = body["data"][0], body["data"][1]
    assert first["location_quality"] == "approximate"
    assert second["location_quality"] == "exact"
    assert second["id"] == portland["bupe"].key
    assert second["distance_miles"] == round(
        haversine_miles(*ORIGIN, second["lat"], second["lng"]), 2
    )
    assert [r["distance_miles"] for r in body["data"]] == sorted(
        r["distance_miles"] for r in body["data"]
    )
    assert body["sources"][0]["id"] == "samhsa-test"
    assert second["source"] == "samhsa-test"
    assert "max-age" in resp["Cache-Control"]
    assert not resp.cookies


def test_filters_repeat_or_inside_and_across(client, portland):
    def names(params):
        resp = get(client, {"zip": "97214", **params})
        assert resp.status_code == 200, resp.json()
        return sorted(r["name"] for r in resp.json()["data"])

    assert names({"medication": "buprenorphine", "payment": "medicaid"}) == [
        "Bupe Medicaid Clinic"
    ]
    assert names(
        {"medication": "buprenorphine", "payment": ["medicaid", "sliding-fee"]}
    ) == ["Bupe Medicaid Clinic", "Residential Home"]
    assert names({"medication": ["methadone", "buprenorphine"]}) == [
        "Bupe Medicaid Clinic",
        "Methadone Program",
        "Residential Home",
    ]
    assert names({"level-of-care": "residential"}) == ["Residential Home"]
    assert names({"focus": "mental-health", "payment": "medicaid"}) == ["Mind Center"]
    assert names({"language": "spanish"}) == ["Bupe Medicaid Clinic"]


def test_city_state_and_lat_lng(client, portland):
    assert get(client, {"city": "Portland", "state": "OR"}).json()["count"] == 4
    body = get(client, {"lat": "47.5142", "lng": "-122.6364", "radius": "5"}).json()
    assert [r["name"] for r in body["data"]] == ["Far Away Clinic"]


def test_pagination_next(client, db):
    clinics_north(45, "SA OP BU")
    body = get(client, {"zip": "97214", "medication": "buprenorphine"}).json()
    assert body["count"] == 45 and len(body["data"]) == 20
    assert body["next"].startswith("http://testserver/api/v1/facilities?")
    assert "page=2" in body["next"] and "medication=buprenorphine" in body["next"]
    page3 = client.get(body["next"].replace("page=2", "page=3")).json()
    assert [r["name"] for r in page3["data"]] == [f"Clinic {i}" for i in range(40, 45)]
    assert page3["next"] is None


def test_csv_every_match_with_provenance(client, portland):
    clinics_north(25, "SA OP BU")
    params = {"zip": "97214", "medication": "buprenorphine", "format": "csv"}
    resp = get(client, params)
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    assert 'filename="facilities.csv"' in resp["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(resp.content.decode())))
    json_body = get(client, {k: v for k, v in params.items() if k != "format"}).json()
    assert len(lines) == json_body["count"] > 20  # every match, not one page
    first = json_body["data"][0]
    assert lines[0]["id"] == first["id"] and lines[0]["name"] == first["name"]
    assert float(lines[0]["distance_miles"]) == first["distance_miles"]
    assert lines[0]["codes"] == "; ".join(first["codes"])
    assert lines[0]["source_id"] == "samhsa-test"
    assert lines[0]["source_publisher"] == "SAMHSA"
    dists = [float(r["distance_miles"]) for r in lines]
    assert dists == sorted(dists)
    bad = get(client, {"zip": "97214", "format": "xml"})
    assert bad.status_code == 400 and bad.json()["error"]["status"] == 400


def test_search_json_matches_the_declared_schema(client, portland):
    body = get(client, {"zip": "97214", "radius": "25"}).json()
    validated = facilities_api.FacilitiesEnvelope.model_validate(body).model_dump()
    assert validated == body  # same fields, same order, nothing left out
    assert list(body["data"][0]) == list(facilities_api.FacilityOut.model_fields)


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"zip": "00000"}, 404, "Unknown ZIP code"),
        ({"zip": "9721"}, 400, "zip"),
        ({"zip": "97214", "radius": "1000"}, 400, "radius"),
        ({"zip": "97214", "radius": "4"}, 400, "radius"),
        ({"zip": "97214", "radius": "x"}, 400, "radius"),
        ({"zip": "97214", "radius": "nan"}, 400, "radius"),
        ({"zip": "97214", "colour": "red"}, 400, "Unknown filter 'colour'"),
        ({"zip": "97214", "payment": "bitcoin"}, 400, "Unknown payment 'bitcoin'"),
        ({"zip": "97214", "page": "0"}, 400, "page"),
        ({}, 400, "Give a place"),
        ({"city": "Portland"}, 400, "city and state"),
        ({"city": "Nowhereville", "state": "OR"}, 404, "Unknown city"),
        ({"lat": "91", "lng": "0"}, 400, "lat"),
    ],
)
def test_bad_input_is_4xx_json(client, portland, params, status, words):
    resp = get(client, params)
    assert resp.status_code == status, resp.content
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert words in body["error"]["message"]


def test_facility_detail(client, portland):
    f = portland["bupe"]
    resp = client.get(f"/api/v1/facilities/{f.key}")
    assert resp.status_code == 200
    data = resp.json()["data"]
    assert data["id"] == f.key and data["name"] == "Bupe Medicaid Clinic"
    groups = {g["group"]: g for g in data["services"]}
    assert {s["code"] for s in groups["medications"]["services"]} == {"BU"}
    assert groups["payment"]["services"][0]["label_es"] == "Medicaid"
    assert resp.json()["sources"][0]["id"] == "samhsa-test"
    missing = client.get("/api/v1/facilities/nope")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404


def test_service_codes(client, db):
    body = client.get("/api/v1/service-codes").json()
    assert len(body["data"]) == len(code_table.TABLE)
    params = [f["param"] for f in body["meta"]["filters"]]
    assert params == [
        "focus",
        "medication",
        "level-of-care",
        "payment",
        "population",
        "language",
        "extra-help",
    ]
    meds = body["meta"]["filters"][1]["values"]
    assert {"value": "buprenorphine", "label_en": "Buprenorphine"}.items() <= meds[
        1
    ].items()


def test_routes_are_in_the_openapi_schema_and_documented(client, db):
    from pathlib import Path

    from django.conf import settings

    schema = client.get("/api/v1/openapi.json").json()
    paths = [p for p in schema["paths"] if "facilit" in p or "service-codes" in p]
    assert sorted(paths) == [
        "/api/v1/facilities",
        "/api/v1/facilities/{id}",
        "/api/v1/service-codes",
    ]
    params = {
        p["name"] for p in schema["paths"]["/api/v1/facilities"]["get"]["parameters"]
    }
    assert {"zip", "radius", "medication", "payment", "level-of-care"} <= params
    doc = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
    assert all(f"`GET {p}`" in doc for p in paths)


def test_search_runs_in_constant_queries(client, db, django_assert_max_num_queries):
    first, *_ = clinics_north(60, "SA OP BU MD")
    with django_assert_max_num_queries(3):
        assert get(client, {"zip": "97214", "payment": "medicaid"}).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"/api/v1/facilities/{first.key}").status_code == 200


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_directory_contract_example(client, data_dir):
    call_command(
        "ingest", "samhsa-directory", "--data-dir", str(data_dir), "--no-progress"
    )
    resp = get(
        client,
        {
            "zip": "97214",
            "radius": "25",
            "medication": "buprenorphine",
            "payment": ["medicaid", "sliding-fee"],
        },
    )
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] >= 5
    dists = [r["distance_miles"] for r in body["data"]]
    assert dists == sorted(dists) and dists[-1] <= 25
    for r in body["data"]:
        assert r["location_quality"] in ("exact", "approximate")
        assert isinstance(r["lat"], float) and isinstance(r["lng"], float)
        codes = set(r["codes"])
        assert (
            codes & code_table.codes_for("medications", ["buprenorphine"])["substance"]
            or codes & code_table.codes_for("medications", ["buprenorphine"])["mental"]
        )
    detail = client.get(body["data"][0]["api_url"])
    assert detail.status_code == 200 and detail.json()["data"]["services"]
