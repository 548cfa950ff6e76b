"""The Topic rows follow the registry in topics.py, synced after every migrate."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.management import call_command

from pathways.policy import topics as registry
from pathways.policy.models import Topic
from pathways.policy.services import topics_sync


@pytest.mark.django_db
def test_migrate_left_one_row_per_topic_and_a_rerun_changes_nothing():
    rows = list(Topic.objects.order_by("sort"))
    assert [t.slug for t in rows] == [s.slug for s in registry.TOPIC_SPECS]
    first = rows[0]
    assert first.name == registry.TOPIC_SPECS[0].name
    assert first.categories == [list(c) for c in registry.TOPIC_SPECS[0].categories]
    assert topics_sync() == (0, 0)


@pytest.mark.django_db
def test_an_edited_topic_is_put_back():
    Topic.objects.filter(slug="possession-class").update(name="typo", sort=99)
    assert topics_sync() == (0, 1)
    assert Topic.objects.get(slug="possession-class").name == "Drug possession penalty"


@pytest.mark.django_db
def test_a_new_topic_reaches_the_api_after_migrate_with_no_ingest(client, monkeypatch):
    new = dataclasses.replace(
        registry.TOPIC_SPECS[-1],
        slug="new-topic",
        fact="new_topic",
        name="A new topic",
        categories=(("yes", "Yes"), ("no", "No")),
    )
    monkeypatch.setattr(registry, "TOPIC_SPECS", (*registry.TOPIC_SPECS, new))
    call_command("migrate", verbosity=0)
    data = client.get("/api/v1/topics").json()["data"]
    assert data[-1]["slug"] == "new-topic"
    assert data[-1]["name"] == "A new topic"
    assert [c["slug"] for c in data[-1]["categories"]] == ["yes", "no"]
