"""Create-or-refresh by a natural key: the one upsert helper for registry rows
(sources, indicators, topics, seeded content). Only fields whose value differs are
written, so a re-run with unchanged input writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def upsert(
    model: type[M], *, lookup: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[M, bool, list[str]]:
    """Find the row matching ``lookup``; create it with ``values`` if missing,
    otherwise update the fields of ``values`` that changed. Returns
    ``(row, created, changed_field_names)``."""
    row, created = model._default_manager.get_or_create(**lookup, defaults=dict(values))
    if created:
        return row, True, []
    changed = refresh(row, values)
    return row, False, changed


def refresh(row: Model, values: Mapping[str, Any]) -> list[str]:
    """Set the fields of ``values`` that differ on ``row`` and save only those."""
    changed = [k for k, v in values.items() if getattr(row, k) != v]
    if changed:
        for k in changed:
            setattr(row, k, values[k])
        row.save(update_fields=changed)
    return changed
