"""manage.py ingest <source> [FILE ...] [--dry-run] | ingest --all [--data-dir DIR]"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pathways.ingest.registry import sources
from pathways.ingest.runner import RunOutcome, run_source

MAX_SHOWN = 50


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # ingest needs no URL or admin checks
    help = (
        "Load an official data file into Pathways: read -> clean -> load, one "
        "transaction per file. Without FILE, reads the source's files from the "
        "data directory. Exits 1 if anything is rejected (and then changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="source slug (see --list)")
        parser.add_argument("files", nargs="*", type=Path, help="file(s) to read")
        parser.add_argument("--all", action="store_true", help="every source")
        parser.add_argument("--list", action="store_true", help="list sources")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read, clean and load, then roll back",
        )
        parser.add_argument(
            "--force", action="store_true", help="re-read files even if unchanged"
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="where the source files live (default: PATHWAYS_DATA_DIR)",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="never show a progress bar"
        )

    def handle(self, *args, **opts):
        registry = sources()
        if opts["list"]:
            for slug, module in registry.items():
                self.stdout.write(f"{slug:24} {module.SOURCE.title}")
            return
        if opts["all"] == bool(opts["source"]):
            raise CommandError("name one source, or --all (see --list)")
        data_dir = opts["data_dir"] or settings.PATHWAYS_DATA_DIR
        jobs: list[tuple[object, Path]] = []
        if opts["all"]:
            if opts["files"]:
                raise CommandError("--all reads the data directory; give no FILE")
            for module in registry.values():
                jobs += [(module, p) for p in self._defaults(module, data_dir)]
        else:
            module = registry.get(opts["source"])
            if module is None:
                raise CommandError(
                    f"unknown source {opts['source']!r}; known: {', '.join(registry)}"
                )
            files = opts["files"] or self._defaults(module, data_dir)
            jobs = [(module, p) for p in files]
        for _, path in jobs:
            if not Path(path).is_file():
                raise CommandError(f"{path}: no such file")

        failed = 0
        progress = False if opts["no_progress"] else None
        for module, path in jobs:
            outcome = run_source(
                module,
                Path(path),
                dry_run=opts["dry_run"],
                force=opts["force"],
                progress=progress,
            )
            self._report(outcome)
            failed += outcome.status == "rejected"
        if failed:
            raise CommandError(
                f"{failed} file(s) rejected; the database was not changed by them"
            )

    def _defaults(self, module, data_dir: Path | None) -> list[Path]:
        if data_dir is None:
            raise CommandError(
                "no data directory: set PATHWAYS_DATA_DIR, pass --data-dir, "
                "or name the FILE"
            )
        return [Path(data_dir) / rel for rel in module.SOURCE.default_files]

    def _report(self, o: RunOutcome) -> None:
        label = f"{o.slug} {o.path.name}"
        if o.status == "skipped":
            prev = o.skipped_because
            self.stdout.write(
                f"{label}: unchanged since run #{prev.pk} "
                f"({timezone.localtime(prev.started_at):%Y-%m-%d %H:%M %Z}), skipped · inserted 0 · "
                f"updated 0 · unchanged {o.result.unchanged:,} (use --force to re-read)"
            )
            return
        if o.status == "rejected":
            self.stderr.write(
                f"{label}: REJECTED · {o.result.summary()} · nothing changed"
            )
            for r in o.rejections[:MAX_SHOWN]:
                self.stderr.write(f"  {r}")
            if len(o.rejections) > MAX_SHOWN:
                self.stderr.write(f"  … and {len(o.rejections) - MAX_SHOWN:,} more")
            return
        suffix = " (dry run: rolled back)" if o.status == "dry-run" else ""
        self.stdout.write(f"{label}: {o.result.summary()} ({o.seconds:.1f} s){suffix}")
        for note in o.result.notes:
            self.stdout.write(f"  note: {note}")
