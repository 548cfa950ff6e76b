"""Library test helpers: small factories and the seeded library."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone, translation

from pathways.library.models import (
    IssueArea,
    Resource,
    ResourceType,
    Section,
    Status,
    Tag,
)
from pathways.library.seed import seed_library

_n = itertools.count(1)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """LocaleMiddleware activates the request's language in the test's own thread
    and leaves it active: after a request to /es/ the next test would run in
    Spanish. Put the default back after every test."""
    yield
    translation.deactivate()


@pytest.fixture
def seeded(db):
    return seed_library()


@pytest.fixture
def make_area(db):
    def _make(**kw) -> IssueArea:
        n = next(_n)
        sections = kw.pop("sections", [("Our priorities", "- One\n- Two")])
        kw.setdefault("title", f"Area {n}")
        kw.setdefault("slug", f"area-{n}")
        kw.setdefault("summary", f"Summary of area {n}.")
        kw.setdefault("status", Status.PUBLISHED)
        kw.setdefault("publish_at", timezone.now() - dt.timedelta(days=1))
        area = IssueArea.objects.create(**kw)
        for i, (heading, text) in enumerate(sections):
            Section.objects.create(issue_area=area, heading=heading, text=text, order=i)
        return area

    return _make


@pytest.fixture
def make_resource(db):
    def _make(*, issue_areas=(), tags=(), **kw) -> Resource:
        n = next(_n)
        kw.setdefault("type", ResourceType.ARTICLE)
        kw.setdefault("title", f"Resource {n}")
        kw.setdefault("slug", f"resource-{n}")
        kw.setdefault("summary", f"Summary of resource {n}.")
        kw.setdefault("status", Status.PUBLISHED)
        kw.setdefault("publish_at", timezone.now() - dt.timedelta(hours=n))
        res = Resource.objects.create(**kw)
        res.issue_areas.set(issue_areas)
        res.tags.set(tags)
        return res

    return _make


@pytest.fixture
def make_tag(db):
    def _make(name: str | None = None) -> Tag:
        n = next(_n)
        name = name or f"tag {n}"
        return Tag.objects.create(name=name, slug=f"tag-{n}")

    return _make
