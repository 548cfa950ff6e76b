from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from pathways.ingest.tests.test_cdc_vsrr import HEADER, line

pytestmark = pytest.mark.django_db


# Rows of a small VSRR file (``line``'s fields): Oregon with a suppressed month,
# New York as the rest of the state plus New York City, and the nation.
VSRR_ROWS = [
    {"state": "OR", "value": "1,879", "predicted": "1,900"},
    {
        "state": "OR",
        "month": "November",
        "value": "",
        "predicted": "",
        "footnote": "Data suppressed (<10).",
    },
    {"state": "NY", "value": "3,000", "predicted": "3,100"},
    {"state": "YC", "value": "2,500", "predicted": "2,600"},
    {"state": "US", "value": "107,682", "predicted": "108,472"},
]


@pytest.fixture
def vsrr(write_file):
    path = write_file("vsrr.csv", HEADER + "".join(line(**r) for r in VSRR_ROWS))
    call_command("ingest", "cdc-vsrr", str(path))


def test_states_lists_51(client):
    body = client.get("/api/v1/states").json()
    assert len(body["data"]) == 51
    oregon = next(s for s in body["data"] if s["postal"] == "OR")
    assert oregon == {**oregon, "name": "Oregon", "fips": "41"}
    assert body["sources"][0]["publisher"] == "U.S. Census Bureau"


def test_states_csv_has_provenance(client):
    resp = client.get("/api/v1/states?format=csv")
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode())))
    assert len(rows) == 51 and rows[0]["source_publisher"] == "U.S. Census Bureau"


def test_overdose_series(client, vsrr):
    body = client.get(
        "/api/v1/states/OR/overdose?indicator=drug-overdose-deaths"
    ).json()
    assert [p["period_end"] for p in body["data"]] == ["2023-11", "2023-12"]
    nov, dec = body["data"]
    assert (dec["reported"], dec["predicted"]) == (1879, 1900)
    assert nov["reported"] is None and nov["status"] == "suppressed"
    assert body["sources"][0]["publisher"].startswith("CDC")


def test_overdose_by_official_label_and_new_york_sum(client, vsrr):
    body = client.get(
        "/api/v1/states/ny/overdose", {"indicator": "Number of Drug Overdose Deaths"}
    ).json()
    assert body["data"][0]["reported"] == 5500
    assert "New York City" in body["data"][0]["note"]
    us = client.get("/api/v1/states/US/overdose").json()
    assert us["data"][0]["predicted"] == 108472


def test_overdose_csv(client, vsrr):
    resp = client.get("/api/v1/states/OR/overdose?format=csv")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode())))
    assert rows[1]["reported"] == "1879.0" or rows[1]["reported"] == "1879"
    assert rows[1]["source_url"].startswith("https://data.cdc.gov/")


@pytest.mark.parametrize(
    ("url", "status", "needle"),
    [
        ("/api/v1/states/ZZ/overdose", 404, "Unknown state 'ZZ'"),
        ("/api/v1/states/OR/overdose?indicator=nope", 400, "Unknown indicator"),
        ("/api/v1/states/OR/overdose?start=2023-13", 400, "YYYY-MM"),
        ("/api/v1/states/OR/overdose?format=xml", 400, "format"),
        ("/api/v1/states/OR/overdose?source=cdc-vsrr-1999-01", 400, "Unknown source"),
        ("/api/v1/rates/overdose?period=1999-01", 404, "No drug-overdose-deaths"),
        ("/api/v1/rates/overdose?period=20x3", 400, "YYYY-MM"),
        ("/api/v1/facts?date=yesterday", 400, "date"),
        ("/api/v1/facts?topic=nope", 400, "Unknown topic"),
        ("/api/v1/rates/arrests?year=abc", 400, "year"),
        ("/api/v1/facts?date=2024-02-30", 400, "expected YYYY-MM-DD"),
        ("/api/v1/nope", 404, "No API route"),
        ("/api/v1/states/ZZ", 404, "Unknown state"),
    ],
)
def test_bad_parameters_get_4xx_json(client, vsrr, url, status, needle):
    resp = client.get(url)
    assert resp.status_code == status, resp.content
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert needle in body["error"]["message"]


def test_overdose_rates_need_population(client, vsrr):
    body = client.get("/api/v1/rates/overdose?period=2023-12").json()
    oregon = next(r for r in body["data"] if r["state"] == "OR")
    assert oregon["deaths"] == 1879
    assert oregon["rate_per_100k"] is None  # no population loaded in this test
    assert len(body["data"]) == 52


