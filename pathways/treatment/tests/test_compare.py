"""/find/compare/ (up to four places side by side), the compare picks on the
result lists, sorting /find/ by fit, and the print styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import FacilityFactory

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)
from .finder_fixtures import HELP, ORIGIN


def names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/find/facility/[^"]+/">([^<]+)</a></h3>', html)


def test_compare_two_side_by_side(client, portland):
    a, b = portland["bupe"], portland["mental"]
    resp = client.get("/find/compare/", {"id": [a.key, b.key]})
    html = resp.content.decode()
    assert resp.status_code == 200, html
    assert not resp.cookies
    assert "no-store" in resp["Cache-Control"] and "private" in resp["Cache-Control"]
    assert all(h in html for h in HELP)
    # columns in the order asked, linked to the facility pages
    cols = re.findall(r'<th scope="col"><a href="/find/facility/([^/]+)/">', html)
    assert cols == [a.key, b.key]
    # row headers for a 360 px table, plain-language groups
    for label in ("Address", "Phone", "Medications", "Payment", "Source"):
        assert f'<th scope="row">{label}</th>' in html
    assert 'href="tel:+15035550100"' in html and 'href="tel:+15035550199,12"' in html
    # the plain-language values, once each (BU: buprenorphine; MD: Medicaid)
    assert "<li>Buprenorphine</li>" in html and "<li>Medicaid</li>" in html
    assert "Not listed" in html
    assert "Distance from" not in html  # no place in the query
    assert 'role="region"' in html and 'tabindex="0"' in html


def test_compare_with_a_place_shows_distances(client, portland):
    keys = [portland[k].key for k in ("bupe", "meth", "approx")]
    html = client.get("/find/compare/", {"id": keys, "zip": "97214"}).content.decode()
    assert "Distance from 97214 (Portland, OR)" in html
    assert "0.7 mi" in html and "2.1 mi" in html and "0.0 mi" in html
    assert "Approximate (centre of ZIP code 97214)" in html


def test_duplicate_ids_count_once(client, portland):
    a, b = portland["bupe"].key, portland["meth"].key
    resp = client.get("/find/compare/", {"id": [a, a, b, b, a]})
    assert resp.status_code == 200


@pytest.mark.parametrize(
    "ids, message",
    [
        ([], "Choose at least two places"),
        (["ONE"], "Choose at least two places"),
        (["a", "b", "c", "d", "e"], "up to 4 places at a time; you chose 5"),
        (["nope1", "nope2"], "could not find 2 of the places"),
        (["\x00", "x"], None),
        (["ü" * 300, "x" * 10_000], "could not find 2 of the places"),
        (["<script>", "'; drop table"], "could not find 2"),
        ([str(i) for i in range(500)], "you chose 500"),
    ],
)
def test_compare_bad_ids_are_400(client, portland, ids, message):
    resp = client.get("/find/compare/", {"id": ids})
    assert resp.status_code == 400
    html = resp.content.decode()
    if message:
        assert message in html
        assert all(h in html for h in HELP)
    main = html.split("<main", 1)[-1].split("</main>")[0]
    assert "<script>" not in main


def test_compare_one_unknown_among_known_is_400(client, portland):
    resp = client.get("/find/compare/", {"id": [portland["bupe"].key, "gone"]})
    assert resp.status_code == 400
    assert "could not find one of the places" in resp.content.decode()


def test_compare_bad_place_is_400(client, portland):
    keys = [portland["bupe"].key, portland["meth"].key]
    resp = client.get("/find/compare/", {"id": keys, "zip": "00000"})
    assert resp.status_code == 400
    assert "could not find the ZIP code" in resp.content.decode()


def test_result_lists_have_compare_picks(client, portland):
    html = client.get("/find/", {"zip": "97214"}).content.decode()
    form = html.split('<form class="finder-compare"', 1)[1].split("</form>", 1)[0]
    assert 'action="/find/compare/"' in html
    assert '<input type="hidden" name="zip" value="97214">' in form
    assert form.count('type="checkbox" name="id"') == 4
    assert f'value="{portland["bupe"].key}"' in form


def test_find_sort_by_fit_without_filters_is_by_distance(client, portland):
    html = client.get("/find/", {"zip": "97214", "sort": "fit"}).content.decode()
    assert names(html) == [
        "Residential Home",
        "Bupe Medicaid Clinic",
        "Mind Center",
        "Methadone Program",
    ]
    assert '<option value="fit" selected>' in html


def test_find_sort_by_fit_puts_more_matches_first(client, db):

    lat, lng = ORIGIN
    FacilityFactory(
        lat=lat + 0.001, lng=lng, service_code_info="SA OP MD", name="Near, one"
    )
    FacilityFactory(
        lat=lat + 0.05, lng=lng, service_code_info="SA OP MD SS PI", name="Far, three"
    )
    FacilityFactory(
        lat=lat + 0.02, lng=lng, service_code_info="SA OP MD SS", name="Mid, two"
    )
    q = {"zip": "97214", "payment": ["medicaid", "sliding-fee", "private-insurance"]}
    assert names(client.get("/find/", q).content.decode()) == [
        "Near, one",
        "Mid, two",
        "Far, three",
    ]
    assert names(client.get("/find/", {**q, "sort": "fit"}).content.decode()) == [
        "Far, three",
        "Mid, two",
        "Near, one",
    ]
    resp = client.get("/find/", {**q, "sort": "bogus"})
    assert resp.status_code == 400


def test_no_cookie_and_no_store_on_search_pages(client, portland):
    keys = [portland["bupe"].key, portland["meth"].key]
    for url, params in (
        ("/find/", {"zip": "97214"}),
        ("/find/fit/", {}),
        ("/find/fit/", {"zip": "97214", "payment": "medicaid"}),
        ("/find/compare/", {"id": keys}),
    ):
        resp = client.get(url, params)
        assert resp.status_code == 200
        assert not resp.cookies, url
        assert not resp.has_header("Set-Cookie"), url
        cc = resp["Cache-Control"]
        assert "no-store" in cc and "private" in cc, url


def test_print_styles_hide_the_furniture():
    css = (Path(settings.BASE_DIR) / "pathways/static/css/finder.css").read_text()
    printing = css.split("@media print", 1)[1]
    for selector in (".site-header", ".finder-form", ".finder-pick", ".finder-print"):
        assert selector in printing


def test_facility_page_has_print_button_and_help(client, portland):
    html = client.get(f"/find/facility/{portland['bupe'].key}/").content.decode()
    assert "finder-print" in html and all(h in html for h in HELP)
