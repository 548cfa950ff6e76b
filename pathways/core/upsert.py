"""Create-or-refresh by a natural key: the one upsert helper for registry rows
(sources, indicators, topics, seeded content). Only fields whose value differs are
written, so a re-run with unchanged input writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.signals import post_migrate

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


def upsert_many(
    model: type[M],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
    create_only: Sequence[str] = (),
    using: str = DEFAULT_DB_ALIAS,
) -> tuple[int, int]:
    """Bring ``model`` in line with ``rows`` (dicts of field values) matched by the
    ``key`` fields, in three queries at most: create the missing rows, update the
    fields that differ except ``create_only`` ones (written on creation only).
    Rows the input does not name are left alone. Returns ``(created, updated)``."""
    fields = sorted({f for r in rows for f in r} - set(key) - set(create_only))
    manager = model._default_manager.db_manager(using)
    existing = {tuple(getattr(o, k) for k in key): o for o in manager.all()}
    new, changed, touched = [], [], set()
    for r in rows:
        obj = existing.get(tuple(r[k] for k in key))
        if obj is None:
            new.append(model(**r))
            continue
        diff = [f for f in fields if getattr(obj, f) != r[f]]
        if diff:
            for f in diff:
                setattr(obj, f, r[f])
            changed.append(obj)
            touched.update(diff)
    if new:
        manager.bulk_create(new)
    if changed:
        manager.bulk_update(changed, sorted(touched))
    return len(new), len(changed)


def sync_after_migrate(
    config: AppConfig, model_name: str, sync: Callable[..., object]
) -> None:
    """Run ``sync(using=<database alias>)`` after every ``migrate`` of ``config``'s
    app, once the table of ``model_name`` exists: how a registry kept in a file
    reaches its rows. Call from ``AppConfig.ready``."""

    def handler(sender, using: str, **kwargs) -> None:
        table = config.get_model(model_name)._meta.db_table
        if table in connections[using].introspection.table_names():
            sync(using=using)

    post_migrate.connect(handler, sender=config, weak=False)
