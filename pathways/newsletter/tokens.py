"""Signed, expiring tokens for the confirmation and unsubscribe links.

Payloads carry the subscriber id and a version (confirm) or a short keyed hash of
the address (unsubscribe): no email address appears in a URL."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_SALT = "pathways.newsletter.confirm"
UNSUBSCRIBE_SALT = "pathways.newsletter.unsubscribe"
CONFIRM_MAX_AGE = dt.timedelta(days=7)
# An unsubscribe link must keep working long after the mail was sent.
UNSUBSCRIBE_MAX_AGE = dt.timedelta(days=3 * 365)


class TokenInvalid(Exception):
    """Not a token we signed, or no longer matching its subscriber."""


class TokenExpired(TokenInvalid):
    """A token we signed, but too old."""


def email_key(email: str) -> str:
    return salted_hmac(UNSUBSCRIBE_SALT, email.lower()).hexdigest()[:16]


def make_confirm_token(subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        {"s": subscriber.pk, "v": subscriber.token_version}, compress=True
    )


def make_unsubscribe_token(subscriber) -> str:
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign_object(
        {"s": subscriber.pk, "k": email_key(subscriber.email)}, compress=True
    )


def _load(token: str, *, salt: str, max_age: dt.timedelta) -> dict:
    if not isinstance(token, str) or len(token) > 500:
        raise TokenInvalid
    try:
        data = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise TokenInvalid
    return data


def read_confirm_token(token: str) -> dict:
    return _load(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def read_unsubscribe_token(token: str) -> dict:
    return _load(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
