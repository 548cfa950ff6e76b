"""manage.py seed_library [--force]: the library's first content (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pathways.library.seed import seed_library


class Command(BaseCommand):
    help = (
        "Create or update the nine issue areas and the seed books, organizations, "
        "press releases, reports and articles. Rows edited in the admin since the "
        "last seed are left alone unless --force. Safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite seed rows even if staff edited them in the admin.",
        )

    def handle(self, *args, force: bool = False, **options):
        result = seed_library(force=force)
        self.stdout.write(f"issue areas: {result.issue_areas}")
        self.stdout.write(f"resources: {result.resources}")
        self.stdout.write(f"tags: {result.tags}")
        self.stdout.write(f"translations (Spanish): {result.translations}")
        self.stdout.write(
            self.style.SUCCESS(
                f"library seed: created {result.created} · updated {result.updated}"
            )
        )