def test_openapi_and_health(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/states/{postal}/overdose" in schema["paths"]
    assert client.get("/healthz").json()["status"] == "ok"


def test_every_route_answers_in_the_envelope(client, vsrr):
    """Visit every GET route in the schema: success has data+sources, errors the
    one error shape; never a 500."""
    schema = client.get("/api/v1/openapi.json").json()
    for path in schema["paths"]:
        url = (
            path.replace("{postal}", "OR")
            .replace("{topic}", "possession-class")
            .replace("{slug}", "overdose-rate")
        )
        resp = client.get(url)
        assert resp.status_code < 500, url
        body = resp.json()
        if resp.status_code == 200:
            assert "data" in body and "sources" in body, url
        else:
            assert set(body) == {"error"}, url


def test_docs_list_every_route(client):
    """docs/api.md and the code stay in step."""
    from pathlib import Path

    from django.conf import settings

    doc = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
    schema = client.get("/api/v1/openapi.json").json()
    missing = [p for p in schema["paths"] if f"`GET {p}`" not in doc]
    assert missing == []


def test_list_endpoints_run_in_constant_queries(
    client, vsrr, django_assert_max_num_queries
):
    for url in (
        "/api/v1/states",
        "/api/v1/states/OR/overdose",
        "/api/v1/rates/overdose",
        "/api/v1/facts",
        "/api/v1/sources",
        "/api/v1/indicators",
    ):
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code in (200, 404)


def test_api_answers_are_cacheable(client):
    resp = client.get("/api/v1/states")
    assert "max-age=300" in resp["Cache-Control"] and "public" in resp["Cache-Control"]
    again = client.get("/api/v1/states", HTTP_IF_NONE_MATCH=resp["ETag"])
    assert again.status_code == 304
    assert "max-age" not in client.get("/api/v1/states/ZZ").get("Cache-Control", "")


WEIRD = [
    "\x00",
    "%00",
    "' OR 1=1 --",
    "Z" * 5000,
    "ñ",
    "../../etc/passwd",
    "-1",
    "1e309",
]


@pytest.mark.parametrize("value", WEIRD)
def test_weird_input_never_500(client, vsrr, value):
    from urllib.parse import quote

    q = quote(value, safe="")
    urls = [
        f"/api/v1/states/{q}",
        f"/api/v1/states/{q}/overdose",
        f"/api/v1/states/OR/overdose?indicator={q}",
        f"/api/v1/states/OR/overdose?source={q}&start={q}",
        f"/api/v1/rates/overdose?period={q}&indicator={q}",
        f"/api/v1/rates/arrests?year={q}",
        f"/api/v1/facts?topic={q}&state={q}&date={q}",
        f"/api/v1/states/OR/facts/{q}/history",
        f"/api/v1/indicators?topic={q}",
        f"/api/v1/states?format={q}",
        f"/api/v1/layers/{q}",
        f"/api/v1/layers/overdose-rate?drug={q}&period={q}",
        f"/api/v1/layers/possession-class?date={q}",
        f"/api/v1/layers/arrest-rate?year={q}",
    ]
    for url in urls:
        resp = client.get(url)
        assert resp.status_code < 500, url
        if resp.status_code != 200:
            assert resp.json()["error"]["status"] == resp.status_code, url


def test_layer_download(client, vsrr):
    body = client.get("/api/v1/layers/overdose-rate?period=2023-12").json()
    assert len(body["data"]) == 51
    oregon = next(c for c in body["data"] if c["state"] == "OR")
    assert oregon["display"] == "No population figure"  # no Census rows loaded here
    assert body["meta"]["params"] == {
        "drug": "drug-overdose-deaths",
        "period": "2023-12",
    }
    resp = client.get("/api/v1/layers/possession-class?format=csv&date=2024-01-01")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode())))
    assert len(rows) == 51 and {r["category"] for r in rows} == {"no-data"}
    assert set(rows[0]) >= {"state", "label", "source_publisher", "source_url"}
    listing = client.get("/api/v1/layers").json()["data"]
    assert {"possession-class", "overdose-rate", "arrest-rate"} <= {
        x["slug"] for x in listing
    }


def test_openapi_schema_is_unchanged(client):
    """Paths, operation ids, parameters and responses as snapshot in
    tests/openapi.json (refresh it on purpose when the API changes)."""
    import json
    from pathlib import Path

    snapshot = json.loads((Path(__file__).parent / "openapi.json").read_text())
    schema = client.get("/api/v1/openapi.json").json()
    assert list(schema["paths"]) == list(snapshot["paths"])
    assert schema == snapshot
