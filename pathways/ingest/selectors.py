"""Reads of the import runs (the "Last import" lines on /sources/)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Subquery

from .models import ImportRun


@dataclass
class FileRuns:
    ingest: str
    path: str
    last_ok: ImportRun | None
    last_seen: dt.datetime | None


def file_runs() -> list[FileRuns]:
    """The newest successful load of every file, and when the file was last
    checked (one query, one row per file however many times the ingest ran)."""
    ok = ImportRun.Status.OK
    newest_ok = (
        ImportRun.objects.filter(status=ok)
        .values("source_slug", "path")
        .annotate(last=Max("pk"))
        .values("last")
    )
    last_seen = (
        ImportRun.objects.filter(
            source_slug=OuterRef("source_slug"),
            path=OuterRef("path"),
            status__in=[ok, ImportRun.Status.SKIPPED],
        )
        .order_by("-started_at")
        .values("started_at")[:1]
    )
    return [
        FileRuns(r.source_slug, r.path, r, r.seen)
        for r in ImportRun.objects.filter(pk__in=Subquery(newest_ok)).annotate(
            seen=Subquery(last_seen)
        )
    ]
