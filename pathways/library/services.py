"""Writes for the library: reader comments on articles, and their moderation.

Spam defenses (the kit in ``pathways.core.abuse``), none of them a third party:
- a honeypot field that people never see (bots fill it): stored as spam, silently;
- a minimum fill time, from a signed timestamp in the form: under
  ``MIN_FILL_SECONDS`` it is stored as spam, silently; over ``FORM_MAX_AGE`` the
  form asks to be sent again;
- a link limit: more than ``MAX_LINKS`` web addresses is a field error;
- a rate limit per hashed IP address (Django's cache): ``RATE_LIMIT`` comments per
  ``RATE_WINDOW`` seconds, then a friendly "try again later".
The IP address itself is never stored: only an HMAC-SHA256 of it keyed with
SECRET_KEY."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pathways.core.ratelimit import RateLimit

from .models import Comment, CommentStatus, Resource, ResourceType

MAX_LINKS = 2
RATE_LIMIT = 5
RATE_WINDOW = 10 * 60

# What urlize would turn into a link: a scheme, "www." or a bare domain with a
# common top-level domain, and anything that looks like an email address.
_LINK = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+"
    r"|\b[\w.-]+\.(?:com|org|net|info|biz|io|co|ru|cn|xyz|top|us|uk|de|es)\b\S*"
    r"|\b[\w.+-]+@[\w-]+\.[\w.-]+",
    re.IGNORECASE,
)


class RateLimited(Exception):
    """Too many comments from one (hashed) IP address; try again later."""


def count_links(text: str) -> int:
    return len(_LINK.findall(text or ""))


COMMENT_RATE = RateLimit("library-comment", limit=RATE_LIMIT, window=RATE_WINDOW)


def rate_limited(ip_hash: str) -> bool:
    """True if this address has used up its comments for the current window."""
    return COMMENT_RATE.exceeded(ip_hash)


def link_error(text: str) -> str | None:
    n = count_links(text)
    if n <= MAX_LINKS:
        return None
    return ngettext(
        "Please include at most %(max)d web address (this has %(n)d).",
        "Please include at most %(max)d web addresses (this has %(n)d).",
        MAX_LINKS,
    ) % {"max": MAX_LINKS, "n": n}


def comment_create(
    *,
    article: Resource,
    name: str,
    email: str,
    text: str,
    ip_hash: str,
    spam_reason: str = "",
) -> Comment:
    """Store a comment on ``article``, pending moderation (or as spam when the form
    said so: ``spam_reason`` "honeypot" or "too-fast").

    Raises ValidationError for a non-article, too many links or invalid fields,
    and RateLimited when this IP hash has sent RATE_LIMIT comments in the window.
    Every attempt that passes validation counts towards the limit, spam included.
    """
    if article.type != ResourceType.ARTICLE or not article.is_public:
        raise ValidationError(_("Only published articles take comments."))
    if error := link_error(text):
        raise ValidationError({"text": error})
    if rate_limited(ip_hash):
        raise RateLimited
    comment = Comment(
        article=article,
        name=name,
        email=email,
        text=text,
        ip_hash=ip_hash,
        status=CommentStatus.SPAM if spam_reason else CommentStatus.PENDING,
        spam_reason=spam_reason[:20],
    )
    comment.full_clean()
    COMMENT_RATE.hit(ip_hash)
    comment.save()
    return comment


def comments_moderate(*, comments, status: str, user=None) -> int:
    """Set the status of ``comments`` (a queryset); returns how many changed."""
    if status not in CommentStatus.values:
        raise ValueError(status)
    return comments.update(
        status=status, moderated_at=timezone.now(), moderated_by=user
    )
