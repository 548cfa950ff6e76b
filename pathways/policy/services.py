"""Writes of the policy app: the topic rows from the registry, and the end dates
of a law's history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from pathways.core.upsert import upsert_many

from . import topics as registry
from .dates import parse_as_of, period_end
from .models import PolicyFact, Topic


def topics_sync(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Bring the ``Topic`` rows in line with the registry (``topics.TOPIC_SPECS``):
    create missing topics, refresh names, descriptions, groups, categories and
    order. Runs after every ``migrate``; topics no longer in the registry are left
    alone (facts may point at them). Returns (created, updated)."""
    rows = [
        {
            "slug": spec.slug,
            "name": spec.name,
            "description": spec.description,
            "group": spec.group,
            "categories": [list(c) for c in spec.categories],
            "sort": sort,
        }
        for sort, spec in enumerate(registry.TOPIC_SPECS, start=1)
    ]
    return upsert_many(Topic, rows, key=("slug",), using=using)


# -- history: end dates ---------------------------------------------------------------


@dataclass(frozen=True)
class HistoryItem:
    key: Any
    category: str
    effective_date: dt.date | None
    as_of: str


def known_through(item: HistoryItem) -> dt.date | None:
    """The last day a fact is known to hold: the end of its as-of period, or its
    effective date if that is later; None when neither is known."""
    dates = []
    if item.effective_date is not None:
        dates.append(item.effective_date)
    as_of, precision = parse_as_of(item.as_of)
    if as_of is not None:
        dates.append(period_end(as_of, precision))
    return max(dates) if dates else None


def end_dates(items: Iterable[HistoryItem]) -> dict[Any, dt.date | None]:
    """End dates for the facts of one (state, topic).

    A fact ends the day before the earliest other fact with a different (known)
    category whose effective date is known and later than the last day the first
    fact is known to hold (its effective date or the end of its as-of period). So
    dated rows make a history; a row whose source described the law after the
    other row's effective date stays open (that is a conflict, kept visible); a row
    with neither an effective date nor an as-of date never ends."""
    items = list(items)
    out: dict[Any, dt.date | None] = {}
    for item in items:
        through = known_through(item) if item.category else None
        later = [
            other.effective_date
            for other in items
            if through is not None
            and other.category
            and other.category != item.category
            and other.effective_date is not None
            and other.effective_date > through
        ]
        out[item.key] = min(later) - dt.timedelta(days=1) if later else None
    return out


def history_category(fact: PolicyFact) -> str:
    """A fact a data steward rejected takes no part in the law's history."""
    return "" if fact.review == PolicyFact.Review.REJECTED else fact.category


def recompute_end_dates(pairs: Iterable[tuple[int, int]]) -> int:
    """Recompute ``end_date`` for every fact of the given (state_id, topic_id)
    pairs (e.g. after a data steward edits one in the admin). Returns how many
    facts changed."""
    pairs = set(pairs)
    if not pairs:
        return 0
    facts = [
        f
        for f in PolicyFact.objects.filter(
            state_id__in={s for s, _ in pairs}, topic_id__in={t for _, t in pairs}
        )
        if (f.state_id, f.topic_id) in pairs
    ]
    groups: dict[tuple[int, int], list[PolicyFact]] = defaultdict(list)
    for f in facts:
        groups[(f.state_id, f.topic_id)].append(f)
    changed: list[PolicyFact] = []
    for group in groups.values():
        ends = end_dates(
            HistoryItem(f.pk, history_category(f), f.effective_date, f.as_of)
            for f in group
        )
        for f in group:
            if f.end_date != ends[f.pk]:
                f.end_date = ends[f.pk]
                changed.append(f)
    if changed:
        PolicyFact.objects.bulk_update(changed, ["end_date"])
    return len(changed)
