"""manage.py search_index: rebuild the site search index now."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from pathways.search import index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from issue areas, published resources and "
        "states. Searches also rebuild it by themselves when content changed."
    )

    def handle(self, *args, **options):
        rows = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"search index: {rows} documents"))
