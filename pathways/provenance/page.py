"""The page model of /sources/: every section as plain, picklable data (``build``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.maps import layers
from pathways.policy import selectors as policy
from pathways.policy.models import PolicyFact
from pathways.policy.selectors import FactOnDate
from pathways.stats import selectors as stats

from .datasets import Group, dataset_groups
from .gaps import arrest_years, layer_gaps, series_gaps

CONFIDENCE_LABELS = (
    gettext_noop("High"),
    gettext_noop("Medium"),
    gettext_noop("Low"),
    gettext_noop("Not rated (bulk dataset)"),
)

CONFIDENCE_HELP = {
    "high": gettext_noop(
        "The statute, the bill page or a dated news report states the fact directly."
    ),
    "medium": gettext_noop(
        "The fact comes from a date window in a secondary source, from an indirect "
        "statement, or the bill number is missing."
    ),
    "low": gettext_noop(
        "The only source is an advocacy claim, sources conflict, or the fact is an "
        "inference. Treat it with care."
    ),
    "": gettext_noop(
        "Bulk research datasets (such as OPTIC data in the Opioid Environment "
        "Policy Scan, or KFF) are not rated row by row; they rank with “medium”."
    ),
}
CONFIDENCE_ORDER = ["high", "medium", "low", ""]


@dataclass
class Conflict:
    state: str
    topic: str
    chosen: str
    chosen_source: str
    others: list[tuple[str, str]]  # (value, source)


def _facts(
    in_effect: list[FactOnDate], fact_rows: list[dict]
) -> tuple[list[tuple[str, str, str, int]], dict]:
    labels = dict(PolicyFact.Confidence.choices)
    counts = {r["confidence"]: r["n"] for r in fact_rows}
    confidence = [
        (c or "unrated", _(labels[c]), _(CONFIDENCE_HELP[c]), counts.get(c, 0))
        for c in CONFIDENCE_ORDER
    ]
    conflicts = [
        Conflict(
            x.state.name,
            x.topic.name,
            x.fact.value,
            x.fact.source.publisher,
            [(f.value, f.source.publisher) for f in x.alternatives],
        )
        for x in in_effect
        if x.alternatives
    ]
    return confidence, {
        "pairs": len(in_effect),
        "conflicts": conflicts,
        "topics": len({x.topic.slug for x in in_effect}),
    }


def _overdose_kinds(sources: list[Source], groups: list[Group]) -> list[dict]:
    """The overdose datasets, one entry per publisher and dataset (a dataset's
    releases together), with the kind of period each counts."""
    periods = {d.slug: d.periods for g in groups for d in g.datasets}
    out: dict[tuple[str, str], dict] = {}
    for s in sources:
        entry = out.setdefault(
            (s.publisher, s.dataset),
            {"publisher": s.publisher, "dataset": s.dataset, "releases": []},
        )
        entry["releases"].append(
            s.vintage or "; ".join(periods.get(s.slug, [])) or s.slug
        )
    return list(out.values())


def build(today: dt.date) -> dict:
    """Everything the page shows, as plain data (cacheable)."""
    places = layers.states()
    fact_rows = policy.confidence_summary()
    summary = stats.observation_summary()
    groups, law, population_uses, by_topic = dataset_groups(summary, fact_rows)
    vintages = {d.pk: d.vintage or d.publisher for g in groups for d in g.datasets}
    in_effect = policy.facts_on(on=today)  # every law layer and the conflicts
    confidence, facts = _facts(in_effect, fact_rows)
    overdose_kinds = _overdose_kinds(by_topic.get("overdose", []), groups)
    return {
        "today": today,
        "groups": groups,
        "law": law,
        "datasets_count": sum(1 for g in groups for d in g.datasets if d.values),
        "layer_gaps": layer_gaps(places, today, in_effect),
        "series_gaps": series_gaps(places, summary, vintages),
        "arrest_years": arrest_years(places),
        "low_coverage": stats.LOW_COVERAGE,
        "population_uses": population_uses,
        "overdose_kinds": overdose_kinds,
        "confidence": confidence,
        "facts": facts,
        "places": len(places),
    }
