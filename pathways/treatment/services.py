"""Writes of the treatment app that are not an ingest."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from pathways.core.models import Source
from pathways.core.upsert import upsert_many

from . import codes as code_table
from .models import ServiceCode


def service_codes_sync(*, using: str = DEFAULT_DB_ALIAS) -> tuple[int, int]:
    """Bring the ``ServiceCode`` rows in line with the code table file
    (``codes.TABLE``): create missing codes, refresh labels, groups and values.
    Runs after every ``migrate``. Returns (created, updated).

    A new row points at the reviewed edition's source and takes its place in the
    table as its order; the definitions-file ingest may later set both from the
    official file, and this sync leaves them alone."""
    spec = code_table.source_spec()
    slug = spec.pop("slug")
    source, _ = Source.objects.using(using).get_or_create(slug=slug, defaults=spec)
    rows = [
        {
            "directory_type": c.directory_type,
            "code": c.code,
            "official_label": c.official_label,
            "group": c.group,
            "value": c.value,
            "label_en": c.label_en,
            "label_es": c.label_es,
            "sort": i,
            "source": source,
        }
        for i, c in enumerate(code_table.TABLE)
    ]
    return upsert_many(
        ServiceCode,
        rows,
        key=("directory_type", "code"),
        create_only=("sort", "source"),
        using=using,
    )
