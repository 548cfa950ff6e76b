"""The abuse kit: address hashing, honeypot, timing token and its verdicts."""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory

from pathways.core import abuse


def test_address_is_kept_only_as_a_keyed_hash():
    h = abuse.hash_address("192.0.2.7")
    assert len(h) == 64 and "192.0.2.7" not in h
    assert h == abuse.hash_address("192.0.2.7") != abuse.hash_address("192.0.2.8")
    assert abuse.hash_address("") == abuse.hash_address(None)


def test_client_is_remote_addr_not_a_forwarded_header():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.1"
    )
    assert abuse.client_address(request) == "192.0.2.7"
    assert abuse.client_hash(request) == abuse.hash_address("192.0.2.7")


def test_honeypot_is_out_of_the_tab_order_and_never_required():
    field = abuse.honeypot_field("Leave this empty")
    assert not field.required
    html = field.widget.render(abuse.HONEYPOT, "")
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert abuse.honeypot_filled({"website": "http://spam.example"})
    assert not abuse.honeypot_filled({"website": ""})


def test_token_age_and_subject():
    token = abuse.form_token(7, at=time.time() - 30)
    assert 29 <= abuse.form_age(token, 7) < 35
    assert abuse.form_age(token, 8) is None  # another form's token
    assert abuse.form_age("forged", 7) is None
    assert abuse.form_age("", 7) is None


def _sent(age: float | None = 30, **fields) -> dict:
    token = "forged" if age is None else abuse.form_token(7, at=time.time() - age)
    return {"website": "", "started": token} | fields


@pytest.mark.parametrize(
    ("sent", "verdict"),
    [
        ({}, ""),
        ({"website": "http://spam.example"}, "honeypot"),
        ({"age": None}, "bad-token"),
        ({"started": ""}, "bad-token"),
        ({"age": 0}, "too-fast"),
        ({"age": 2 * 86400}, "expired"),
    ],
)
def test_verdicts(sent, verdict):
    assert abuse.form_verdict(_sent(**sent), 7) == verdict


def test_limits_are_parameters():
    assert abuse.form_verdict(_sent(age=30), 7, min_seconds=60) == "too-fast"
    assert abuse.form_verdict(_sent(age=30), 7, max_age=10) == "expired"
