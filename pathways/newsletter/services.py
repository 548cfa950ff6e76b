"""Newsletter use cases: sign up (double opt-in), confirm, unsubscribe.

Nothing here tells a caller whether an address was already on the list: sign-up
returns None whatever happened, and the page says the same thing every time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from pathways.core.ratelimit import RateLimit
from pathways.library.models import IssueArea

from . import tokens
from .models import Subscriber
from .tokens import TokenExpired, TokenInvalid  # noqa: F401 - re-exported

# Do not mail the same address more than once in this window (sign-up twice in a
# row sends one message; a stranger cannot flood someone's inbox).
RESEND_AFTER = dt.timedelta(minutes=2)
# Sign-ups accepted per hashed client address per window.
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 15 * 60


def normalize_email(email: str) -> str:
    return email.strip().lower()


SIGNUP_RATE = RateLimit(
    "newsletter-signup", limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS
)


def rate_limited(*, client: str) -> bool:
    """Count one attempt for this client (``abuse.client_hash``); True once it
    is over the limit (the attempt is counted before the check)."""
    return SIGNUP_RATE.hit(client) > RATE_LIMIT


def _site(base_url: str | None) -> str:
    return (
        base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000"
    ).rstrip("/")


def unsubscribe_url(subscriber: Subscriber, *, base_url: str | None = None) -> str:
    path = reverse(
        "newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(subscriber)]
    )
    return _site(base_url) + path


def _send(subscriber: Subscriber, *, template: str, subject: str, base_url) -> None:
    unsub = unsubscribe_url(subscriber, base_url=base_url)
    context = {
        "subscriber": subscriber,
        "confirm_url": _site(base_url)
        + reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscriber)]),
        "unsubscribe_url": unsub,
        "site_url": _site(base_url),
    }
    body = render_to_string(template, context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsub}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()
    Subscriber.objects.filter(pk=subscriber.pk).update(last_mailed_at=timezone.now())


def subscriber_signup(
    *,
    email: str,
    zip: str = "",
    interests: Iterable[IssueArea] = (),
    base_url: str | None = None,
) -> None:
    """Create or refresh a pending subscription and mail the confirmation link.

    A confirmed subscriber is left as is (a stranger must not change someone's
    choices) and gets a short note instead; either way the caller learns nothing."""
    email = normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        sub = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if sub is None:
            sub = Subscriber.objects.create(email=email, zip=zip or "")
            sub.interests.set(list(interests))
            template = "newsletter/email/confirm.txt"
        elif sub.status == Subscriber.Status.CONFIRMED:
            template = "newsletter/email/already.txt"
        else:
            Subscriber.objects.filter(pk=sub.pk).update(
                zip=zip or "",
                status=Subscriber.Status.PENDING,
                token_version=F("token_version") + 1,
            )
            sub.refresh_from_db()
            sub.interests.set(list(interests))
            template = "newsletter/email/confirm.txt"
        if sub.last_mailed_at and now - sub.last_mailed_at < RESEND_AFTER:
            return
    if template.endswith("already.txt"):
        subject = gettext("You already get Pathways updates")
    else:
        subject = gettext("Confirm your Pathways updates")
    _send(sub, template=template, subject=subject, base_url=base_url)


def _confirm_target(token: str) -> Subscriber:
    data = tokens.read_confirm_token(token)
    sub = Subscriber.objects.filter(pk=data["s"]).first()
    if sub is None or sub.token_version != data.get("v"):
        raise TokenInvalid
    return sub


def subscriber_for_confirm(*, token: str) -> Subscriber:
    """The subscriber a confirmation token names (raises TokenInvalid/TokenExpired)."""
    return _confirm_target(token)


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the subscription; the consent time is when this happened."""
    with transaction.atomic():
        sub = _confirm_target(token)
        if sub.status != Subscriber.Status.CONFIRMED:
            sub.status = Subscriber.Status.CONFIRMED
            sub.consent_at = timezone.now()
            sub.save(update_fields=["status", "consent_at", "updated_at"])
    return sub


def subscriber_for_unsubscribe(*, token: str) -> Subscriber:
    data = tokens.read_unsubscribe_token(token)
    sub = Subscriber.objects.filter(pk=data["s"]).first()
    if sub is None or tokens.email_key(sub.email) != data.get("k"):
        raise TokenInvalid
    return sub


def subscriber_unsubscribe(*, token: str) -> Subscriber:
    """Unsubscribe; pending confirmation links stop working too."""
    with transaction.atomic():
        sub = subscriber_for_unsubscribe(token=token)
        if sub.status != Subscriber.Status.UNSUBSCRIBED:
            Subscriber.objects.filter(pk=sub.pk).update(
                status=Subscriber.Status.UNSUBSCRIBED,
                token_version=F("token_version") + 1,
                updated_at=timezone.now(),
            )
            sub.refresh_from_db()
    return sub
