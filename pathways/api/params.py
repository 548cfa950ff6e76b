"""What the API reads from a request, declared once: the format switch, typed
query parameters (read by ``core.params``' rules), query schemas shared by routes,
the lookups that turn a parameter into a thing (state, indicator, source, topic),
and ``route``, the one way a router declares a GET (with the one error shape)."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Annotated, Any, Literal

from ninja import Router
from pydantic import BeforeValidator

from pathways.core.envelope import ApiError
from pathways.core.models import Source
from pathways.core.params import parse_date, parse_state_code, parse_year
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator

from . import schemas as s

Format = Literal["json", "csv"]
ERRORS = {400: s.ErrorOut, 404: s.ErrorOut}


def route(
    router: Router,
    path: str,
    envelope: type[s.Schema],
    *,
    tags: list[str] | None = None,
) -> Callable:
    """Declare a GET route answering ``envelope`` on success and ``ErrorOut`` on
    400 and 404. The view's docstring is its OpenAPI text: the first paragraph
    the summary, the rest (if any) the description."""

    def register(view: Callable) -> Callable:
        summary, _, rest = inspect.cleandoc(view.__doc__ or "").partition("\n\n")
        description = " ".join(rest.split()) or None
        router.get(
            path,
            response={200: envelope, **ERRORS},
            summary=" ".join(summary.split()),
            description=description,
            tags=tags,
        )(view)
        # Without a description django-ninja would show the whole docstring.
        router.path_operations[path].operations[-1].description = description
        return view

    return register


def _parsed(parse: Callable[[Any, str], Any]) -> BeforeValidator:
    """A query parameter read by one of ``core.params``' rules (its OpenAPI type
    stays the declared one)."""
    return BeforeValidator(lambda v, info: parse(v, info.field_name))


DateParam = Annotated[dt.date | None, _parsed(parse_date)]
YearParam = Annotated[int | None, _parsed(parse_year)]


class SeriesQuery(s.Schema):
    indicator: str = "drug-overdose-deaths"
    source: str | None = None
    start: str | None = None
    end: str | None = None
    format: Format = "json"


class RateQuery(s.Schema):
    indicator: str = "drug-overdose-deaths"
    period: str | None = None
    source: str | None = None
    format: Format = "json"


def state(code: str, *, any_kind: bool = False, name: str = "postal") -> State:
    """A state or DC by postal or FIPS code (``any_kind``: also US, PR, YC); 404."""
    return parse_state_code(code, name, any_kind=any_kind)


def indicator(key: str, topic: str) -> Indicator:
    """An indicator of ``topic`` by slug or official label; 400 naming the known."""
    ind = stats.indicator_by_key(key)
    if ind is None or ind.topic != topic:
        known = ", ".join(stats.indicator_slugs(topic=topic))
        raise ApiError(400, f"Unknown indicator {key!r}; known: {known}")
    return ind


def source(ind: Indicator, slug: str | None) -> Source:
    """The source ``slug`` of ``ind`` (default: the one reaching the latest period)."""
    options = stats.sources_for(indicator=ind)
    if not options:
        raise ApiError(404, f"No data loaded for indicator {ind.slug!r}")
    if slug is None:
        return options[0]
    for src in options:
        if src.slug == slug:
            return src
    raise ApiError(
        400,
        f"Unknown source {slug!r} for {ind.slug!r}; known: "
        + ", ".join(o.slug for o in options),
    )


def topic_slug(topic: str | None) -> str | None:
    """``topic`` if it is a law and policy topic's slug; 400 naming the known."""
    if topic is None:
        return None
    known = policy.topic_slugs()
    if topic not in known:
        raise ApiError(400, f"Unknown topic {topic!r}; known: {', '.join(known)}")
    return topic
