"""The page model of /states/<postal>/: every law on a date, the overdose and arrest
figures, the chart, the sources and the download links, as plain objects the
template reads (``state_page``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.core.sources import unique_sources
from pathways.maps import charts, layers
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.categorize import label as category_label
from pathways.policy.models import PolicyFact
from pathways.policy.topics import TOPICS
from pathways.stats import selectors as stats

from .figures import (
    CHART_DRUGS,
    ArrestRow,
    OverdoseRow,
    overdose_chart,
    overdose_data,
    overdose_rows,
    when_text,
)
from .sentences import sentence

# Law facts whose effective dates become chart markers: the map's topics.
MARKER_TOPICS = (*[t for t, _ in layers.POLICY_LAYERS], "decrim-law-in-effect")
MARKER_LABELS = {
    ("decrim-law-in-effect", "yes"): gettext_noop("Decriminalization law took effect"),
    ("decrim-law-in-effect", "no"): gettext_noop("Decriminalization law ended"),
}
BARE_VALUES = {"yes", "no", "y", "n", "0", "1", "true", "false"}
DECRIM_TOPICS = ("decrim-law-in-effect", "decrim-legislation-introduced")

# -- one state ------------------------------------------------------------------------


@dataclass
class LawRow:
    spec: layers.Layer
    cell: layers.Cell
    fact: PolicyFact | None
    sentence: str
    effective: str
    end: str
    alternatives: list[dict] = field(default_factory=list)
    also: list[dict] = field(default_factory=list)

    @property
    def citation(self) -> str:
        """The citation, unless it only says there is none."""
        if self.fact is None or not policy.has_citation(self.fact.citation):
            return ""
        return self.fact.citation

    @property
    def source_says(self) -> str:
        """The source's own wording, when it says more than the category."""
        if self.fact is None:
            return ""
        v = " ".join(self.fact.value.split())
        if v.lower() in BARE_VALUES or v.lower() == self.cell.display.lower():
            return ""
        return v


def _alt(f: PolicyFact) -> dict:
    return {
        "value": f.value,
        "label": _(category_label(f.topic.slug, f.category) or f.value),
        "effective": when_text(f),
        "as_of": f.as_of,
        "citation": f.citation if policy.has_citation(f.citation) else "",
        "source": f.source,
    }


def law_rows(st: State, on: dt.date) -> list[LawRow]:
    """Every law layer's row for one state on ``on``, from one read of its facts."""
    in_effect = policy.facts_on(on=on, state=st)
    facts = {x.topic.slug: x for x in in_effect}
    rows = []
    for spec, cell in layers.state_summary(st, on, facts=in_effect):
        also: list[dict] = []
        if isinstance(spec, layers.DecrimLayer):
            topic = (
                DECRIM_TOPICS[0] if cell.category == "in-effect" else DECRIM_TOPICS[1]
            )
            x = facts.get(topic) if cell.has_data else None
            for other in ("decrim-law-in-effect", "decrim-law-repealed"):
                y = facts.get(other)
                if y is not None and other != topic:
                    also.append({"topic": _(TOPICS[other].name), **_alt(y.fact)})
        else:
            x = facts.get(spec.topic) if cell.has_data else None
        f = x.fact if x else None
        rows.append(
            LawRow(
                spec=spec,
                cell=cell,
                fact=f,
                sentence=sentence(spec.slug, cell.category),
                effective=when_text(f) if f else "",
                end=date_format(f.end_date, "DATE_FORMAT") if f and f.end_date else "",
                alternatives=[_alt(a) for a in x.alternatives] if x else [],
                also=also,
            )
        )
    return rows


def law_events(st: State) -> list[charts.LawEvent]:
    """The chart's markers: when each of the map's laws took effect (one query)."""
    history = policy.fact_histories(state=st, topics=list(MARKER_TOPICS))
    events = []
    for topic in MARKER_TOPICS:
        for f in history[topic]:
            if f.effective_date is None:
                continue
            marker = MARKER_LABELS.get((topic, f.category))
            label = (
                _(marker)
                if marker
                else f"{_(TOPICS[topic].name)}: "
                f"{_(category_label(topic, f.category) or f.value)}"
            )
            events.append(charts.LawEvent(f.effective_date, label, when_text(f)))
    return events


def _summary(st, laws, od_rows, arrests) -> dict:
    by_slug = {r.spec.slug: r for r in laws}
    all_drugs = next((r for r in od_rows if r.drug == "drug-overdose-deaths"), None)
    latest_arrest = arrests[-1] if arrests else None
    return {
        "possession": by_slug.get("possession-class"),
        "decrim": by_slug.get("decriminalization"),
        "overdose": all_drugs,
        "arrest": latest_arrest,
    }


@dataclass
class StatePage:
    """Everything /states/<postal>/ shows for one state and one date."""

    state: State
    on: dt.date
    laws: list[LawRow]
    od_rows: list[OverdoseRow]
    arrests: list[ArrestRow]
    summary: dict
    chart: charts.Chart
    od_sources: list[Source]
    arrest_sources: list[Source]
    downloads: dict
    compare_url: str


def _downloads(st: State, on: dt.date, drugs_loaded) -> dict:
    """The API addresses of the page's figures, CSV and JSON."""
    api = f"/api/v1/states/{st.postal}"
    return {
        "facts_csv": f"{api}/facts?{urlencode({'date': on.isoformat(), 'format': 'csv'})}",
        "facts_json": f"{api}/facts?{urlencode({'date': on.isoformat()})}",
        "overdose": [
            (
                _(label),
                f"{api}/overdose?{urlencode({'indicator': drug, 'format': 'csv'})}",
                f"{api}/overdose?{urlencode({'indicator': drug})}",
            )
            for drug, label in layers.DRUGS
            if drug in drugs_loaded
        ],
        "arrests_csv": f"{api}/arrests?format=csv",
        "arrests_json": f"{api}/arrests",
    }


def state_page(st: State, on: dt.date) -> StatePage:
    """The page model of one state, with the laws in effect on ``on``."""
    laws = law_rows(st, on)
    us = stats.nation()
    places = [st, us] if us else [st]
    data = overdose_data(places, [d for d, _ in layers.DRUGS])
    od_rows = overdose_rows(st, data)
    arrest_rates = stats.arrest_rates(places=[st])
    arrests = [ArrestRow(r) for r in arrest_rates]
    chart = overdose_chart(
        [st],
        data,
        drugs=CHART_DRUGS,
        chart_id="overdose-chart",
        title=_(
            "Overdose deaths per 100,000 residents in %(place)s by drug, 12 months "
            "ending each month, with the U.S. rate for all drugs"
        )
        % {"place": st.name},
        events=law_events(st),
        us=us,
    )
    return StatePage(
        state=st,
        on=on,
        laws=laws,
        od_rows=od_rows,
        arrests=arrests,
        summary=_summary(st, laws, od_rows, arrests),
        chart=chart,
        od_sources=unique_sources(
            [
                *(data.sources.get(d) for d, _ in layers.DRUGS),
                *data.population_sources(),
            ]
        ),
        arrest_sources=unique_sources(
            [
                *(r.arrests.source for r in arrest_rates if r.arrests),
                *(
                    r.census_population.source
                    for r in arrest_rates
                    if r.census_population
                ),
            ]
        ),
        downloads=_downloads(st, on, data.sources),
        compare_url=f"{reverse('states:compare')}?states={st.postal}",
    )
