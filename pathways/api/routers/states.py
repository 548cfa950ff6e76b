"""/states, /states/{postal}: the places every figure is reported for."""

from __future__ import annotations

from typing import Any

from ninja import Router

from pathways.core import selectors as core
from pathways.places.models import State
from pathways.stats import selectors as stats

from .. import schemas as s
from ..params import Format, route, state
from ..respond import respond

router = Router(tags=["places"])
StatesEnvelope = s.envelope_of(s.StateOut, "StatesEnvelope")
StateEnvelope = s.envelope_of(s.StateOut, "StateEnvelope", many=False)
PLACES_SOURCE = "census-fips"


def _state_row(st: State) -> dict[str, Any]:
    return {
        "postal": st.postal,
        "name": st.name,
        "fips": st.fips,
        "slug": st.slug,
        "kind": st.kind,
        "api_url": f"/api/v1/states/{st.postal}",
    }


@route(router, "/states", StatesEnvelope)
def states(request, format: Format = "json"):
    """The 50 states and DC"""
    rows = [_state_row(st) for st in stats.states_and_dc()]
    sources = core.sources(slugs=[PLACES_SOURCE])
    return respond(format, rows, sources, filename="states")


@route(router, "/states/{postal}", StateEnvelope)
def state_detail(request, postal: str):
    """One state (also US, PR, and YC = New York City)"""
    st = state(postal, any_kind=True)
    return respond("json", _state_row(st), core.sources(slugs=[PLACES_SOURCE]))
