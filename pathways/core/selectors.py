"""Reads of the source register (every figure's provenance)."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Source


def sources(
    *, slugs: Iterable[str] | None = None, ids: Iterable[int] | None = None
) -> list[Source]:
    """Every source, or those with the given slugs or ids (the register's order)."""
    qs = Source.objects.all()
    if slugs is not None:
        qs = qs.filter(slug__in=list(slugs))
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return list(qs)
