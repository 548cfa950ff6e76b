"""Which import run loaded the file a ``core.Source`` came from (the
"Last import" line of every dataset on /sources/)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from pathways.ingest import registry
from pathways.ingest.selectors import FileRuns


@dataclass
class RunInfo:
    loaded: dt.datetime
    checksum: str
    file: str
    files: int = 1
    checked: dt.datetime | None = None  # a later run that found the file unchanged


_TOKEN = re.compile(r"[a-z]+|\d+")


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def ingest_slugs_by_doc() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for slug, module in registry.sources().items():
        out[getattr(module.SOURCE, "doc", "")].add(slug)
    return out


def run_for(
    slug: str, doc: str, files: list[FileRuns], by_doc: dict[str, set[str]]
) -> RunInfo | None:
    """The last load of the file(s) a Source came from.

    ImportRun records the ingest source and the file, not the ``core.Source`` rows
    it wrote, so the match is: the ingest sources documented on the same page as
    the Source; then a run whose notes name the Source ("-> source <slug>"); else
    the files whose name and ingest slug share the most words with the Source's
    slug (``cdc-vsrr-2024-07`` ↔ ``…thru2024-07.csv``). Several equally good
    files (CDC WONDER, one file per year) are one Source: the newest load counts."""
    candidates = [
        f for f in files if f.last_ok is not None and f.ingest in by_doc.get(doc, ())
    ]
    if not candidates:
        return None
    named = [f for f in candidates if f"source {slug};" in f"{f.last_ok.message};"]
    if named:
        best = named
    else:
        want = _tokens(slug)
        scores = [
            len(want & _tokens(f"{f.ingest} {f.path.rsplit('/', 1)[-1]}"))
            for f in candidates
        ]
        top = max(scores)
        best = [f for f, s in zip(candidates, scores, strict=True) if s == top]
    newest = max(best, key=lambda f: f.last_ok.started_at)
    run = newest.last_ok
    checked = max((f.last_seen for f in best if f.last_seen), default=None)
    return RunInfo(
        loaded=run.started_at,
        checksum=run.checksum[:12],
        file=run.path.rsplit("/", 1)[-1],
        files=len(best),
        checked=checked if checked and checked > run.started_at else None,
    )
