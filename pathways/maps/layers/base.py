"""The one interface every map layer kind has, and what a reader asks of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from pathways.places.models import State

from .cells import Category, LayerView

DEFAULT_DRUG = "drug-overdose-deaths"


@dataclass(frozen=True)
class Query:
    """What a reader asked for; each layer reads the parts it ``uses``."""

    on: dt.date  # law layers: the law in effect on this day
    drug: str = DEFAULT_DRUG  # overdose: an indicator slug
    period: dt.date | None = None  # overdose: the end of a 12-month period
    year: int | None = None  # arrests


@dataclass(frozen=True)
class Layer:
    """A map layer: turns stored facts or figures into one cell per state."""

    slug: str
    name: str  # untranslated (gettext_noop); translate when shown
    group: str
    description: str
    topic: str = ""  # the law topic of a policy layer
    legend_note: str = ""

    kind: ClassVar[str]  # "policy", "decrim", "overdose", "arrests" (the API lists it)
    uses: ClassVar[
        tuple[str, ...]
    ]  # query parameters: "date", "drug", "period", "year"
    law: ClassVar[bool] = False  # reads law facts in effect on a date

    def view(self, query: Query, places: list[State]) -> LayerView:
        """One cell per place, the legend's categories, title, sources."""
        raise NotImplementedError

    def palette(self) -> list[Category]:
        """The classes in legend order (rate layers with placeholder breaks), to
        check the colours without data."""
        raise NotImplementedError

    def url_params(self, query: Query) -> dict[str, str]:
        """The query parameters this layer reads, as they go in a URL."""
        values = {
            "date": query.on.isoformat(),
            "drug": query.drug,
            "period": f"{query.period:%Y-%m}" if query.period else "",
            "year": str(query.year) if query.year else "",
        }
        return {name: values[name] for name in self.uses}
