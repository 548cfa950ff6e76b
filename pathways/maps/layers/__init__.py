"""Map layers: what the choropleth, the state pages, comparisons and downloads show.

A layer turns stored facts or figures into one cell per state (category, colour,
label, value, source) for a date or period. Each kind is a class with one interface
(``Layer.view(query, places)``): law layers (``laws``) read the facts in effect on a
date, rate layers (``rates``) compute per-100,000 rates for a 12-month period
(overdose, VSRR) or a year (arrests, FBI). ``LAYERS`` is the registry, in the map's
order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext_noop

from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.selectors import FactOnDate
from pathways.policy.topics import TOPICS

from .base import DEFAULT_DRUG, Layer, Query
from .cells import (
    NO_DATA,
    NO_DATA_FILL,
    SUPPRESSED,
    Category,
    Cell,
    LayerView,
)
from .laws import DecrimLayer, LawLayer, PolicyLayer
from .rates import (
    DRUGS,
    ArrestLayer,
    OverdoseLayer,
    RateLayer,
    compute_breaks,
    default_period,
    overdose_periods,
    rate_categories,
)

# Law topics shown as layers, with their group, in the map's order.
POLICY_LAYERS = [
    ("possession-class", "criminalization"),
    ("paraphernalia-class", "criminalization"),
    ("good-samaritan-law", "harm-reduction"),
    ("good-samaritan-arrest-protection", "harm-reduction"),
    ("naloxone-access-law", "harm-reduction"),
    ("naloxone-standing-order", "harm-reduction"),
    ("naloxone-pharmacist-prescribing", "harm-reduction"),
    ("ssp-legal-category", "harm-reduction"),
    ("fentanyl-test-strips-legal", "harm-reduction"),
    ("opc-authorization", "harm-reduction"),
    ("cannabis-status", "cannabis"),
    ("medicaid-expansion-status", "health-coverage"),
]


def _policy(topic: str, group: str) -> PolicyLayer:
    t = TOPICS[topic]
    return PolicyLayer(topic, t.name, group, t.description, topic=topic)


LAYERS: list[Layer] = [
    *(_policy(t, g) for t, g in POLICY_LAYERS[:2]),
    DecrimLayer(
        "decriminalization",
        gettext_noop("Decriminalization"),
        "criminalization",
        gettext_noop(
            "Whether the state has a law in effect that removes criminal penalties "
            "for possessing drugs for personal use, or a bill to do so was "
            "introduced."
        ),
    ),
    OverdoseLayer(
        "overdose-rate",
        gettext_noop("Overdose death rate"),
        "health",
        gettext_noop(
            "Drug overdose deaths in the 12 months ending with the chosen month, "
            "per 100,000 residents. Counts are provisional (CDC/NCHS VSRR) and by "
            "the state where the death occurred."
        ),
        legend_note=gettext_noop("Deaths per 100,000 residents, 12 months ending"),
    ),
    ArrestLayer(
        "arrest-rate",
        gettext_noop("Drug arrest rate"),
        "criminalization",
        gettext_noop(
            "Arrests for drug law violations (possession and sale together) per "
            "100,000 people served by the police agencies that reported to the FBI."
        ),
        legend_note=gettext_noop(
            "Arrests per 100,000 people covered by reporting agencies"
        ),
    ),
    *(_policy(t, g) for t, g in POLICY_LAYERS[2:]),
]
BY_SLUG = {s.slug: s for s in LAYERS}
LAW_LAYERS: list[LawLayer] = [s for s in LAYERS if isinstance(s, LawLayer)]
DEFAULT_LAYER = "possession-class"


def get(slug: str) -> Layer | None:
    return BY_SLUG.get(slug)


def states() -> list[State]:
    return list(State.objects.states_and_dc().order_by("name"))


def render(
    spec: Layer,
    *,
    on: dt.date | None = None,
    drug: str | None = None,
    period: dt.date | None = None,
    year: int | None = None,
    places: list[State] | None = None,
) -> LayerView:
    """One layer for the 50 states and DC (or ``places``); each layer reads the
    parameters it uses."""
    query = Query(on or dt.date.today(), drug or DEFAULT_DRUG, period, year)
    return spec.view(query, places if places is not None else states())


def state_summary(
    state: State, on: dt.date, *, facts: Iterable[FactOnDate] | None = None
) -> list[tuple[LawLayer, Cell]]:
    """Every law layer's cell for one state on ``on``, in the map's order, from one
    read of the state's facts (``policy.facts_on(on=on, state=state)``, or ``facts``
    if the caller already holds them)."""
    if facts is None:
        facts = policy.facts_on(on=on, state=state)
    facts = list(facts)
    return [
        (layer, layer.from_facts(facts, on, [state]).cells[state.postal])
        for layer in LAW_LAYERS
    ]


def clear_caches() -> None:
    """Forget the class breaks kept in memory (benchmarks' cold runs)."""
    compute_breaks.cache_clear()


__all__ = [
    "BY_SLUG",
    "DEFAULT_LAYER",
    "DRUGS",
    "LAW_LAYERS",
    "LAYERS",
    "NO_DATA",
    "NO_DATA_FILL",
    "POLICY_LAYERS",
    "SUPPRESSED",
    "ArrestLayer",
    "Category",
    "Cell",
    "DecrimLayer",
    "Layer",
    "LayerView",
    "LawLayer",
    "OverdoseLayer",
    "PolicyLayer",
    "Query",
    "RateLayer",
    "default_period",
    "get",
    "overdose_periods",
    "rate_categories",
    "render",
    "state_summary",
    "states",
]
