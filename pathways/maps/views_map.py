"""/map/ and /map/embed/: the choropleth, its legend, table and downloads.

Everything is reachable without JavaScript: layers are links, the date, drug,
period and year are a GET form. map.js only swaps the map in place and adds a
tooltip."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt

from pathways.places import geometry
from pathways.stats import selectors as stats

from . import layers

GROUP_LABELS = {
    "criminalization": gettext_noop("Criminal law"),
    "harm-reduction": gettext_noop("Harm reduction"),
    "health": gettext_noop("Health"),
    "cannabis": gettext_noop("Cannabis"),
    "health-coverage": gettext_noop("Health coverage"),
}
EARLIEST_DATE = dt.date(2000, 1, 1)
SORTS = {"name", "value"}


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    rgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ink(fill: str) -> str:
    """White or dark text, whichever has at least 4.5:1 contrast on ``fill``
    (patterns such as the no-data hatching get dark text)."""
    if not fill.startswith("#") or len(fill) != 7:
        return "#1f2933"
    white = 1.05 / (_luminance(fill) + 0.05)
    return "#ffffff" if white >= 4.5 else "#1f2933"


@dataclass
class MapParams:
    spec: layers.Layer
    on: dt.date
    drug: str
    period: dt.date | None
    year: int | None
    sort: str
    errors: list[str]

    def query(self, **overrides: str) -> str:
        """The query string for this view with some parameters changed."""
        q = {"layer": self.spec.slug, **self.spec.url_params(self.layer_query())}
        q.update(overrides)
        return urlencode({k: v for k, v in q.items() if v})

    def layer_query(self) -> layers.Query:
        return layers.Query(self.on, self.drug, self.period, self.year)


def parse(request: HttpRequest) -> MapParams:
    """Read the GET parameters; anything unreadable falls back to the default with
    a message for the reader (never an error page)."""
    g = request.GET
    errors: list[str] = []
    spec = layers.get(g.get("layer", "") or layers.DEFAULT_LAYER)
    if spec is None:
        errors.append(
            _(
                "There is no map layer called “%(layer)s”; showing drug possession "
                "penalties instead."
            )
            % {"layer": g.get("layer")}
        )
        spec = layers.get(layers.DEFAULT_LAYER)
    on = dt.date.today()
    if g.get("date"):
        try:
            on = dt.date.fromisoformat(g["date"])
            if not EARLIEST_DATE <= on <= dt.date.today() + dt.timedelta(days=3650):
                raise ValueError
        except ValueError:
            errors.append(
                _(
                    "The date must look like 2024-01-31 (year-month-day) and be "
                    "after 2000; showing today instead."
                )
            )
            on = dt.date.today()
    drug = g.get("drug") or "drug-overdose-deaths"
    if drug not in dict(layers.DRUGS):
        errors.append(_("Unknown drug; showing all drugs."))
        drug = "drug-overdose-deaths"
    period = None
    if g.get("period"):
        try:
            y, m = (int(x) for x in g["period"].split("-"))
            period = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
        except ValueError:
            errors.append(_("The period must look like 2023-12 (year-month)."))
    year = None
    if g.get("year"):
        try:
            year = int(g["year"])
        except ValueError:
            errors.append(_("The year must be a number such as 2016."))
    sort = g.get("sort") if g.get("sort") in SORTS else "name"
    return MapParams(spec, on, drug, period, year, sort, errors)


def _context(request: HttpRequest, params: MapParams) -> dict:
    uses = params.spec.uses
    view = params.spec.view(params.layer_query(), layers.states())
    if (
        "period" in uses
        and params.period is not None
        and view.params.get("period") != f"{params.period:%Y-%m}"
    ):
        params.errors.append(_("No data for that period; showing the latest period."))
    shapes = geometry.state_shapes()
    states = []
    for shape in sorted(shapes.values(), key=lambda s: s.name):
        cell = view.cells.get(shape.postal)
        if cell is None:
            continue
        states.append({"shape": shape, "cell": cell})
    callouts = [
        {"box": c, "cell": view.cells[c.postal], "ink": ink(view.cells[c.postal].color)}
        for c in geometry.callouts()
        if c.postal in view.cells
    ]
    rows = list(view.cells.values())
    if params.sort == "value":
        order = {c.slug: i for i, c in enumerate(view.categories)}
        rows.sort(
            key=lambda c: (
                c.value is None,
                -(c.value or 0),
                order.get(c.category, 99),
                c.state.name,
            )
        )
    groups: dict[str, list[layers.Layer]] = {}
    for spec in layers.LAYERS:
        group = _(GROUP_LABELS.get(spec.group, spec.group))
        groups.setdefault(group, []).append(spec)
    api = f"/api/v1/layers/{params.spec.slug}"
    return {
        "view": view,
        "params": params,
        "states": states,
        "callouts": callouts,
        "rows": rows,
        "groups": groups,
        "viewbox": geometry.VIEWBOX,
        "drugs": [(slug, _(label)) for slug, label in layers.DRUGS],
        "periods": layers.overdose_periods(params.drug) if "period" in uses else [],
        "years": stats.arrest_years() if "year" in uses else [],
        "download_csv": f"{api}?{urlencode({**view.params, 'format': 'csv'})}",
        "download_json": f"{api}?{urlencode(view.params)}",
        "query": params.query(),
        "embed_url": f"{reverse('maps:embed')}?{params.query()}",
    }


@cache_control(public=True, max_age=300)
def map_page(request: HttpRequest) -> HttpResponse:
    params = parse(request)
    ctx = _context(request, params)
    template = (
        "maps/_map_region.html" if request.GET.get("partial") else "maps/map.html"
    )
    return render(request, template, ctx)


@xframe_options_exempt
@cache_control(public=True, max_age=300)
def map_embed(request: HttpRequest) -> HttpResponse:
    params = parse(request)
    return render(request, "maps/embed.html", _context(request, params))
