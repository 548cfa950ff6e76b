"""Abuse defences for the public forms (library comments, listing reports,
newsletter sign-up), none of them a third party:

- the client's address, only ever kept as an HMAC-SHA256 keyed with SECRET_KEY
  (``client_hash``): enough to count attempts, useless to read. Which address
  counts is decided in one place, ``client_address``;
- a honeypot field people never see (``honeypot_field``), filled by bots;
- a signed "form shown at" time (``form_token``): ``form_verdict`` says whether a
  form came back with a bad token, too fast or too late. Each caller decides what
  a verdict means for it (stored as spam, dropped, or "please send it again").
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest

HONEYPOT = "website"  # a name bots like to fill
TIMER = "started"
MIN_FILL_SECONDS = 3
FORM_MAX_AGE = 24 * 60 * 60
# The salt the library's comment form used first; kept so that forms already
# open in someone's browser stay valid.
FORM_SALT = "pathways.library.comment-form"


def hash_address(ip: str) -> str:
    """A keyed one-way hash of an address (the address itself is never stored)."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (ip or "").encode(), hashlib.sha256
    ).hexdigest()


def client_address(request: HttpRequest) -> str:
    """The address attempts are counted by. REMOTE_ADDR: the proxy in front of
    the site must set it to the client's address (X-Forwarded-For is not trusted
    here: anyone can send it)."""
    return request.META.get("REMOTE_ADDR", "")


def client_hash(request: HttpRequest) -> str:
    return hash_address(client_address(request))


def honeypot_field(label) -> forms.CharField:
    """The honeypot: the template hides it from sight, from screen readers and
    from the tab order (``core/_honeypot.html``, included with ``field``)."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


def timer_field() -> forms.CharField:
    """The hidden field that carries ``form_token``."""
    return forms.CharField(required=False, widget=forms.HiddenInput)


def honeypot_filled(data: Mapping) -> bool:
    return bool(data.get(HONEYPOT))


def form_token(subject: int, *, at: float | None = None) -> str:
    """The signed "form shown at" time a form about ``subject`` (a primary key)
    carries."""
    return signing.dumps(
        {"a": subject, "t": time.time() if at is None else at}, salt=FORM_SALT
    )


def form_age(token: str, subject: int) -> float | None:
    """Seconds since the form was shown; None if the token is missing, forged or
    for another subject."""
    try:
        data = signing.loads(token or "", salt=FORM_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != subject:
        return None
    try:
        return time.time() - float(data["t"])
    except (KeyError, TypeError, ValueError):
        return None


def form_verdict(
    data: Mapping,
    subject: int,
    *,
    min_seconds: float = MIN_FILL_SECONDS,
    max_age: float = FORM_MAX_AGE,
) -> str:
    """What the honeypot and the timer say about a sent form: "" (looks like a
    person), "honeypot", "bad-token", "too-fast" or "expired"."""
    if honeypot_filled(data):
        return "honeypot"
    age = form_age(data.get(TIMER, ""), subject)
    if age is None:
        return "bad-token"
    if age < min_seconds:
        return "too-fast"
    if age > max_age:
        return "expired"
    return ""
