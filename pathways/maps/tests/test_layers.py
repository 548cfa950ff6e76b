"""The layer registry: one class per kind, and a state's law layers from one read."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.maps import layers
from pathways.places.models import State
from pathways.policy import selectors as policy
from tests.factories import PolicyFactFactory, TopicFactory

pytestmark = [pytest.mark.django_db]
ON = dt.date(2024, 6, 1)


def test_registry_has_one_layer_per_slug_in_the_maps_order():
    slugs = [s.slug for s in layers.LAYERS]
    assert len(set(slugs)) == len(slugs)
    assert slugs[:5] == [
        "possession-class",
        "paraphernalia-class",
        "decriminalization",
        "overdose-rate",
        "arrest-rate",
    ]
    assert {s.kind for s in layers.LAYERS} == {
        "policy",
        "decrim",
        "overdose",
        "arrests",
    }
    assert [s.slug for s in layers.LAW_LAYERS] == [
        s.slug for s in layers.LAYERS if s.law
    ]


def test_url_params_are_the_ones_each_kind_reads():
    q = layers.Query(ON, "heroin", dt.date(2020, 12, 31), 2015)
    assert layers.get("possession-class").url_params(q) == {"date": "2024-06-01"}
    assert layers.get("overdose-rate").url_params(q) == {
        "drug": "heroin",
        "period": "2020-12",
    }
    assert layers.get("arrest-rate").url_params(q) == {"year": "2015"}


def test_state_summary_reads_once_and_matches_each_layer(django_assert_num_queries):
    wa = State.objects.get(postal="WA")
    PolicyFactFactory(value="yes")  # naloxone access, WA
    PolicyFactFactory(
        topic=TopicFactory(slug="decrim-legislation-introduced"), value="yes"
    )
    with django_assert_num_queries(1):
        summary = layers.state_summary(wa, ON)
    assert [layer for layer, _ in summary] == layers.LAW_LAYERS
    for layer, cell in summary:
        assert cell == layers.render(layer, on=ON, places=[wa]).cells["WA"], layer
    cells = {layer.slug: cell for layer, cell in summary}
    assert cells["naloxone-access-law"].category == "yes"
    assert cells["decriminalization"].category == "introduced"
    assert not cells["possession-class"].has_data
    # facts the caller already holds: no query at all
    facts = list(policy.facts_on(on=ON, state=wa))
    with django_assert_num_queries(0):
        assert layers.state_summary(wa, ON, facts=facts) == summary
