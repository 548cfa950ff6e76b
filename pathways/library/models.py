"""The resource library: issue areas (with ordered sections) and resources (books,
organizations, reports, press releases, articles, research) tagged by issue area
and tag. Both are drafts until staff publish them; a published item with a
``publish_at`` in the future stays hidden until then (``.published()``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pathways.maps import layers

# Names other modules (and the migrations) import from here.
from .choices import (  # noqa: F401
    SPECIFIC_FIELDS,
    TYPE_FIELDS,
    TYPE_PLURALS,
    CommentStatus,
    Language,
    ResourceType,
    Status,
)
from .querysets import CommentQuerySet, PublishableQuerySet, ResourceQuerySet
from .validators import (  # noqa: F401
    RESERVED_SLUGS,
    isbn_is_valid,
    layer_choices,
    normalize_isbn,
    validate_isbn,
    validate_map_layers,
    validate_no_control_chars,
    validate_not_reserved,
)


class Publishable(models.Model):
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_(
            "A published item appears from this date and time; set a future date "
            "to schedule it."
        ),
    )
    language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by `manage.py seed_library` to updated_at after it writes the row: a later
    # edit in the admin moves updated_at past it, and the seed leaves the row alone.
    seeded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Translations point at their original (never at another translation), so an
    # original and its translations form one group; at most one per language
    # (a constraint on each concrete model, and clean()).
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text=_(
            "If this item is a translation, the original it translates. Pages "
            "link the two with “Read in English” / “Leer en español”."
        ),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    def clean(self) -> None:
        super().clean()
        original = self.translation_of
        if original is None:
            return
        if original.pk == self.pk:
            raise ValidationError(
                {"translation_of": _("An item cannot be a translation of itself.")}
            )
        if original.translation_of_id is not None:
            raise ValidationError(
                {
                    "translation_of": _(
                        "Choose the original, not another translation of it."
                    )
                }
            )
        if self.pk and type(self).objects.filter(translation_of=self.pk).exists():
            raise ValidationError(
                {
                    "translation_of": _(
                        "Other items are translations of this one, so it is an "
                        "original: it cannot be a translation too."
                    )
                }
            )
        if original.language == self.language:
            raise ValidationError(
                {"language": _("A translation must be in another language.")}
            )
        clash = (
            type(self)
            .objects.filter(translation_of=original, language=self.language)
            .exclude(pk=self.pk)
        )
        if clash.exists():
            raise ValidationError(
                {
                    "translation_of": _(
                        "That item already has a translation in this language."
                    )
                }
            )

    def versions(self, *, include_unpublished: bool = False) -> list:
        """The other-language versions of this item (its original and the other
        translations of that original), published ones unless
        ``include_unpublished``; ordered by language."""
        root = self.translation_of_id or self.pk
        if root is None:
            return []
        qs = (
            type(self).objects.all()
            if include_unpublished
            else type(self).objects.published()
        )
        return list(
            qs.filter(Q(pk=root) | Q(translation_of=root))
            .exclude(pk=self.pk)
            .exclude(language=self.language)
            .order_by("language")
        )


class IssueArea(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(
        help_text=_("One or two sentences: shown on the issue list and in feeds.")
    )
    image = models.FileField(
        upload_to="library/issue-areas/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp", "avif", "gif"])
        ],
        help_text=_("Optional. JPEG, PNG, WebP, AVIF or GIF (no SVG)."),
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required with an "
            "image."
        ),
    )
    map_layers = models.JSONField(
        _("related map layers"),
        default=list,
        blank=True,
        validators=[validate_map_layers],
        help_text=_("Policy map layers that show this issue by state."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        indexes = [models.Index(fields=["status", "order"], name="lib_issue_pub")]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="lib_issue_one_translation_per_language",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:issue-detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )

    def map_layer_specs(self) -> list:
        """The related layers, in the map's own order (as the admin lists them)."""
        wanted = set(self.map_layers)
        return [spec for spec in layers.LAYERS if spec.slug in wanted]


