"""Edit history (django-simple-history) on issue areas, sections, resources and
tags: who changed what, when, shown in the admin's History."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from pathways.library.models import IssueArea, Resource, Section, Tag
from tests.factories import IssueAreaFactory, ResourceFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_every_edit_makes_a_history_row(db):
    area = IssueAreaFactory(title="Old")
    area.title = "New"
    area.save()
    assert [h.title for h in area.history.all()] == ["New", "Old"]
    assert area.history.first().history_type == "~"
    section = area.sections.first()
    section.heading = "Changed"
    section.save()
    assert section.history.count() == 2
    tag = TagFactory(name="x")
    tag.name = "y"
    tag.save()
    assert tag.history.count() == 2
    res = ResourceFactory(title="R1")
    res.title = "R2"
    res.save()
    assert res.history.count() == 2


def test_the_admin_records_who_and_shows_what_changed(client):
    admin = get_user_model().objects.create_superuser("boss", password="x")
    client.force_login(admin)
    tag = TagFactory(name="t")
    res = ResourceFactory(title="Before", tags=[tag])
    data = {
        "type": res.type,
        "title": "After",
        "slug": res.slug,
        "summary": res.summary,
        "body": "",
        "status": res.status,
        "publish_at_0": res.publish_at.strftime("%Y-%m-%d"),
        "publish_at_1": res.publish_at.strftime("%H:%M:%S"),
        "language": "en",
        "translation_of": "",
        "tags": [tag.pk],
        "issue_areas": [],
    }
    resp = client.post(f"/admin/library/resource/{res.pk}/change/", data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    latest = res.history.first()
    assert latest.title == "After" and latest.history_user == admin
    page = client.get(f"/admin/library/resource/{res.pk}/history/").content.decode()
    assert "After" in page and "boss" in page
    # The diff between the two versions names the changed field.
    delta = latest.diff_against(latest.prev_record)
    assert "title" in [c.field for c in delta.changes]


def test_history_pages_need_permission(client):
    area = IssueAreaFactory()
    user = get_user_model().objects.create_user("x", password="x", is_staff=True)
    client.force_login(user)
    resp = client.get(f"/admin/library/issuearea/{area.pk}/history/")
    assert resp.status_code == 403


def test_models_have_history():
    for model in (IssueArea, Section, Resource, Tag):
        assert hasattr(model, "history"), model
