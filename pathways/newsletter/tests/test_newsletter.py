"""Newsletter: double opt-in, no duplicates, no disclosure, tokens, pages, admin."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.utils import timezone

from pathways.core import abuse
from pathways.library.models import IssueArea
from pathways.library.seed import seed_library
from pathways.newsletter import services, tokens
from pathways.newsletter.models import Subscriber
from tests.factories import SubscriberFactory
from tests.helpers import admin_action

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

LINK = re.compile(r"http://testserver(/updates/(confirm|unsubscribe)/[^/\s]+/)")


@pytest.fixture
def areas():
    seed_library()
    return list(IssueArea.objects.published()[:2])


def _links(message) -> dict[str, str]:
    return {kind: path for path, kind in LINK.findall(message.body)}


def _signup(client, email="Person@Example.org", **extra):
    data = {"email": email, "zip": "", **extra}
    return client.post("/updates/", data)


def test_form_shows_every_field_with_labels(client, areas):
    html = client.get("/updates/").content.decode()
    assert '<label for="id_email">' in html
    assert '<label for="id_zip">' in html
    assert "<fieldset" in html and "<legend>" in html
    assert html.count('type="checkbox"') == IssueArea.objects.published().count()
    assert 'href="/static/css/forms.css"' in html


def test_full_double_opt_in_flow(client, areas):
    resp = _signup(client, zip="97201", interests=[a.pk for a in areas])
    assert resp.status_code == 302 and resp["Location"] == "/updates/check-inbox/"
    assert "Check your inbox" in client.get(resp["Location"]).content.decode()
    sub = Subscriber.objects.get()
    assert sub.email == "person@example.org"
    assert sub.status == Subscriber.Status.PENDING and sub.consent_at is None
    assert set(sub.interests.all()) == set(areas) and sub.zip == "97201"

    (msg,) = mail.outbox
    assert msg.to == ["person@example.org"]
    links = _links(msg)
    assert msg.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver{links['unsubscribe']}>"
    )
    assert "Unsubscribe:" in msg.body

    # Each link: GET only asks (a scanner opening it changes nothing); POST acts.
    status = Subscriber.Status
    for method, link, says, then in [
        ("get", "confirm", b"Yes, send me updates", status.PENDING),
        ("post", "confirm", b"You are signed up", status.CONFIRMED),
        ("get", "unsubscribe", b"<button", status.CONFIRMED),
        ("post", "unsubscribe", b"You are unsubscribed", status.UNSUBSCRIBED),
    ]:
        resp = getattr(client, method)(links[link])
        assert resp.status_code == 200 and says in resp.content, (method, link)
        sub.refresh_from_db()
        assert sub.status == then, (method, link)
        assert (sub.consent_at is None) == (then == status.PENDING)
    # the old confirmation link no longer re-subscribes
    assert client.post(links["confirm"]).status_code == 400
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.UNSUBSCRIBED


def test_signing_up_twice_makes_one_row_and_the_same_page(client, areas):
    first = _signup(client, email="twice@example.org")
    second = _signup(client, email="TWICE@example.org ")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1  # not re-mailed within RESEND_AFTER


def test_confirmed_address_is_not_revealed_or_changed(client, areas):
    services.subscriber_signup(email="known@example.org", zip="10001", interests=[])
    sub = Subscriber.objects.get()
    services.subscriber_confirm(token=tokens.make_confirm_token(sub))
    Subscriber.objects.update(last_mailed_at=None)
    mail.outbox.clear()

    new = _signup(client, email="new@example.org")
    known = _signup(client, email="known@example.org", zip="99999")
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.CONFIRMED and sub.zip == "10001"
    assert Subscriber.objects.count() == 2
    # the known address gets a note (no confirm link), the new one a confirmation
    notes = {m.to[0]: m for m in mail.outbox}
    assert "confirm" not in _links(notes["known@example.org"])
    assert "confirm" in _links(notes["new@example.org"])


def test_resignup_after_unsubscribe_needs_a_new_confirmation(client, areas):
    services.subscriber_signup(email="back@example.org", zip="", interests=[])
    sub = Subscriber.objects.get()
    old = tokens.make_confirm_token(sub)
    services.subscriber_unsubscribe(token=tokens.make_unsubscribe_token(sub))
    Subscriber.objects.update(last_mailed_at=None)
    services.subscriber_signup(email="back@example.org", zip="", interests=[])
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.PENDING
    with pytest.raises(tokens.TokenInvalid):
        services.subscriber_confirm(token=old)
    assert services.subscriber_confirm(token=tokens.make_confirm_token(sub)).status == (
        Subscriber.Status.CONFIRMED
    )


def test_expired_and_invalid_tokens_get_clear_pages(client, areas, monkeypatch):
    services.subscriber_signup(email="late@example.org", zip="", interests=[])
    sub = Subscriber.objects.get()
    token = tokens.make_confirm_token(sub)
    real = signing.TimestampSigner.unsign

    def later(self, value, max_age=None):
        return real(self, value, max_age=-1 if max_age is not None else None)

    monkeypatch.setattr(signing.TimestampSigner, "unsign", later)
    for method in ("get", "post"):
        resp = getattr(client, method)(f"/updates/confirm/{token}/")
        assert resp.status_code == 400
        assert b"This link has expired" in resp.content
    monkeypatch.undo()
    for bad in ["x", "abc:def:ghi", token[:-3] + "AAA", "a" * 600, "%3Cscript%3E"]:
        for kind in ("confirm", "unsubscribe"):
            for method in ("get", "post"):
                resp = getattr(client, method)(f"/updates/{kind}/{bad}/")
                assert resp.status_code == 400, (kind, bad)
                assert b"This link does not work" in resp.content
    # a confirm token is not an unsubscribe token (different salts)
    assert client.get(f"/updates/unsubscribe/{token}/").status_code == 400


def test_unsubscribe_is_one_click_for_mail_providers(areas):
    from django.test import Client

    services.subscriber_signup(email="oneclick@example.org", zip="", interests=[])
    sub = Subscriber.objects.get()
    csrf_client = Client(enforce_csrf_checks=True)
    resp = csrf_client.post(
        f"/updates/unsubscribe/{tokens.make_unsubscribe_token(sub)}/",
        {"List-Unsubscribe": "One-Click"},
    )
    assert resp.status_code == 200
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-email", "zip": ""}, "email"),
        ({"email": "", "zip": ""}, "email"),
        ({"email": "a@example.org", "zip": "1234"}, "zip"),
        ({"email": "a@example.org", "zip": "12345-6789"}, "zip"),
        ({"email": "a@example.org", "zip": "abcde"}, "zip"),
    ],
)
def test_invalid_input_redisplays_the_form(client, areas, data, field):
    resp = client.post("/updates/", data)
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'role="alert"' in html and 'aria-invalid="true"' in html
    assert f'href="#id_{field}"' in html
    assert not Subscriber.objects.exists() and not mail.outbox


def test_honeypot_looks_the_same_but_stores_nothing(client, areas):
    resp = _signup(client, email="bot@example.org", website="http://spam.example")
    assert resp.status_code == 302 and resp["Location"] == "/updates/check-inbox/"
    assert not Subscriber.objects.exists() and not mail.outbox


def test_rate_limit_per_hashed_ip(client, areas):
    for i in range(services.RATE_LIMIT):
        assert _signup(client, email=f"r{i}@example.org").status_code == 302
    resp = _signup(client, email="over@example.org")
    assert resp.status_code == 429
    assert not Subscriber.objects.filter(email="over@example.org").exists()
    other = client.post(
        "/updates/", {"email": "other@example.org"}, REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302
    # only a keyed hash of the address is kept, never the address
    key = abuse.hash_address("127.0.0.1")
    assert "127.0.0.1" not in key and len(key) == 64


def test_zip_and_email_validation_on_the_model(areas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Subscriber(email="a@example.org", zip="12a45").full_clean()
    Subscriber(email="a@example.org", zip="").full_clean()


def test_email_unique_case_insensitively_in_the_database(areas):
    from django.db import IntegrityError, transaction

    SubscriberFactory(email="case@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriberFactory(email="CASE@example.org")


def test_admin_lists_searches_and_exports_csv(client, areas):
    services.subscriber_signup(
        email="=cmd@example.org", zip="97201", interests=areas[:1]
    )
    services.subscriber_signup(email="b@example.org", zip="", interests=[])
    sub = Subscriber.objects.get(email="=cmd@example.org")
    services.subscriber_confirm(token=tokens.make_confirm_token(sub))
    admin = get_user_model().objects.create_superuser("boss", "boss@x.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/newsletter/subscriber/?q=example")
    assert listing.status_code == 200 and b"b@example.org" in listing.content
    resp = admin_action(client, "export_csv", Subscriber.objects.all())
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode())))
    assert rows[0] == ["email", "zip", "interests", "status", "consent_at"]
    by_email = {r[0]: r for r in rows[1:]}
    assert by_email["'=cmd@example.org"][1:4] == ["97201", areas[0].title, "confirmed"]
    assert by_email["'=cmd@example.org"][4].startswith(str(timezone.now().year))
    assert by_email["b@example.org"][3:] == ["pending", ""]


def test_snippet_posts_to_the_signup_page(rf, areas):
    from django.template.loader import render_to_string

    request = rf.get("/")
    html = render_to_string("newsletter/_signup.html", request=request)
    assert 'action="/updates/"' in html and "csrfmiddlewaretoken" in html
    assert '<label for="signup-snippet-email">' in html


def test_signup_page_query_count(client, areas, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/updates/")