class Section(models.Model):
    """One headed part of an issue area's body ('Our priorities', ...)."""

    issue_area = models.ForeignKey(
        IssueArea, on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(max_length=200)
    text = models.TextField(
        help_text=_(
            "Plain text. A blank line starts a new paragraph; lines that start "
            "with “- ” make a bulleted list."
        )
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.heading


class Tag(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [Lower("name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:tag", args=[self.slug])


class Resource(Publishable):
    type = models.CharField(max_length=20, choices=ResourceType.choices)
    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=120, unique=True, validators=[validate_not_reserved]
    )
    summary = models.TextField(
        help_text=_("One to three sentences: shown in listings and feeds.")
    )
    body = models.TextField(
        blank=True,
        help_text=_(
            "Plain text. A blank line starts a new paragraph; lines that start "
            "with “- ” make a bulleted list."
        ),
    )
    issue_areas = models.ManyToManyField(
        IssueArea, related_name="resources", blank=True
    )
    tags = models.ManyToManyField(Tag, related_name="resources", blank=True)
    published_date = models.DateField(
        null=True,
        blank=True,
        help_text=_(
            "When the item itself came out (book, report, press release), if known."
        ),
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    # Type-specific (see TYPE_FIELDS)
    authors = models.TextField(blank=True, help_text=_("One name per line."))
    publisher = models.CharField(max_length=200, blank=True)
    isbn = models.CharField(
        "ISBN",
        max_length=17,
        blank=True,
        validators=[validate_isbn],
        help_text=_("ISBN-10 or ISBN-13; stored without hyphens."),
    )
    dateline = models.CharField(
        max_length=200, blank=True, help_text=_("Place the release is from.")
    )
    press_contacts = models.TextField(
        blank=True, help_text=_("One contact per line: name, and email if public.")
    )
    website = models.URLField(max_length=500, blank=True)

    objects = ResourceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[issue_areas, tags])

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            # /library/ and the whole-library feeds
            models.Index(fields=["status", "-publish_at"], name="lib_res_pub"),
            # /library/type/<type>/ and its feeds
            models.Index(fields=["type", "status", "-publish_at"], name="lib_res_type"),
            # Issue-area and tag listings join through the M2M tables, whose
            # (resource_id, issuearea_id/tag_id) unique indexes serve the join.
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="lib_res_one_translation_per_language",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:resource-detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        self.isbn = normalize_isbn(self.isbn)
        allowed = TYPE_FIELDS.get(self.type, ())
        errors = {}
        for name in SPECIFIC_FIELDS:
            if getattr(self, name) and name not in allowed:
                kinds = ", ".join(
                    str(ResourceType(t).label).lower()
                    for t, fields in TYPE_FIELDS.items()
                    if name in fields
                )
                errors[name] = gettext("Only for: %(kinds)s.") % {"kinds": kinds}
        if errors:
            raise ValidationError(errors)

    @property
    def type_plural(self) -> str:
        return TYPE_PLURALS[self.type]

    @property
    def author_list(self) -> list[str]:
        return [a.strip() for a in self.authors.splitlines() if a.strip()]

    @property
    def contact_list(self) -> list[str]:
        return [c.strip() for c in self.press_contacts.splitlines() if c.strip()]


class _CommentUrlizer(Urlizer):
    """Django's urlize for comment text: web addresses become links marked
    rel="nofollow ugc"; email addresses stay text (nothing else is linked)."""

    url_template = '<a href="{href}" rel="nofollow ugc">{url}</a>'

    @staticmethod
    def is_email_simple(value) -> bool:
        return False


_comment_urlize = _CommentUrlizer()


def comment_html(text: str) -> SafeString:
    """Plain comment text as HTML: everything escaped, web addresses linked,
    blank lines between paragraphs and single newlines as line breaks."""
    linked = _comment_urlize(text or "", trim_url_limit=60, autoescape=True)
    return mark_safe(linebreaks(linked))  # noqa: S308 - urlize escaped every word


class Comment(models.Model):
    """A reader's comment on an article. Plain text; held for moderation. The email
    address is for the moderators only and is never shown on the site or in feeds;
    the client's IP address is never stored, only an HMAC of it (rate limiting)."""

    article = models.ForeignKey(
        Resource,
        on_delete=models.CASCADE,
        related_name="comments",
        limit_choices_to={"type": ResourceType.ARTICLE},
    )
    name = models.CharField(max_length=100, validators=[validate_no_control_chars])
    email = models.EmailField(
        blank=True, help_text=_("Optional; for the moderators only, never shown.")
    )
    text = models.TextField(max_length=5000, validators=[validate_no_control_chars])
    status = models.CharField(
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_hash = models.CharField(
        _("IP hash"),
        max_length=64,
        db_index=True,
        editable=False,
        help_text=_("HMAC-SHA256 of the sender's IP address; the address is not kept."),
    )
    spam_reason = models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        help_text=_("Why the site marked it as spam by itself, if it did."),
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The article page and its comment feeds: approved, by date.
            models.Index(
                fields=["article", "status", "created_at"], name="lib_comment_pub"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(name)s on “%(article)s”") % {
            "name": self.name,
            "article": self.article.title if self.article_id else "?",
        }

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def text_html(self) -> SafeString:
        return comment_html(self.text)

    def clean(self) -> None:
        super().clean()
        if self.article_id and self.article.type != ResourceType.ARTICLE:
            raise ValidationError({"article": _("Only articles take comments.")})
