"""Run one source over one file: checksum, skip if unchanged, read and clean
everything, then load in one transaction and record the run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from .base import ImportResult, Rejected, RejectedFile, sha256_of
from .models import ImportRun


@dataclass
class RunOutcome:
    slug: str
    path: Path
    status: str
    result: ImportResult = field(default_factory=ImportResult)
    rejections: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    skipped_because: ImportRun | None = None


def last_load(slug: str, checksum: str, parser_version: int) -> ImportRun | None:
    return (
        ImportRun.objects.filter(
            source_slug=slug,
            checksum=checksum,
            parser_version=parser_version,
            status=ImportRun.Status.OK,
        )
        .order_by("-started_at")
        .first()
    )


def run_source(
    module: ModuleType,
    path: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: bool | None = None,
) -> RunOutcome:
    spec = module.SOURCE
    started = time.perf_counter()
    started_at = timezone.now()
    outcome = RunOutcome(spec.slug, path, ImportRun.Status.OK)
    checksum = sha256_of(path)
    parser_version = getattr(spec, "parser_version", 1)

    previous = last_load(spec.slug, checksum, parser_version)
    if previous and not force and not dry_run:
        outcome.status = ImportRun.Status.SKIPPED
        outcome.skipped_because = previous
        outcome.result = ImportResult(unchanged=previous.read)
        outcome.seconds = time.perf_counter() - started
        _record(outcome, checksum, parser_version, started_at)
        return outcome

    ctx = module.context() if hasattr(module, "context") else {}
    rows = []
    result = ImportResult()
    try:
        for raw in tqdm(
            module.read(path),
            desc=spec.slug,
            unit=" rows",
            disable=(not progress) if progress is not None else None,
            leave=False,
        ):
            result.read += 1
            cleaned = module.clean(raw, **ctx)
            if isinstance(cleaned, Rejected):
                outcome.rejections.append(cleaned)
            else:
                rows.append(cleaned)
    except RejectedFile as exc:
        outcome.rejections.extend(exc.rejections)

    if not outcome.rejections:
        try:
            with transaction.atomic():
                loaded = module.load(rows, path=path)
                result.add(loaded)
                result.notes.extend(loaded.notes)
                if dry_run:
                    transaction.set_rollback(True)
        except RejectedFile as exc:
            outcome.rejections.extend(exc.rejections)

    result.rejected = len(outcome.rejections)
    outcome.result = result
    outcome.seconds = time.perf_counter() - started
    if outcome.rejections:
        outcome.status = ImportRun.Status.REJECTED
        result.inserted = result.updated = result.unchanged = result.deleted = 0
    elif dry_run:
        outcome.status = ImportRun.Status.DRY_RUN
    else:
        _record(outcome, checksum, parser_version, started_at)
    return outcome


def _record(
    outcome: RunOutcome, checksum: str, parser_version: int, started_at
) -> None:
    """Loads and skips are recorded. Rejected and dry runs change nothing, not even
    this table (see docs/decisions/0002-ingest-runs.md)."""
    r = outcome.result
    ImportRun.objects.create(
        source_slug=outcome.slug,
        path=str(outcome.path),
        checksum=checksum,
        parser_version=parser_version,
        status=outcome.status,
        started_at=started_at,
        duration_ms=int(outcome.seconds * 1000),
        read=r.read,
        inserted=r.inserted,
        updated=r.updated,
        unchanged=r.unchanged,
        deleted=r.deleted,
        rejected=r.rejected,
        message="; ".join(r.notes)[:2000],
    )
