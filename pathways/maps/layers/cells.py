"""What every layer produces: one cell per state, the categories of the legend, and
the view that holds them; plus the words for dates, and the no-data cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pathways.core.models import Source
from pathways.core.sources import unique_sources
from pathways.places.models import State

if TYPE_CHECKING:
    from .base import Layer

NO_DATA = "no-data"
SUPPRESSED = "suppressed"
# Greyscale-safe: within a layer, lightness rises with the order of the classes.
# (ColorBrewer YlGnBu, colour-blind safe; each fill takes white or dark text at
# 4.5:1 or more, see tests/test_map_page.py.)
SEQ4 = ("#ffffcc", "#a1dab4", "#41b6c4", "#253494")
SEQ5 = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8", "#253494")
# yes darkest, partial mid, unclear light grey, no lightest: apart in greyscale too.
YES_NO = {"yes": "#253494", "partial": "#41b6c4", "no": "#f7fcb9", "unclear": "#bdbdbd"}
NO_DATA_FILL = "url(#no-data)"  # white with grey hatching, defined in the SVG


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
    color: str


@dataclass
class Cell:
    state: State
    category: str  # a Category slug, NO_DATA or SUPPRESSED
    label: str  # the category label, or "No data" / "Suppressed"
    color: str
    value: float | None = None  # rate layers
    display: str = ""  # what a reader sees: "Misdemeanor", "44.2 per 100,000"
    detail: str = ""  # as of, effective date, coverage, footnote
    source: Source | None = None
    confidence: str = ""
    date_known: bool = True
    conflicts: int = 0
    flags: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.category not in (NO_DATA, SUPPRESSED)


@dataclass
class LayerView:
    spec: Layer
    cells: dict[str, Cell]  # by postal code, 50 states + DC in name order
    categories: list[Category]
    title: str
    subtitle: str
    sources: list[Source]
    params: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def legend(self) -> list[tuple[Category, int]]:
        """Each category with the number of states in it; then suppressed (if any)
        and no data."""
        counts: dict[str, int] = {}
        for cell in self.cells.values():
            counts[cell.category] = counts.get(cell.category, 0) + 1
        items = [(c, counts.get(c.slug, 0)) for c in self.categories]
        if counts.get(SUPPRESSED):
            items.append(
                (
                    Category(SUPPRESSED, _("Suppressed (fewer than 10)"), NO_DATA_FILL),
                    counts[SUPPRESSED],
                )
            )
        items.append(
            (Category(NO_DATA, _("No data"), NO_DATA_FILL), counts.get(NO_DATA, 0))
        )
        return items


def no_data(st: State, label: str = "") -> Cell:
    label = label or _("No data")
    return Cell(st, NO_DATA, label, NO_DATA_FILL, display=label)


def sources_of(cells: Iterable[Cell]) -> list[Source]:
    """The cells' sources, each once, in the order first cited."""
    return unique_sources(c.source for c in cells)


def day(d: dt.date) -> str:
    """ "March 5, 2024" / "5 de marzo de 2024"."""
    return date_format(d, "DATE_FORMAT")


def month(d: dt.date) -> str:
    """ "March 2024" / "marzo de 2024"."""
    return date_format(d, "YEAR_MONTH_FORMAT")
