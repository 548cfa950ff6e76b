"""Read-side queries for law and policy facts (the API and the map call these).

Facts for one (state, topic) are either the law's history (different effective
dates; an earlier fact has an ``end_date``) or sources that disagree. ``facts_on``
answers "what held on this date": one preferred fact per state and topic, with the
facts that disagree with it kept visible as ``alternatives``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from pathways.core.models import Source
from pathways.places.models import State

from .models import PolicyFact, Topic

# A citation cell that only says there is none does not count as a citation.
NO_CITATION = re.compile(
    r"^\s*(none|n/a|not identified|bill not identified|unknown)\b", re.IGNORECASE
)
# Bulk datasets (blank confidence) rank with "medium": a low-confidence scout row
# does not beat an official dataset, a high-confidence one does. On a tie the bulk
# dataset wins.
CONFIDENCE_RANK = {"high": 3, "medium": 2, "": 2, "low": 1}


@dataclass(frozen=True)
class FactOnDate:
    """The fact that held for one state and topic on a date.

    ``fact`` is the preferred fact in effect; ``alternatives`` are the other facts
    in effect that date whose category differs (sources in conflict);
    ``agreeing`` are the other facts in effect with the same category (other
    sources, or amendments of the same law). ``date_known`` is False when the
    preferred fact's effective date is unknown."""

    state: State
    topic: Topic
    fact: PolicyFact
    alternatives: list[PolicyFact] = field(default_factory=list)
    agreeing: list[PolicyFact] = field(default_factory=list)
    date_known: bool = True

    @property
    def category(self) -> str:
        return self.fact.category


def has_citation(citation: str) -> bool:
    return bool(citation.strip()) and not NO_CITATION.match(citation)


def preference(fact: PolicyFact) -> tuple:
    """Sort key, best first when reversed: a data steward's choice first, then a
    citation beats none, then the later as-of date, then higher confidence, then
    the bulk dataset, then file order."""
    return (
        fact.review == PolicyFact.Review.PREFERRED,
        has_citation(fact.citation),
        fact.as_of_date or dt.date.min,
        CONFIDENCE_RANK.get(fact.confidence, 0),
        fact.confidence == "",
        -fact.pk,
    )


def topics() -> QuerySet[Topic]:
    """Every topic, in the registry's order (pathways/policy/topics.py)."""
    return Topic.objects.order_by("sort", "slug")


def topic_slugs() -> list[str]:
    return list(topics().values_list("slug", flat=True))


def sources_by_topic() -> tuple[dict[int, list[str]], list[Source]]:
    """(topic id -> sorted slugs of the sources with facts on it, those sources)."""
    pairs = PolicyFact.objects.values_list("topic_id", "source_id").distinct()
    by_topic: dict[int, set[int]] = {}
    for topic_id, source_id in pairs:
        by_topic.setdefault(topic_id, set()).add(source_id)
    used = Source.objects.in_bulk({sid for ids in by_topic.values() for sid in ids})
    slugs = {t: sorted(used[i].slug for i in ids) for t, ids in by_topic.items()}
    return slugs, list(used.values())


def facts_on(
    *,
    on: dt.date,
    topic: str | None = None,
    state: State | None = None,
    states: list[State] | None = None,
) -> list[FactOnDate]:
    """The preferred fact per (state, topic) in effect on ``on``, for one ``state``,
    some ``states`` or all. States without a fact for a topic are absent ("no
    data", not "no law"). One query."""
    qs = (
        PolicyFact.objects.current()
        .in_effect_on(on)
        .select_related("state", "topic", "source")
    )
    if topic is not None:
        qs = qs.filter(topic__slug=topic)
    if state is not None:
        qs = qs.filter(state=state)
    if states is not None:
        qs = qs.filter(state__in=states)
    groups: dict[tuple[int, int], list[PolicyFact]] = defaultdict(list)
    for fact in qs:
        groups[(fact.state_id, fact.topic_id)].append(fact)
    out: list[FactOnDate] = []
    for facts in groups.values():
        ranked = sorted(facts, key=preference, reverse=True)
        best = ranked[0]
        out.append(
            FactOnDate(
                state=best.state,
                topic=best.topic,
                fact=best,
                alternatives=[f for f in ranked[1:] if f.category != best.category],
                agreeing=[f for f in ranked[1:] if f.category == best.category],
                date_known=best.effective_date is not None,
            )
        )
    out.sort(key=lambda x: (x.topic.sort, x.topic.slug, x.state.name))
    return out


def fact_history(*, state: State, topic: str) -> list[PolicyFact]:
    """Every fact recorded for one state and topic, oldest first: by effective date,
    or by as-of date where the effective date is unknown; undated facts first."""
    return fact_histories(state=state, topics=[topic])[topic]


def fact_histories(*, state: State, topics: list[str]) -> dict[str, list[PolicyFact]]:
    """``fact_history`` of several topics in one query: topic slug -> facts."""
    out: dict[str, list[PolicyFact]] = {t: [] for t in topics}
    for fact in (
        PolicyFact.objects.filter(state=state, topic__slug__in=topics)
        .select_related("state", "topic", "source")
        .order_by(
            Coalesce("effective_date", "as_of_date").asc(nulls_first=True),
            F("effective_date").asc(nulls_first=True),
            "pk",
        )
    ):
        out[fact.topic.slug].append(fact)
    return out


def confidence_summary() -> list[dict]:
    """One row per confidence rating: facts, facts with no as-of date, and the
    first and last as-of date (/sources/)."""
    return list(
        PolicyFact.objects.values("confidence").annotate(
            n=Count("id"),
            undated=Count("id", filter=Q(as_of_date__isnull=True)),
            first=Min("as_of_date"),
            last=Max("as_of_date"),
        )
    )


def sources_with_fact_counts() -> list[Source]:
    """Every source, each with ``n_facts``: the law facts it backs (0 for a
    source of figures)."""
    return list(Source.objects.annotate(n_facts=Count("policy_facts")))
