"""'Report a problem with this listing': form, spam defenses, privacy, admin."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model

from pathways.core.abuse import form_token, hash_address
from pathways.treatment.models import ListingReport
from pathways.treatment.report import RATE_LIMIT
from tests.factories import FacilityFactory, ListingReportFactory
from tests.helpers import admin_action, assert_field_error

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)

pytestmark = pytest.mark.usefixtures("clear_cache")

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


@pytest.fixture
def fac(db):
    return FacilityFactory(lat=45.52, lng=-122.63, name="Harbor Recovery")


def post_data(fac, **kw):
    data = {
        "kind": "wrong-phone",
        "details": "The number rings a bakery.",
        "contact_email": "",
        "website": "",
        "started": form_token(fac.pk, at=time.time() - 60),
    }
    data.update(kw)
    return data


def url(fac):
    return f"/find/facility/{fac.key}/report/"


def test_facility_page_links_to_report_and_sets_no_cookie(client, fac):
    resp = client.get(f"/find/facility/{fac.key}/")
    html = resp.content.decode()
    assert f'href="{url(fac)}"' in html
    assert "Report a problem with this listing" in html
    assert not resp.cookies and "Set-Cookie" not in resp.headers


def test_form_page(client, fac):
    resp = client.get(url(fac))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    for name in ("kind", "details", "contact_email", "website", "started"):
        assert f'name="{name}"' in html
    assert 'class="hp" aria-hidden="true"' in html
    assert "no-store" in resp.headers["Cache-Control"]


def test_report_created_with_status_new(client, fac):
    resp = client.post(url(fac), post_data(fac, contact_email="me@example.org"))
    assert resp.status_code == 200
    assert "Thank you" in resp.content.decode()
    r = ListingReport.objects.get()
    assert r.facility == fac and r.kind == "wrong-phone"
    assert r.status == ListingReport.Status.NEW
    assert r.details == "The number rings a bakery."
    assert r.contact_email == "me@example.org"
    assert r.ip_hash == hash_address("127.0.0.1") and "127.0.0.1" not in r.ip_hash
    assert r.resolved_by is None and r.resolved_at is None


def test_csrf_enforced(fac):
    from django.test import Client

    resp = Client(enforce_csrf_checks=True).post(url(fac), post_data(fac))
    assert resp.status_code == 403
    assert not ListingReport.objects.exists()


def test_honeypot_not_stored_but_thanks_shown(client, fac):
    resp = client.post(url(fac), post_data(fac, website="http://spam.example"))
    assert resp.status_code == 200 and "Thank you" in resp.content.decode()
    assert not ListingReport.objects.exists()


@pytest.mark.parametrize("age", [0, None])
def test_too_fast_or_forged_timestamp_not_stored(client, fac, age):
    started = "forged" if age is None else form_token(fac.pk)
    resp = client.post(url(fac), post_data(fac, started=started))
    assert resp.status_code == 200 and "Thank you" in resp.content.decode()
    assert not ListingReport.objects.exists()


def test_field_errors_are_accessible(client, fac):
    resp = client.post(url(fac), post_data(fac, kind="", contact_email="nope"))
    html = resp.content.decode()
    assert resp.status_code == 400
    assert not ListingReport.objects.exists()
    contact_described = "id_contact_email_error id_contact_email_helptext"
    assert_field_error(html, "id_contact_email", contact_described)
    assert_field_error(html, "id_kind")


def test_details_too_long(client, fac):
    resp = client.post(url(fac), post_data(fac, details="x" * 2001))
    assert resp.status_code == 400
    assert not ListingReport.objects.exists()


def test_rate_limit(client, fac):
    for _ in range(RATE_LIMIT):
        assert client.post(url(fac), post_data(fac)).status_code == 200
    resp = client.post(url(fac), post_data(fac))
    assert resp.status_code == 429
    assert "try again later" in resp.content.decode()
    assert ListingReport.objects.count() == RATE_LIMIT
    # Another address is not limited.
    other = client.post(url(fac), post_data(fac), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert ListingReport.objects.count() == RATE_LIMIT + 1


def test_bad_key_404(client, db):
    assert client.get("/find/facility/nope/report/").status_code == 404
    assert client.post("/find/facility/nope/report/", {}).status_code == 404


def test_email_never_shown_publicly(client, fac):
    client.post(url(fac), post_data(fac, contact_email="secret@example.org"))
    assert ListingReport.objects.count() == 1
    for page in (f"/find/facility/{fac.key}/", url(fac), "/find/?zip=97214"):
        assert "secret@example.org" not in client.get(page).content.decode(), page


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("steward", "s@example.org", "pw")
    client.force_login(user)
    return user


def test_admin_actions_record_who_and_when(client, fac, staff):
    reports = ListingReportFactory.create_batch(3, facility=fac, kind="closed")
    for action, status in (
        ("mark_in_progress", "in-progress"),
        ("mark_resolved", "resolved"),
        ("dismiss", "dismissed"),
    ):
        resp = admin_action(client, action, reports[:2])
        assert resp.status_code == 302
        for r in reports[:2]:
            r.refresh_from_db()
            assert r.status == status
            assert r.resolved_by == staff and r.resolved_at is not None
    reports[2].refresh_from_db()
    assert reports[2].status == "new" and reports[2].resolved_by is None


def test_admin_filters_search_and_email_for_staff(client, fac, staff):
    other = FacilityFactory(lat=45.5, lng=-122.6, name="Other Place")
    ListingReportFactory(facility=fac, kind="closed", contact_email="who@example.org")
    ListingReportFactory(facility=other, kind="other")
    changelist = "/admin/treatment/listingreport/"
    html = client.get(changelist, {"q": "Harbor"}).content.decode()
    assert "Harbor Recovery" in html and "Other Place" not in html
    html = client.get(changelist, {"kind__exact": "other"}).content.decode()
    assert "Other Place" in html and "Harbor Recovery" not in html
    assert client.get(changelist, {"status__exact": "new"}).status_code == 200
    r = ListingReport.objects.get(facility=fac)
    page = client.get(f"{changelist}{r.pk}/change/").content.decode()
    assert "who@example.org" in page


def test_admin_requires_staff(client, fac, db):
    r = ListingReportFactory(facility=fac, kind="closed")
    resp = client.get(f"/admin/treatment/listingreport/{r.pk}/change/")
    assert resp.status_code == 302 and "/login/" in resp["Location"]


def test_xss_stored_as_sent_and_escaped_in_admin(client, fac, staff):
    client.logout()
    client.post(url(fac), post_data(fac, details=XSS))
    r = ListingReport.objects.get()
    assert r.details == XSS
    client.force_login(staff)
    for page in (
        "/admin/treatment/listingreport/",
        f"/admin/treatment/listingreport/{r.pk}/change/",
    ):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "&lt;script&gt;alert" in html, page
