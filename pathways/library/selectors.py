"""Reads for the library pages and feeds: only published items, newest first."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

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


def issue_areas() -> QuerySet[IssueArea]:
    """Published issue areas in their order, each with ``n_resources`` published."""
    # Meta.ordering does not apply to a GROUP BY query: order explicitly.
    return (
        IssueArea.objects.published()
        .annotate(n_resources=Count("resources", filter=_published_resources()))
        .order_by("order", "title")
    )


def issue_area(*, slug: str) -> IssueArea | None:
    return IssueArea.objects.published().filter(slug=slug).first()


def resources(
    *,
    issue_area: IssueArea | None = None,
    type: str | None = None,
    tag: Tag | None = None,
) -> QuerySet[Resource]:
    """Published resources, newest first, narrowed to one issue area, type or tag."""
    qs = Resource.objects.published().newest_first()
    if issue_area is not None:
        qs = qs.filter(issue_areas=issue_area)
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
