"""Template tags for the finder maps (see ``pathways.treatment.mapsvg``).

Used by ``treatment/_map.html``; the finder templates include that file::

    {% include "treatment/_map.html" with map_rows=rows map_place=place map_radius=radius map_start=page.start_index %}
    {% include "treatment/_map.html" with map_facility=f %}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from pathways.treatment import mapsvg

register = template.Library()


def _facility(row: Any) -> Any:
    """A result row is a dict with the facility under "f" (the finder's rows), an
    object with a ``facility`` attribute (a selector hit) or the facility itself."""
    if isinstance(row, dict):
        return row.get("f") or row.get("facility")
    return getattr(row, "facility", row)


@register.simple_tag
def finder_results_map(
    rows: Iterable[Any] | None, place: Any, radius: Any, start: Any = 1
) -> mapsvg.FinderMap | None:
    """The map of a page of results, or None without a search place."""
    if place is None or getattr(place, "lat", None) is None:
        return None
    try:
        miles = float(radius)
        first = int(start or 1)
    except (TypeError, ValueError):
        return None
    if not 0 < miles <= 500:
        return None
    facilities = [f for f in (_facility(r) for r in rows or []) if f is not None]
    return mapsvg.results_map(
        facilities,
        lat=place.lat,
        lng=place.lng,
        radius=int(miles) if miles.is_integer() else miles,
        label=getattr(place, "label", "") or "",
        start=first,
    )


@register.simple_tag
def finder_facility_map(facility: Any) -> mapsvg.FinderMap | None:
    """The map around one facility, or None when it has no location."""
    if facility is None:
        return None
    return mapsvg.facility_map(facility)
