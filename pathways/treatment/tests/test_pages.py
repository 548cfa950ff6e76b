"""/find/ and /find/facility/<id>/: search form, results, facility page, privacy."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from pathways.treatment.forms import FinderForm
from pathways.treatment.views import miles_display, tel_href

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)
from .finder_fixtures import HELP, clinics_north, search_form_html


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/find/facility/[^"]+/">([^<]+)</a></h3>', html)


def test_blank_form_has_help_and_no_results(client, db):
    html = search_form_html(client.get("/find/"))
    assert 'name="zip"' in html and 'name="radius"' in html
    assert 'type="checkbox" name="medication" value="buprenorphine"' in html
    assert 'type="checkbox" name="payment" value="sliding-fee"' in html
    assert "results-title" not in html


def test_search_by_zip_sorted_by_distance(client, portland):
    resp = client.get("/find/", {"zip": "97214", "radius": "25"})
    html = resp.content.decode()
    assert resp.status_code == 200
    assert result_names(html) == [
        "Residential Home",
        "Bupe Medicaid Clinic",
        "Mind Center",
        "Methadone Program",
    ]
    assert "4 places within 25 miles of 97214 (Portland, OR)" in html
    assert "approximate location" in html
    assert 'href="tel:+15035550100"' in html
    assert "0.7 mi" in html  # 0.01 degree of latitude
    assert all(h in html for h in HELP)


def test_filters_or_inside_a_group_and_across_groups(client, portland):
    def names(**params):
        resp = client.get("/find/", {"zip": "97214", **params})
        assert resp.status_code == 200
        return sorted(result_names(resp.content.decode()))

    assert names(medication=["buprenorphine", "methadone"]) == [
        "Bupe Medicaid Clinic",
        "Methadone Program",
        "Residential Home",
    ]
    assert names(medication="buprenorphine", payment=["medicaid", "sliding-fee"]) == [
        "Bupe Medicaid Clinic",
        "Residential Home",
    ]
    assert names(medication="buprenorphine", payment="medicaid") == [
        "Bupe Medicaid Clinic"
    ]
    assert names(focus="mental-health") == ["Mind Center"]
    html = client.get(
        "/find/", {"zip": "97214", "medication": "buprenorphine", "language": "spanish"}
    ).content.decode()
    assert "Matches: " in html and "Buprenorphine" in html and "Spanish" in html
    # the ticked boxes stay ticked
    assert 'name="language" value="spanish" checked' in html


def test_search_by_city_and_state(client, portland):
    resp = client.get("/find/", {"city": "portland", "state": "OR", "radius": "10"})
    assert resp.status_code == 200
    assert "Bupe Medicaid Clinic" in result_names(resp.content.decode())


def test_search_by_location_from_the_browser(client, portland):
    html = client.get("/find/", {"lat": "45.51", "lng": "-122.64"}).content.decode()
    assert "4 places within 25 miles of your location" in html
    assert 'name="lat" value="45.51"' in html  # kept for the next page
    assert 'id="use-location"' in html and "<script>" in html  # inline, no host
    bad = client.get("/find/", {"lat": "123", "lng": "0"})
    assert bad.status_code == 400


def test_radius_limits_results(client, portland):
    html = client.get("/find/", {"zip": "97214", "radius": "100"}).content.decode()
    assert "Far Away Clinic" not in result_names(html)  # 138 miles north
    assert (
        "Far Away Clinic"
        not in client.get("/find/", {"zip": "97214", "radius": "5"}).content.decode()
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zip": "00000"}, "We could not find the ZIP code 00000"),
        ({"zip": "abc"}, "Enter a 5-digit ZIP code"),
        ({"zip": "97214", "radius": "1000"}, "Choose a distance between 5 and 100"),
        ({"zip": "97214", "radius": "x"}, "Choose a distance between 5 and 100"),
        ({"city": "Nowhereville", "state": "OR"}, "We could not find Nowhereville"),
        ({"city": "Portland"}, "enter both the city and the state"),
        ({"zip": "", "city": "", "state": ""}, "Enter a ZIP code, or a city and state"),
        (
            {"zip": "97214", "payment": "bitcoin"},
            "is not one of the choices for payment",
        ),
        ({"state": "ZZ", "city": "x"}, "Choose a state from the list"),
    ],
)
def test_bad_input_is_a_clear_message_never_a_500(client, portland, params, message):
    resp = client.get("/find/", params)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert message in html
    assert all(h in html for h in HELP)


def test_every_error_is_listed(client, portland):
    html = client.get("/find/", {"zip": "00000", "payment": "bitcoin"}).content.decode()
    assert "We could not find the ZIP code 00000" in html
    assert "is not one of the choices for payment" in html


def test_pagination(client, db):
    clinics_north(45)
    html = client.get("/find/", {"zip": "97214"}).content.decode()
    assert "Page 1 of 3" in html and len(result_names(html)) == 20
    assert result_names(html)[0] == "Clinic 00"
    assert "page=2" in html
    html = client.get("/find/", {"zip": "97214", "page": "3"}).content.decode()
    assert "Page 3 of 3" in html and result_names(html) == [
        f"Clinic {i}" for i in range(40, 45)
    ]
    # out-of-range or junk page numbers fall back to a real page
    assert (
        "Page 3 of 3"
        in client.get("/find/", {"zip": "97214", "page": "99"}).content.decode()
    )
    assert (
        "Page 1 of 3"
        in client.get("/find/", {"zip": "97214", "page": "x"}).content.decode()
    )


def test_no_results_says_so(client, portland):
    html = client.get("/find/", {"zip": "97214", "language": "hmong"}).content.decode()
    assert "0 places" in html and "No places in the directory match" in html


def test_finder_pages_set_no_cookies(client, portland):
    for url in (
        "/find/",
        "/find/?zip=97214&medication=buprenorphine",
        "/find/?zip=00000",
        f"/find/facility/{portland['bupe'].key}/",
    ):
        resp = client.get(url)
        assert not resp.cookies, url
        assert "Set-Cookie" not in resp.headers, url
    assert "no-store" in client.get("/find/?zip=97214")["Cache-Control"]


def test_pages_run_in_constant_queries(client, db, django_assert_max_num_queries):
    first, *_ = clinics_north(60, "SA OP BU MD SS SP")
    with django_assert_max_num_queries(4):
        client.get("/find/?zip=97214&medication=buprenorphine&payment=medicaid")
    with django_assert_max_num_queries(3):
        client.get(f"/find/facility/{first.key}/")


def test_facility_page(client, portland):
    f = portland["mental"]
    resp = client.get(f"/find/facility/{f.key}/")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "Mind Center" in html and "SE Main Street" in html
    assert 'href="tel:+15035550199,12"' in html
    assert "<h3>Payment</h3>" in html and "Medicaid" in html
    assert "Source: SAMHSA" in html and "2024 National Directory (test)" in html
    assert "finder.css" in html
    assert all(h in html for h in HELP)
    approx = client.get(f"/find/facility/{portland['approx'].key}/").content.decode()
    assert "Approximate location" in approx
    assert "does not list a street address" in approx


def test_facility_page_in_spanish(client, portland):
    """Under /es/ the services read in Spanish (the code table's reviewed labels)."""
    from pathways.treatment import codes as code_table
    from pathways.treatment.selectors import services_by_group

    f = portland["mental"]
    resp = client.get(f"/es/find/facility/{f.key}/")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert '<html lang="es"' in html
    groups = services_by_group(f, "es")
    assert groups
    for g in groups:
        assert g.label == code_table.GROUPS[g.group][1]
        assert g.label in html
        for text in g.services:
            assert text in html.replace("&#x27;", "'")
    english = [s for g in services_by_group(f, "en") for s in g.services]
    assert [s for g in groups for s in g.services] != english


def test_unknown_facility_is_404(client, db):
    assert client.get("/find/facility/nope/").status_code == 404


def test_no_third_party_loads_and_person_first_words(client, portland):
    for url in ("/find/?zip=97214", f"/find/facility/{portland['bupe'].key}/"):
        html = client.get(url).content.decode()
        assert not re.search(
            r'(src|href)="(https?:)?//(?!www\.samhsa\.gov|testserver/)', html
        ), url
        for word in ("addict", "abuser", " clean"):
            assert word not in html.lower(), (url, word)


def test_helpers():
    assert tel_href("503-555-0100") == "tel:+15035550100"
    assert tel_href("1 (800) 662-4357") == "tel:+18006624357"
    assert tel_href("503-555-0100 ext. 7") == "tel:+15035550100,7"
    assert miles_display(3.249) == "3.2 mi" and miles_display(0.05) == "0.1 mi"


def test_form_filters_map_params_to_groups(db):
    form = FinderForm(
        {"zip": "97214", "medication": ["methadone"], "payment": ["free"]}
    )
    assert form.is_valid(), form.errors
    assert form.filters() == {"medications": ["methadone"], "payment": ["free"]}
    assert form.cleaned_data["radius"] == 25


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_directory_search_and_facility_page(client, data_dir):
    call_command(
        "ingest", "samhsa-directory", "--data-dir", str(data_dir), "--no-progress"
    )
    resp = client.get(
        "/find/",
        {
            "zip": "97214",
            "radius": "25",
            "medication": "buprenorphine",
            "payment": ["medicaid", "sliding-fee"],
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 200
    names = result_names(html)
    assert 5 <= len(names) <= 20
    assert re.search(r"\d+ places within 25 miles of 97214 \(Portland, OR\)", html)
    key = re.search(r'href="/find/facility/([^"]+)/"', html).group(1)
    page = client.get(f"/find/facility/{key}/")
    assert page.status_code == 200
    assert "Buprenorphine" in page.content.decode()
    assert (
        "Substance Abuse and Mental Health Services Administration"
        in (page.content.decode())
        or "SAMHSA" in page.content.decode()
    )
