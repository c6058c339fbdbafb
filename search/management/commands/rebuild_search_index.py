"""Rebuild every search entry from the page tree, then the active engine's index.

On Elasticsearch the new indexes are filled beside the live ones and the aliases are swapped
in one call at the end, so visitors keep searching the old index until the new one is ready.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from search.indexing import rebuild

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the search entries and the search index (zero downtime on Elasticsearch)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")

    def handle(self, *args, no_progress=False, **options):
        self.stdout.write(f"Rebuilding the search index ({settings.SEARCH_BACKEND})…")
        items = rebuild(progress=None if no_progress else self._bar)
        self.stdout.write(self.style.SUCCESS(f"{items} campaigns and briefs indexed."))

    def _bar(self, step, done, total):
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        label = "pages  " if step == "entries" else "index  "
        ending = "\n" if done == total else ""
        self.stdout.write(f"\r{label}[{bar}] {done}/{total}", ending=ending)
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
