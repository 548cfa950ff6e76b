"""What ``manage.py seed_library`` creates, row by row, against a JSON snapshot.

Proves a change to how the seed is stored (Python, data files) changes no row.
After an intended content change, rewrite the snapshot:
``PATHWAYS_WRITE_SNAPSHOT=1 pytest pathways/library/tests/test_seed_snapshot.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models

from pathways.library.models import IssueArea, Resource, Section, Tag

SNAPSHOT = Path(__file__).parent / "fixtures" / "seed_snapshot.json"
# Set from the clock when the seed runs; publish_at is kept relative (below).
CLOCK_FIELDS = {"id", "created_at", "updated_at", "seeded_at", "publish_at"}


def _row(obj: models.Model, seeded: dt.datetime) -> dict:
    out: dict = {}
    for f in obj._meta.concrete_fields:
        if f.name in CLOCK_FIELDS:
            continue
        value = getattr(obj, f.name)
        if isinstance(f, models.ForeignKey):
            value = getattr(value, "slug", None) if value is not None else None
        elif isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, models.fields.files.FieldFile):
            value = value.name or ""
        out[f.name] = value
    publish_at = getattr(obj, "publish_at", None)
    if publish_at is not None:
        # A listed date is fixed; an undated resource is "seconds before the seed
        # ran" (their order), an issue area "when the seed ran".
        age = (seeded - publish_at).total_seconds()
        if abs(age) > 3600:
            out["publish_at"] = publish_at.isoformat()
        else:
            out["publish_at"] = (
                f"seed-{round(age)}s" if isinstance(obj, Resource) else "seed"
            )
    for m in obj._meta.many_to_many:
        out[m.name] = sorted(o.slug for o in getattr(obj, m.name).all())
    return out


def _dump() -> dict:
    seeded = max(r.publish_at for r in Resource.objects.all())
    return {
        "tags": [_row(t, seeded) for t in Tag.objects.order_by("slug")],
        "issue_areas": [_row(a, seeded) for a in IssueArea.objects.order_by("slug")],
        "sections": [
            {"issue_area": s.issue_area.slug, **_row(s, seeded)}
            for s in Section.objects.order_by("issue_area__slug", "order")
        ],
        "resources": [_row(r, seeded) for r in Resource.objects.order_by("slug")],
    }


@pytest.mark.django_db
def test_seed_library_creates_the_snapshot_rows():
    call_command("seed_library", stdout=StringIO())
    got = json.loads(json.dumps(_dump(), ensure_ascii=False))
    if os.environ.get("PATHWAYS_WRITE_SNAPSHOT"):
        SNAPSHOT.write_text(
            json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    want = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for kind in want:
        assert got[kind] == want[kind], kind
