"""The offline ZIP code table (``zipcodes`` package), trimmed to what Pathways uses
and kept in var/cache/ so a new process reads it in milliseconds instead of
decompressing the package's whole table (about 0.7 s)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings

FIELDS = ("zip_code", "lat", "long", "state", "city", "zip_code_type")


def _cache_file() -> Path:
    from importlib.metadata import version

    return Path(settings.VAR_DIR) / "cache" / f"zipcodes-{version('zipcodes')}.json"


@lru_cache(maxsize=1)
def all_zips() -> list[dict[str, str]]:
    """Every ZIP record with the fields in FIELDS (as the package gives them)."""
    path = _cache_file()
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        pass
    import zipcodes

    rows = [{k: z.get(k) for k in FIELDS} for z in zipcodes.list_all()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows))
        tmp.replace(path)
    except OSError:
        pass  # read-only deployment: decode once per process
    return rows
