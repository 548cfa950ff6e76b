"""Preview: staff who may view an item open a draft or scheduled issue area or
resource at its own address under a "Preview — not published" banner (private,
no-store, noindex); everyone else gets a 404; the admin links to it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from pathways.library.models import Status
from tests.factories import IssueAreaFactory, ResourceFactory

pytestmark = pytest.mark.django_db

LATER = timezone.now() + dt.timedelta(days=3)


@pytest.fixture
def items(db):
    return {
        "/issues/draft-area/": IssueAreaFactory(slug="draft-area", status=Status.DRAFT),
        "/issues/later-area/": IssueAreaFactory(slug="later-area", publish_at=LATER),
        "/library/draft-res/": ResourceFactory(slug="draft-res", status=Status.DRAFT),
        "/library/later-res/": ResourceFactory(slug="later-res", publish_at=LATER),
    }


def _staff(*codenames, group=None):
    user = get_user_model().objects.create_user(
        "u" + "".join(codenames) + (group or ""), password="x", is_staff=True
    )
    for c in codenames:
        user.user_permissions.add(Permission.objects.get(codename=c))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_anonymous_visitors_get_404(client, items):
    for url in items:
        assert client.get(url).status_code == 404, url


def test_staff_without_view_permission_get_404(client, items):
    client.force_login(_staff())
    for url in items:
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("group", ["editor"])
def test_staff_who_may_view_see_a_preview(client, items, group):
    client.force_login(_staff(group=group))
    for url in items:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.content.decode()
        assert "Preview — not published." in html
        assert '<meta name="robots" content="noindex">' in html
        assert resp["X-Robots-Tag"] == "noindex"
        assert resp["Cache-Control"] == "private, no-store"
        assert "public" not in resp["Cache-Control"]
    assert "scheduled for" in client.get("/library/later-res/").content.decode()
    assert "this is a draft" in client.get("/issues/draft-area/").content.decode()


def test_moderators_do_not_preview_library_content(client, items):
    client.force_login(_staff(group="moderator"))
    for url in items:
        assert client.get(url).status_code == 404, url


def test_published_pages_carry_no_banner(client):
    ResourceFactory(slug="live")
    client.force_login(_staff(group="editor"))
    resp = client.get("/library/live/")
    assert "Preview — not published" not in resp.content.decode()
    assert "X-Robots-Tag" not in resp


def test_admin_links_to_the_preview_or_the_live_page(client, items):
    live = ResourceFactory(slug="live")
    client.force_login(_staff(group="editor"))
    draft = items["/library/draft-res/"]
    html = client.get(f"/admin/library/resource/{draft.pk}/change/").content.decode()
    assert '<a href="/library/draft-res/">Preview</a>' in html
    html = client.get(f"/admin/library/resource/{live.pk}/change/").content.decode()
    assert '<a href="/library/live/">View on site</a>' in html
    area = items["/issues/later-area/"]
    html = client.get(f"/admin/library/issuearea/{area.pk}/change/").content.decode()
    assert '<a href="/issues/later-area/">Preview</a>' in html


def test_a_spanish_item_is_previewed_under_es(client):
    res = ResourceFactory(slug="borrador", status=Status.DRAFT, language="es")
    client.force_login(_staff(group="editor"))
    html = client.get(f"/admin/library/resource/{res.pk}/change/").content.decode()
    assert '<a href="/es/library/borrador/">Preview</a>' in html
    assert client.get("/es/library/borrador/").status_code == 200
