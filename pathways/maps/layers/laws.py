"""Law layers: the law fact in effect on a date, one class per category of a topic.

Each law layer reads the facts of its ``topics``; ``from_facts`` classifies facts
already read (the state page reads every topic for one state in one query)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.selectors import FactOnDate
from pathways.policy.topics import TOPICS

from .base import Layer, Query
from .cells import SEQ4, YES_NO, Category, Cell, LayerView, day, no_data, sources_of

ORDERED_TOPICS = ("possession-class", "paraphernalia-class")


def when(f) -> str:
    """When a fact took effect, or how old its source is, in plain words."""
    if f.effective_date:
        fmt = {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT"}.get(
            f.effective_precision, "Y"
        )
        return _("in effect since %(date)s") % {
            "date": date_format(f.effective_date, fmt)
        }
    if f.as_of and not f.as_of.lower().startswith("undated"):
        return _("source dated %(date)s; effective date unknown") % {"date": f.as_of}
    return _("source undated; effective date unknown")


def fact_cell(st: State, cat: Category, x: FactOnDate, detail: str) -> Cell:
    """A map cell for the law fact ``x`` in class ``cat``."""
    return Cell(
        st,
        cat.slug,
        cat.label,
        cat.color,
        display=cat.label,
        detail=detail,
        source=x.fact.source,
        confidence=x.fact.confidence,
        date_known=x.date_known,
        conflicts=len(x.alternatives),
    )


@dataclass(frozen=True)
class LawLayer(Layer):
    """A layer of law facts in effect on ``query.on``."""

    uses: ClassVar[tuple[str, ...]] = ("date",)
    law: ClassVar[bool] = True
    subtitle: ClassVar[str]  # with %(date)s, untranslated
    notes: ClassVar[tuple[str, ...]] = ()  # untranslated

    @property
    def topics(self) -> tuple[str, ...]:
        """The fact topics this layer reads."""
        raise NotImplementedError

    def classify(
        self, st: State, facts: dict[str, FactOnDate], cats: list[Category]
    ) -> Cell:
        """The cell of one state from its facts by topic."""
        raise NotImplementedError

    def view(self, query: Query, places: list[State]) -> LayerView:
        facts = [x for t in self.topics for x in policy.facts_on(on=query.on, topic=t)]
        return self.from_facts(facts, query.on, places)

    def from_facts(
        self, facts: Iterable[FactOnDate], on: dt.date, places: list[State]
    ) -> LayerView:
        """The layer from facts already read (``policy.facts_on``, any topics and
        states; those of other topics are ignored)."""
        by_state: dict[str, dict[str, FactOnDate]] = {}
        for x in facts:
            if x.topic.slug in self.topics:
                by_state.setdefault(x.state.postal, {})[x.topic.slug] = x
        cats = self.palette()
        cells = {
            st.postal: self.classify(st, by_state.get(st.postal, {}), cats)
            for st in places
        }
        return LayerView(
            self,
            cells,
            cats,
            _(self.name),
            _(self.subtitle) % {"date": day(on)},
            sources_of(cells.values()),
            {"date": on.isoformat()},
            notes=[_(n) for n in self.notes],
        )


@dataclass(frozen=True)
class PolicyLayer(LawLayer):
    """One law topic; its categories are the topic's."""

    kind: ClassVar[str] = "policy"
    subtitle: ClassVar[str] = gettext_noop("Law as recorded for %(date)s")

    @property
    def topics(self) -> tuple[str, ...]:
        return (self.topic,)

    def palette(self) -> list[Category]:
        cats = TOPICS[self.topic].categories
        out = []
        for i, (slug, label) in enumerate(cats):
            if self.topic in ORDERED_TOPICS:
                color = SEQ4[i]
            elif slug in YES_NO:
                color = YES_NO[slug]
            else:  # three unordered-but-ranked classes: dark, mid, light
                color = ("#253494", "#41b6c4", "#a1dab4", "#ffffcc")[min(i, 3)]
            out.append(Category(slug, _(label), color))
        return out

    def classify(
        self, st: State, facts: dict[str, FactOnDate], cats: list[Category]
    ) -> Cell:
        x = facts.get(self.topic)
        cat = next((c for c in cats if x and c.slug == x.category), None)
        if x is None or cat is None:
            return no_data(st)
        f = x.fact
        english = dict(TOPICS[self.topic].categories).get(cat.slug, "").lower()
        same = f.value.lower() in (cat.label.lower(), english)
        return fact_cell(st, cat, x, when(f) if same else f"{f.value} ({when(f)})")


@dataclass(frozen=True)
class DecrimLayer(LawLayer):
    """Decriminalization: a law in effect, else a bill introduced, else none found."""

    kind: ClassVar[str] = "decrim"
    subtitle: ClassVar[str] = gettext_noop("As recorded for %(date)s")
    notes: ClassVar[tuple[str, ...]] = (
        gettext_noop(
            "Most ‘no bill found’ entries cover January 2021 to August 2022 only."
        ),
    )
    topics: ClassVar[tuple[str, ...]] = (
        "decrim-law-in-effect",
        "decrim-legislation-introduced",
    )

    def palette(self) -> list[Category]:
        return [
            Category("in-effect", _("Law in effect"), SEQ4[3]),
            Category("introduced", _("Bill introduced"), SEQ4[1]),
            Category("none", _("No bill found"), SEQ4[0]),
        ]

    def classify(
        self, st: State, facts: dict[str, FactOnDate], cats: list[Category]
    ) -> Cell:
        law, bill = (facts.get(t) for t in self.topics)
        if law and law.category == "yes":
            cat, x = cats[0], law
        elif bill and bill.category == "yes":
            cat, x = cats[1], bill
        elif bill and bill.category == "no":
            cat, x = cats[2], bill
        else:
            return no_data(st)
        return fact_cell(st, cat, x, f"{x.fact.value} ({when(x.fact)})")
