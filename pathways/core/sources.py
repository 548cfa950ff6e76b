"""Sources as pages and the API list them: each once, in the order first met."""

from __future__ import annotations

from collections.abc import Iterable

from pathways.core.models import Source


def unique_sources(sources: Iterable[Source | None]) -> list[Source]:
    """``sources`` without repeats (by primary key) or ``None``s, first one kept."""
    seen: dict[int, Source] = {}
    for s in sources:
        if s is not None and s.pk not in seen:
            seen[s.pk] = s
    return list(seen.values())
