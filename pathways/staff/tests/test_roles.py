"""Each staff group sees and does exactly what pathways/staff/roles.py says, in the
admin: changelist / add / change / delete pages and the bulk actions."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory

from pathways.core.models import Source
from pathways.library.models import (
    Comment,
    CommentStatus,
    IssueArea,
    Resource,
    ResourceType,
    Status,
)
from pathways.policy.models import PolicyFact
from pathways.staff.roles import DATA_STEWARD, EDITOR, MODERATOR, ROLES, sync_groups
from pathways.treatment.models import ListingReport
from tests.factories import (
    CommentFactory,
    IssueAreaFactory,
    ResourceFactory,
    TagFactory,
)
from tests.helpers import admin_action

pytestmark = pytest.mark.django_db


def _user(group: str | None, name: str | None = None):
    user = get_user_model().objects.create_user(
        name or (group or "nobody").replace(" ", "-"), password="x", is_staff=True
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def comment(db):
    return CommentFactory(name="Ana", text="Hi")


@pytest.fixture
def draft(db):
    return ResourceFactory(type=ResourceType.BOOK, title="A draft", status=Status.DRAFT)


def test_the_migration_made_the_groups_with_exactly_their_permissions():
    for name, labels in ROLES.items():
        group = Group.objects.get(name=name)
        got = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert got == set(labels), name


def test_sync_is_idempotent_and_restores_drift():
    group = Group.objects.get(name=MODERATOR)
    group.permissions.add(Permission.objects.get(codename="delete_comment"))
    before = Group.objects.count()
    sync_groups()
    sync_groups()
    assert Group.objects.count() == before
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "view_comment",
        "change_comment",
    }


def test_command_adds_a_user_to_a_group():
    get_user_model().objects.create_user("sam", password="x")
    out = StringIO()
    call_command("staff_groups", "--add", "sam", "moderator", stdout=out)
    sam = get_user_model().objects.get(username="sam")
    assert sam.is_staff and sam.groups.filter(name="moderator").exists()
    assert "sam is now in 'moderator'" in out.getvalue()
    with pytest.raises(Exception, match="no such group"):
        call_command("staff_groups", "--add", "sam", "wizard", stdout=out)


def _actions(model, user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return list(admin.site._registry[model].get_actions(request))


def _codes(client, urls) -> dict[str, int]:
    return {url: client.get(url).status_code for url in urls}


LIBRARY = [
    "/admin/library/issuearea/",
    "/admin/library/issuearea/add/",
    "/admin/library/resource/",
    "/admin/library/resource/add/",
    "/admin/library/tag/",
    "/admin/library/tag/add/",
]
STEWARD = [
    "/admin/ingest/importrun/",
    "/admin/policy/policyfact/",
    "/admin/core/source/",
    "/admin/core/source/add/",
    "/admin/stats/observation/",
    "/admin/treatment/listingreport/",
    "/admin/treatment/facility/",
]
NOBODY = ["/admin/newsletter/subscriber/", "/admin/auth/user/", "/admin/auth/group/"]


def test_editor_writes_the_library_but_does_not_moderate_or_delete(
    client, comment, draft
):
    client.force_login(_user(EDITOR))
    assert set(_codes(client, LIBRARY).values()) == {200}
    assert client.get(f"/admin/library/resource/{draft.pk}/change/").status_code == 200
    assert client.get(f"/admin/library/resource/{draft.pk}/delete/").status_code == 403
    assert client.get("/admin/library/comment/").status_code == 200  # view only
    assert set(_codes(client, STEWARD + NOBODY).values()) == {403}
    # Publish works (and is recorded); moderation actions are not offered.
    page = client.get("/admin/library/resource/").content.decode()
    assert 'value="publish"' in page and 'value="delete_selected"' not in page
    resp = admin_action(client, "publish", [draft])
    assert resp.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.history.first().history_user.username == "editor"
    page = client.get("/admin/library/comment/").content.decode()
    assert 'value="mark_approved"' not in page
    admin_action(client, "mark_approved", [comment])
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    # Nor by the change form: the page is read-only and a POST is refused.
    resp = client.post(
        f"/admin/library/comment/{comment.pk}/change/",
        {"name": "Ana", "email": "", "text": "Hi", "status": "approved"},
    )
    assert resp.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderator_moderates_comments_and_nothing_else(client, comment, draft):
    client.force_login(_user(MODERATOR))
    assert client.get("/admin/library/comment/").status_code == 200
    assert client.get(f"/admin/library/comment/{comment.pk}/change/").status_code == 200
    assert client.get(f"/admin/library/comment/{comment.pk}/delete/").status_code == 403
    assert set(_codes(client, LIBRARY + STEWARD + NOBODY).values()) == {403}
    resp = admin_action(client, "mark_approved", [comment])
    assert resp.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_by.username == "moderator"
    # Publishing a resource is not theirs.
    resp = admin_action(client, "publish", [draft])
    assert resp.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_data_steward_works_the_data_side_only(client, comment):
    client.force_login(_user(DATA_STEWARD))
    assert set(_codes(client, STEWARD).values()) == {200}
    assert set(_codes(client, LIBRARY + NOBODY).values()) == {403}
    assert client.get("/admin/library/comment/").status_code == 403
    assert client.get("/admin/ingest/importrun/add/").status_code == 403
    assert client.get("/admin/treatment/facility/add/").status_code == 403
    user = get_user_model().objects.get(username="data-steward")
    assert set(_actions(ListingReport, user)) == {
        "mark_in_progress",
        "mark_resolved",
        "dismiss",
    }
    assert set(_actions(PolicyFact, user)) == {"prefer", "reject", "clear_review"}
    assert _actions(Source, user) == []  # no delete


def test_actions_follow_permissions():
    editor, moderator = _user(EDITOR), _user(MODERATOR)
    assert set(_actions(Resource, editor)) == {"publish", "unpublish"}
    assert set(_actions(IssueArea, editor)) == {"publish", "unpublish"}
    assert _actions(Comment, editor) == []
    assert set(_actions(Comment, moderator)) == {
        "mark_approved",
        "mark_rejected",
        "mark_spam",
    }
    # A view-only user of the steward's models gets no actions there.
    viewer = _user(None, "viewer")
    for codename in ("view_policyfact", "view_listingreport", "view_resource"):
        viewer.user_permissions.add(Permission.objects.get(codename=codename))
    viewer = get_user_model().objects.get(pk=viewer.pk)
    assert _actions(PolicyFact, viewer) == []
    assert _actions(ListingReport, viewer) == []
    assert _actions(Resource, viewer) == []


def test_staff_without_a_group_sees_nothing(client):
    client.force_login(_user(None))
    assert set(_codes(client, LIBRARY + STEWARD + NOBODY).values()) == {403}
    assert client.get("/admin/library/comment/").status_code == 403


def test_editor_edits_an_issue_area_with_its_sections(client):
    area = IssueAreaFactory()
    client.force_login(_user(EDITOR))
    resp = client.get(f"/admin/library/issuearea/{area.pk}/change/")
    assert resp.status_code == 200
    assert client.get(f"/admin/library/issuearea/{area.pk}/delete/").status_code == 403
    tag = TagFactory()
    assert client.get(f"/admin/library/tag/{tag.pk}/change/").status_code == 200
    assert client.get(f"/admin/library/tag/{tag.pk}/delete/").status_code == 403
