"""Staff can edit issue areas (sections, map layers, related resources) and
resources in the admin."""

from __future__ import annotations

import re

import pytest

from pathways.library.models import IssueArea, Resource, Status
from tests.helpers import admin_action

pytestmark = pytest.mark.django_db


def test_admin_pages_render(admin_client, seeded):
    area = IssueArea.objects.get(slug="harm-reduction")
    res = Resource.objects.get(slug="over-the-influence")
    for url in (
        "/admin/library/issuearea/",
        "/admin/library/issuearea/add/",
        f"/admin/library/issuearea/{area.pk}/change/",
        "/admin/library/resource/",
        "/admin/library/resource/add/",
        f"/admin/library/resource/{res.pk}/change/",
        "/admin/library/tag/",
    ):
        assert admin_client.get(url).status_code == 200, url
    html = admin_client.get(f"/admin/library/issuearea/{area.pk}/change/")
    checked = re.findall(
        r'name="map_layers" value="([a-z-]+)"[^>]*checked', html.content.decode()
    )
    assert sorted(checked) == sorted(area.map_layers)


def test_create_issue_area_with_sections_and_layers(admin_client):
    through = "Resource_issue_areas-"
    data = {
        "title": "Housing First",
        "slug": "housing-first",
        "summary": "A place to live comes first.",
        "order": "10",
        "language": "en",
        "status": "draft",
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "image_alt": "",
        "map_layers": ["overdose-rate", "medicaid-expansion-status"],
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "0",
        "sections-0-order": "1",
        "sections-0-heading": "Our priorities",
        "sections-0-text": "- Housing\n- Health care",
        f"{through}TOTAL_FORMS": "0",
        f"{through}INITIAL_FORMS": "0",
    }
    resp = admin_client.post("/admin/library/issuearea/add/", data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    area = IssueArea.objects.get(slug="housing-first")
    assert area.map_layers == ["overdose-rate", "medicaid-expansion-status"]
    assert [s.heading for s in area.sections.all()] == ["Our priorities"]


def test_publish_actions_mark_rows_edited(admin_client, seeded):
    res = Resource.objects.get(slug="asam")
    resp = admin_action(admin_client, "unpublish", [res])
    assert resp.status_code == 302
    res.refresh_from_db()
    assert res.status == Status.DRAFT
    assert res.updated_at > res.seeded_at  # so the seed will not republish it
    from pathways.library.seed import seed_library

    assert seed_library().resources.kept_slugs == ["asam"]
