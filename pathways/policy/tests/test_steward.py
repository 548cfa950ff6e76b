"""Data stewards resolve disagreements between sources in the admin: the choice
wins on the map at once, history is kept, and a re-ingest keeps the decision."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from pathways.ingest.tests.test_state_laws import HEADER, line
from pathways.maps import layers
from pathways.places.models import State
from pathways.policy.models import PolicyFact
from pathways.policy.selectors import facts_on
from tests.helpers import admin_action

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def conflict(write_file):
    """Two sources disagree about Washington's possession class."""
    path = write_file(
        "facts.csv",
        HEADER
        + line()  # Misdemeanor, cited, high confidence: preferred by the rule
        + line(
            value="Felony",
            citation="",
            source_url="https://example.org/old-explainer",
            as_of="2020",
            confidence="low",
        ),
    )
    call_command("ingest", "state-laws", str(path), "--no-progress")
    return path


def _wa_possession():
    wa = State.objects.get(postal="WA")
    (x,) = facts_on(on=TODAY, topic="possession-class", state=wa)
    return x


def _admin(client):
    user = User.objects.create_superuser("steward", "s@example.org", "pw-steward-1")
    client.force_login(user)
    return user


def test_preferring_the_other_source_changes_the_map(client, conflict):
    x = _wa_possession()
    assert x.fact.value == "Misdemeanor" and [a.value for a in x.alternatives] == [
        "Felony"
    ]
    felony = PolicyFact.objects.get(value="Felony")
    user = _admin(client)
    resp = admin_action(client, "prefer", [felony])
    assert resp.status_code == 302
    x = _wa_possession()
    assert x.fact.pk == felony.pk and x.alternatives[0].value == "Misdemeanor"
    cell = layers.render(layers.get("possession-class"), on=TODAY).cells["WA"]
    assert cell.label == "Felony" and cell.conflicts == 1
    assert (
        client.get("/api/v1/facts?topic=possession-class&state=WA").json()["data"][0][
            "value"
        ]
        == "Felony"
    )
    # History records who changed what.
    history = felony.history.order_by("-history_date").first()
    assert history.review == "preferred" and history.history_user == user


def test_rejecting_a_source_hides_it_everywhere(client, conflict):
    felony = PolicyFact.objects.get(value="Felony")
    _admin(client)
    admin_action(client, "reject", [felony])
    x = _wa_possession()
    assert x.fact.value == "Misdemeanor" and x.alternatives == []
    listed = client.get("/admin/policy/policyfact/?conflict=yes").content.decode()
    assert "Felony" not in listed


def test_reingest_keeps_the_decision(conflict, capsys):
    PolicyFact.objects.filter(value="Felony").update(
        review="preferred", review_note="x"
    )
    call_command("ingest", "state-laws", str(conflict), "--force", "--no-progress")
    assert "inserted 0 · updated 0" in capsys.readouterr().out
    felony = PolicyFact.objects.get(value="Felony")
    assert (felony.review, felony.review_note) == ("preferred", "x")


def test_conflict_filter_lists_disagreements(client, conflict):
    _admin(client)
    body = client.get("/admin/policy/policyfact/?conflict=yes").content.decode()
    assert "Felony" in body and "Misdemeanor" in body


def test_steward_adds_a_fact_in_the_admin(client, conflict):
    _admin(client)
    wa = State.objects.get(postal="WA")
    from pathways.policy.models import Topic

    topic = Topic.objects.get(slug="possession-class")
    source = PolicyFact.objects.first().source
    data = {
        "state": wa.pk,
        "topic": topic.pk,
        "value": "Not criminalized",
        "category": "",
        "effective_date": "2030-01-01",
        "effective_precision": "day",
        "effective_text": "2030-01-01",
        "citation": "Test Act 2029",
        "source": source.pk,
        "as_of": "2029-12-01",
        "as_of_date": "",
        "confidence": "high",
        "evidence": "",
        "notes": "",
        "origin": "admin",
        "review": "",
        "review_note": "",
    }
    missing = client.post("/admin/policy/policyfact/add/", {**data, "citation": ""})
    assert (
        missing.status_code == 200
        and "This field is required" in missing.content.decode()
    )
    resp = client.post("/admin/policy/policyfact/add/", data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    future = facts_on(on=dt.date(2030, 6, 1), topic="possession-class", state=wa)[0]
    assert future.fact.category == "not-criminalized"
    assert _wa_possession().fact.value == "Misdemeanor"  # today unchanged
