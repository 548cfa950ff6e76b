"""The page model of /compare/: every map layer for up to six states side by side,
and their overdose death rates on one chart (``compare_page``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pathways.core.models import Source
from pathways.core.sources import unique_sources
from pathways.maps import charts, layers
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator

from .figures import overdose_chart, overdose_data
from .sentences import sentence

MAX_COMPARE = 6


def parse_states(values: list[str]) -> tuple[list[State], list[str]]:
    """States named in ``states`` parameters (repeated, or comma-separated), in the
    order given, without repeats; and the codes that name no state or DC."""
    found: list[State] = []
    unknown: list[str] = []
    codes = [c.strip() for v in values for c in v.split(",") if c.strip()]
    by_postal = {s.postal: s for s in layers.states()}
    for code in codes[:60]:
        st = by_postal.get(code.upper())
        if st is None:
            if code[:20] not in unknown:
                unknown.append(code[:20])
        elif st not in found:
            found.append(st)
    if len(codes) > 60:
        unknown.append("…")
    return found, unknown


@dataclass
class CompareRow:
    spec: layers.Layer
    subtitle: str
    cells: list[tuple[layers.Cell, str]]  # with the plain-language sentence
    sources: list[Source]


def _view(spec: layers.Layer, on: dt.date, places: list[State], facts):
    """The layer for ``places``: a law layer from the facts already read, a figure
    layer from its figures; one whose indicator was never loaded (an empty
    database) shows "No data" instead of failing."""
    if isinstance(spec, layers.LawLayer):
        return spec.from_facts(facts, on, places)
    try:
        return layers.render(spec, on=on, places=places)
    except Indicator.DoesNotExist:
        cells = {
            st.postal: layers.Cell(
                st,
                layers.NO_DATA,
                _("No data"),
                layers.NO_DATA_FILL,
                display=_("No data"),
            )
            for st in places
        }
        return layers.LayerView(
            spec, cells, [], _(spec.name), _("No data loaded"), [], {}
        )


@dataclass
class ComparePage:
    """Every layer for the chosen states, the chart and the sources of both."""

    rows: list[CompareRow]
    chart: charts.Chart
    sources: list[Source]


def compare_page(chosen: list[State], on: dt.date) -> ComparePage:
    """The page model of /compare/ for ``chosen`` (one to ``MAX_COMPARE`` states)."""
    rows: list[CompareRow] = []
    facts = policy.facts_on(on=on, states=chosen)  # every law layer from one read
    for spec in layers.LAYERS:
        view = _view(spec, on, chosen, facts)
        cells = [
            (
                view.cells[st.postal],
                sentence(spec.slug, view.cells[st.postal].category) if spec.law else "",
            )
            for st in chosen
        ]
        rows.append(CompareRow(spec, view.subtitle, cells, view.sources))
    us = stats.nation()
    data = overdose_data([*chosen, us] if us else chosen, ["drug-overdose-deaths"])
    chart = overdose_chart(
        chosen,
        data,
        drugs=("drug-overdose-deaths",),
        chart_id="compare-chart",
        title=_(
            "Overdose deaths per 100,000 residents, all drugs, 12 months ending "
            "each month: %(places)s and the U.S."
        )
        % {"places": ", ".join(s.name for s in chosen)},
        us=us,
    )
    sources = unique_sources(
        [
            *(s for r in rows for s in r.sources),
            *data.sources.values(),
            *data.population_sources(),
        ]
    )
    return ComparePage(rows, chart, sources)
