"""The library's fixed choices: status, language, resource types (and which
type-specific fields each takes) and comment status."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


class ResourceType(models.TextChoices):
    BOOK = "book", _("Book")
    ORGANIZATION = "organization", _("Organization")
    REPORT = "report", _("Report")
    PRESS_RELEASE = "press-release", _("Press release")
    ARTICLE = "article", _("Article")
    RESEARCH = "research", _("Research")


TYPE_PLURALS = {
    ResourceType.BOOK: _("Books"),
    ResourceType.ORGANIZATION: _("Organizations"),
    ResourceType.REPORT: _("Reports"),
    ResourceType.PRESS_RELEASE: _("Press releases"),
    ResourceType.ARTICLE: _("Articles"),
    ResourceType.RESEARCH: _("Research"),
}

# Which type-specific fields each type takes; the detail page shows these and
# Resource.clean() rejects the others, so nothing is stored that no page shows.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    ResourceType.BOOK: ("authors", "publisher", "isbn"),
    ResourceType.ORGANIZATION: ("website",),
    ResourceType.REPORT: ("authors", "publisher", "isbn"),
    ResourceType.PRESS_RELEASE: ("dateline", "press_contacts"),
    ResourceType.ARTICLE: ("authors", "publisher"),
    ResourceType.RESEARCH: ("authors", "publisher", "isbn"),
}
SPECIFIC_FIELDS = (
    "authors",
    "publisher",
    "isbn",
    "dateline",
    "press_contacts",
    "website",
)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")
