"""The "What is missing where" section of /sources/: map layers, overdose series
and arrest years without a value, state by state."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from pathways.maps import layers
from pathways.places.models import State
from pathways.policy.selectors import FactOnDate
from pathways.stats import selectors as stats
from pathways.stats.models import Observation


@dataclass
class LayerGap:
    slug: str
    name: str
    shown_for: str
    url: str
    total: int
    gaps: list[tuple[str, list[str]]]  # (label, state names)

    @property
    def missing(self) -> int:
        return sum(len(names) for _, names in self.gaps)


@dataclass
class SeriesGap:
    name: str
    source: str
    periods: int
    period_label: str
    states: list[tuple[str, int]]  # (state name, periods without a value)
    statuses: list[tuple[str, int]]  # (status label, state-periods)


@dataclass
class ArrestYear:
    year: int
    no_data: list[str]
    not_usable: list[str]
    low: list[tuple[str, str]]  # (state name, coverage "22%")


def _state_names(places: list[State]) -> dict[str, str]:
    return {p.postal: p.name for p in places}


def layer_gaps(
    places: list[State], today: dt.date, in_effect: list[FactOnDate]
) -> list[LayerGap]:
    """Every map layer as the map shows it by default, and the states without a
    value (no data, suppressed, not usable). Law layers are built from
    ``in_effect`` (``policy.facts_on(on=today)``, read once)."""
    out = []
    map_url = reverse("maps:map")
    for spec in layers.LAYERS:
        try:
            view = (
                spec.from_facts(in_effect, today, places)
                if spec.law
                else layers.render(spec, on=today, places=places)
            )
        except ObjectDoesNotExist:
            out.append(
                LayerGap(
                    spec.slug,
                    _(spec.name),
                    "",
                    f"{map_url}?layer={spec.slug}",
                    len(places),
                    [(_("No data loaded"), [p.name for p in places])],
                )
            )
            continue
        by_label: dict[str, list[str]] = defaultdict(list)
        for cell in view.cells.values():
            if cell.category in (layers.NO_DATA, layers.SUPPRESSED):
                by_label[cell.label].append(cell.state.name)
        params = "&".join(f"{k}={v}" for k, v in view.params.items())
        # "Overdose death rate: All drugs" -> "All drugs"; "Drug arrest rate, 2016"
        # -> "2016"; a policy layer's title is its name.
        extra = view.title.removeprefix(_(spec.name)).lstrip(":, ")
        out.append(
            LayerGap(
                spec.slug,
                _(spec.name),
                " · ".join(x for x in (extra, view.subtitle) if x),
                f"{map_url}?layer={spec.slug}" + (f"&{params}" if params else ""),
                len(view.cells),
                sorted(by_label.items()),
            )
        )
    return out


def series_gaps(
    places: list[State], summary: list[dict], vintages: dict[int, str]
) -> list[SeriesGap]:
    """Overdose figures the map offers (every drug) and the monthly counts: the
    states with periods the publisher did not publish, in the newest release."""
    drugs = dict(layers.DRUGS)
    status_labels = dict(Observation.Status.choices)
    names = _state_names(places)
    releases: dict[str, dict] = {}
    for row in summary:
        slug = row["indicator__slug"]
        if row["indicator__topic"] != "overdose" or (
            slug not in drugs and row["period_type"] != Observation.Period.MONTH
        ):
            continue
        cur = releases.get(slug)
        # stats.sources_for: the release reaching the latest period wins.
        if cur is None or (row["last"], row["source_id"]) > (
            cur["last"],
            cur["source_id"],
        ):
            releases[slug] = row
    if not releases:
        return []
    missing: dict[str, Counter] = defaultdict(Counter)
    statuses: dict[str, Counter] = defaultdict(Counter)
    for row in stats.unpublished_counts(
        releases={slug: row["source_id"] for slug, row in releases.items()},
        places=places,
    ):
        missing[row["indicator__slug"]][row["place__postal"]] += row["n"]
        statuses[row["indicator__slug"]][row["status"]] += row["n"]
    order = [d for d in drugs if d in releases] + sorted(
        s for s in releases if s not in drugs
    )
    out = []
    for slug in order:
        r = releases[slug]
        out.append(
            SeriesGap(
                name=drugs.get(slug) or r["indicator__name"],
                source=vintages.get(r["source_id"], ""),
                periods=r["periods"],
                period_label=(
                    "periods"
                    if r["period_type"] == Observation.Period.TWELVE_MONTHS
                    else "months"
                ),
                states=sorted((names.get(p, p), n) for p, n in missing[slug].items()),
                statuses=[
                    (status_labels.get(s, s), n)
                    for s, n in sorted(statuses[slug].items())
                ],
            )
        )
    return out


def arrest_years(places: list[State]) -> list[ArrestYear]:
    years: dict[int, ArrestYear] = {}
    for r in stats.arrest_rates(places=places):
        y = years.setdefault(r.year, ArrestYear(r.year, [], [], []))
        name = r.place.name
        if r.arrests is None or r.arrests.status == Observation.Status.MISSING:
            y.no_data.append(name)
        elif r.arrests.status == Observation.Status.NOT_USABLE:
            y.not_usable.append(name)
        elif r.rate is None:
            y.no_data.append(name)
        elif r.low_coverage:
            y.low.append((name, f"{r.coverage:.1%}"))
    return [years[y] for y in sorted(years)]
