"""Reads for the library pages and feeds: only published items, newest first.

Languages: a reader of the Spanish pages (``get_language()`` is "es") sees each
piece of content once, in Spanish where a published Spanish version exists and
otherwise as it is (in English, marked ``lang="en"`` by the templates); English
pages likewise prefer the English version. An issue area's translation lists the
resources of its original (resources are filed under the original areas)."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone, translation

from .models import TYPE_PLURALS, IssueArea, Resource, ResourceType, Status, Tag

# Listing cards show the type-specific line but never the long body.
CARD_FIELDS = (
    "id",
    "type",
    "title",
    "slug",
    "summary",
    "language",
    "published_date",
    "publish_at",
    "authors",
    "publisher",
    "dateline",
    "website",
)


def _published_resources() -> Q:
    """For counts over the ``resources`` relation: published ones only."""
    return Q(
        resources__status=Status.PUBLISHED, resources__publish_at__lte=timezone.now()
    )


def current_language() -> str:
    """The page's language as a content language code ("en", "es")."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].lower()


def issue_areas(*, language: str | None = None) -> list[IssueArea]:
    """Published issue areas in their order, in the reader's language where a
    version exists, each with ``n_resources``: the published resources a reader
    of that language finds on its page."""
    language = language or current_language()
    areas = list(
        IssueArea.objects.published().in_language(language).order_by("order", "title")
    )
    root = {a.pk: a.translation_of_id or a.pk for a in areas}
    wanted = set(root) | set(root.values())
    found: dict[int, set[int]] = defaultdict(set)
    links = Resource.issue_areas.through.objects.filter(
        issuearea_id__in=wanted,
        resource__in=Resource.objects.published().in_language(language),
    ).values_list("issuearea_id", "resource_id")
    for area_id, resource_id in links:
        found[area_id].add(resource_id)
    for a in areas:
        a.n_resources = len(found[a.pk] | found[root[a.pk]])
    return areas


def issue_area(*, slug: str, preview: bool = False) -> IssueArea | None:
    """One issue area by slug; ``preview`` (staff) also finds drafts and
    scheduled ones."""
    base = IssueArea.objects.all() if preview else IssueArea.objects.published()
    return base.filter(slug=slug).first()


def resources(
    *,
    issue_area: IssueArea | None = None,
    type: str | None = None,
    tag: Tag | None = None,
    language: str | None = None,
) -> QuerySet[Resource]:
    """Published resources, newest first, narrowed to one issue area, type or tag;
    each once, in the reader's language where a version exists."""
    qs = (
        Resource.objects.published()
        .in_language(language or current_language())
        .newest_first()
    )
    if issue_area is not None:
        ids = {issue_area.pk, issue_area.translation_of_id or issue_area.pk}
        if len(ids) == 1:
            qs = qs.filter(issue_areas=issue_area)
        else:
            qs = qs.filter(
                pk__in=Resource.issue_areas.through.objects.filter(
                    issuearea_id__in=ids
                ).values("resource_id")
            )
    if type is not None:
        qs = qs.filter(type=type)
    if tag is not None:
        qs = qs.filter(tags=tag)
    return qs


def resource_cards(qs: QuerySet[Resource]) -> QuerySet[Resource]:
    return qs.only(*CARD_FIELDS)


def resource(*, slug: str, preview: bool = False) -> Resource | None:
    """One resource with its published issue areas and its tags. ``preview`` (staff)
    also finds drafts and scheduled items."""
    base = Resource.objects.all() if preview else Resource.objects.published()
    return (
        base.filter(slug=slug)
        .prefetch_related(
            Prefetch("issue_areas", queryset=IssueArea.objects.published()),
            "tags",
        )
        .first()
    )


def localized_areas(areas, *, language: str | None = None) -> list[IssueArea]:
    """``areas`` (originals, as resources are filed), each replaced by its
    published version in the reader's language where there is one."""
    language = language or current_language()
    areas = list(areas)
    if all(a.language == language for a in areas):
        return areas
    versions = {
        a.translation_of_id: a
        for a in IssueArea.objects.published().filter(
            translation_of__in=[a.pk for a in areas], language=language
        )
    }
    return [a if a.language == language else versions.get(a.pk, a) for a in areas]


def translation_links(item) -> list[dict]:
    """The other-language versions of an item, published ones only, as
    {"language", "url", "label"} for the "Leer en español" / "Read in English"
    links and the ``<link rel="alternate" hreflang>`` tags. Each URL is in its own
    language's part of the site (Spanish under /es/)."""
    # Each label is in its target's language whatever the page's language (a
    # reader who needs the other language must be able to read the link), so
    # these are deliberately not marked for translation.
    labels = {"en": "Read in English", "es": "Leer en español"}
    out = []
    for other in item.versions():
        with translation.override(other.language):
            url = other.get_absolute_url()
        out.append(
            {
                "language": other.language,
                "url": url,
                "label": labels.get(other.language, other.get_language_display()),
            }
        )
    return out


def tag(*, slug: str) -> Tag | None:
    return Tag.objects.filter(slug=slug).first()


def tags_in_use() -> QuerySet[Tag]:
    """Tags with at least one published resource, with that count."""
    return (
        Tag.objects.annotate(n=Count("resources", filter=_published_resources()))
        .filter(n__gt=0)
        .order_by(Lower("name"))
    )


def type_counts() -> list[tuple[str, str, int]]:
    """(type, plural label, published count) for every type, in choice order."""
    counts = dict(
        Resource.objects.published()
        .order_by()
        .values_list("type")
        .annotate(n=Count("id"))
        .values_list("type", "n")
    )
    return [(t, TYPE_PLURALS[t], counts.get(t, 0)) for t in ResourceType.values]


def latest(*, limit: int = 5) -> QuerySet[Resource]:
    return resource_cards(resources())[:limit]
