"""/map/ and /map/embed/ on the real data: every layer, date and state is reachable
without JavaScript, the map agrees with the API, and the page stays small."""

from __future__ import annotations

import gzip
import html
import re

import pytest
from django.core.management import call_command

from pathways.maps import layers

pytestmark = [pytest.mark.django_db]

STATE_LINK = re.compile(
    r'<a class="state" href="/states/([A-Z]{2})/"[^>]*aria-label="([^"]*)"'
)


@pytest.fixture
def loaded(data_dir):
    call_command("ingest", "--all", "--data-dir", str(data_dir), "--no-progress")


def map_html(client, query: str) -> str:
    """The text of /map/?<query>, which must answer 200."""
    resp = client.get(f"/map/?{query}")
    assert resp.status_code == 200, query
    return resp.content.decode()


def test_every_layer_renders_and_matches_the_api(
    client, loaded, django_assert_max_num_queries
):
    page = client.get("/map/").content.decode()
    # Every layer is a plain link on the page (no JavaScript needed).
    for spec in layers.LAYERS:
        assert f'href="?layer={spec.slug}' in page, spec.slug
    for spec in layers.LAYERS:
        with django_assert_max_num_queries(30):
            resp = client.get(f"/map/?layer={spec.slug}")
        assert resp.status_code == 200
        text = resp.content.decode()
        links = dict(STATE_LINK.findall(text))
        assert len(links) == 51, spec.slug
        api = client.get(f"/api/v1/layers/{spec.slug}").json()
        for cell in api["data"]:
            label = html.unescape(links[cell["state"]])
            assert label == f"{cell['name']}: {cell['display']}", (spec.slug, cell)
        # the table lists every state too
        assert text.count('<th scope="row">') == 51


def test_dates_periods_and_years_are_get_parameters(client, loaded):
    old = map_html(client, "layer=decriminalization&date=2022-01-01")
    assert "Oregon: Law in effect" in old
    new = map_html(client, "layer=decriminalization&date=2025-01-01")
    assert "Oregon: Law in effect" not in new
    od = map_html(client, "layer=overdose-rate&drug=heroin&period=2020-12")
    assert "12 months ending December 2020" in od
    assert 'name="period"' in od and 'name="drug"' in od
    arrests = map_html(client, "layer=arrest-rate&year=2015")
    assert "Drug arrest rate, 2015" in arrests
    assert "District of Columbia: Not usable" in arrests


# (query, whether the page says what it showed instead); a year out of range
# quietly shows the latest year.
BAD_QUERIES = [
    ("layer=nope", True),
    ("date=yesterday", True),
    ("date=1800-01-01", True),
    ("layer=overdose-rate&drug=x", True),
    ("layer=overdose-rate&period=2099-99", True),
    ("layer=arrest-rate&year=abc", True),
    ("layer=arrest-rate&year=1900", False),
]


@pytest.mark.parametrize(("query", "notice"), BAD_QUERIES)
def test_bad_parameters_show_a_message_not_an_error(client, loaded, query, notice):
    if notice:
        assert 'class="notice"' in map_html(client, query)
    else:
        map_html(client, query)


def test_embed_and_partial(client, loaded):
    resp = client.get("/map/embed/?layer=cannabis-status")
    assert resp.status_code == 200
    assert "X-Frame-Options" not in resp
    body = resp.content.decode()
    assert '<nav aria-label="Main">' not in body and "Legend" not in body
    assert len(STATE_LINK.findall(body)) == 51
    part = map_html(client, "layer=cannabis-status&partial=1")
    assert "<html" not in part and 'id="map-title"' in part


def test_first_view_is_small(client, loaded):
    resp = client.get("/map/")
    size = len(gzip.compress(resp.content))
    assert size < 120_000, size
    assert "max-age=300" in resp["Cache-Control"]


def test_svg_numbers_are_not_localized(client, loaded):
    from django.utils import translation

    with translation.override("es"):
        body = client.get("/map/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert re.search(r'<rect x="\d+\.\d+"', body) or re.search(r'<rect x="\d+"', body)
    assert not re.search(r'<rect x="\d+,\d+"', body)


@pytest.mark.django_db
def test_pages_render_on_an_empty_database(client):
    """Before any ingest every layer shows "No data", never an error."""
    for spec in layers.LAYERS:
        resp = client.get(f"/map/?layer={spec.slug}")
        assert resp.status_code == 200, spec.slug
        assert "No data" in resp.content.decode()
    assert client.get("/api/v1/layers/overdose-rate").status_code == 200


def test_class_colours_differ_in_greyscale_and_labels_stay_readable():
    from pathways.maps.views_map import _luminance, ink

    def contrast(a: str, b: str) -> float:
        la, lb = sorted([_luminance(a), _luminance(b)], reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for spec in layers.LAYERS:
        cats = spec.palette()
        lums = sorted(_luminance(c.color) for c in cats)
        # neighbouring classes differ clearly in lightness (greyscale print)
        assert all(b - a > 0.05 for a, b in zip(lums, lums[1:], strict=False)), (
            spec.slug
        )
        for c in cats:
            assert contrast(ink(c.color), c.color) >= 4.5, (spec.slug, c.color)
