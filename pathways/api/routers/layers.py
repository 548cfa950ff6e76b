"""/layers, /layers/{slug}: the map's layers as data, a cell per state (the same
download the map page links to)."""

from __future__ import annotations

from ninja import Router

from pathways.core.envelope import ApiError
from pathways.core.params import parse_period
from pathways.maps import layers

from .. import schemas as s
from ..params import DateParam, Format, YearParam, route
from ..respond import respond

router = Router(tags=["map"])
LayersEnvelope = s.envelope_of(s.LayerOut, "LayersEnvelope")
LayerEnvelope = s.envelope_of(s.LayerCellOut, "LayerEnvelope")


def _layer_params(spec, date, drug, period_text, year):
    """The render arguments for the query parameters this layer ``uses``."""
    if "drug" in spec.uses:
        if drug and drug not in dict(layers.DRUGS):
            raise ApiError(
                400, f"Unknown drug {drug!r}; known: {', '.join(dict(layers.DRUGS))}"
            )
        return {"drug": drug, "period": parse_period(period_text, "period")}
    if "year" in spec.uses:
        return {"year": year}
    return {"on": date}


@route(router, "/layers", LayersEnvelope)
def layer_list(request):
    """Every map layer"""
    rows = [
        {
            "slug": spec.slug,
            "name": spec.name,
            "group": spec.group,
            "kind": spec.kind,
            "description": spec.description,
            "api_url": f"/api/v1/layers/{spec.slug}",
            "csv_url": f"/api/v1/layers/{spec.slug}?format=csv",
        }
        for spec in layers.LAYERS
    ]
    return respond("json", rows, [])


@route(router, "/layers/{slug}", LayerEnvelope)
def layer_detail(
    request,
    slug: str,
    date: DateParam = None,
    drug: str | None = None,
    period: str | None = None,
    year: YearParam = None,
    format: Format = "json",
):
    """One map layer: a cell per state (category, value, source)

    Policy layers take `date` (YYYY-MM-DD, default today); `overdose-rate` takes
    `drug` and `period` (YYYY-MM); `arrest-rate` takes `year`. The same download the
    map page links to."""
    spec = layers.get(slug)
    if spec is None:
        known = ", ".join(s_.slug for s_ in layers.LAYERS)
        raise ApiError(404, f"Unknown layer {slug!r}; known: {known}")
    view = layers.render(spec, **_layer_params(spec, date, drug, period, year))
    rows = [
        {
            "state": c.state.postal,
            "name": c.state.name,
            "category": c.category,
            "label": c.label,
            "value": c.value,
            "display": c.display,
            "detail": c.detail,
            "confidence": c.confidence,
            "date_known": c.date_known,
            "conflicts": c.conflicts,
            "flags": c.flags,
            "source": c.source.slug if c.source else None,
        }
        for c in view.cells.values()
    ]
    meta = {
        "layer": spec.slug,
        "title": view.title,
        "subtitle": view.subtitle,
        "params": view.params,
        "legend": [
            {"category": c.slug, "label": c.label, "count": n} for c, n in view.legend()
        ],
        "notes": view.notes,
    }
    filename = "-".join([spec.slug, *view.params.values()])
    return respond(format, rows, view.sources, filename=filename, meta=meta)
