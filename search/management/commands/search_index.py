"""`search_index rebuild [--locale LANG]`, `search_index status`, `search_index apply`."""

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from search.analysis import LANGUAGES
from search.client import get_client
from search.indexing import apply_pending, rebuild, status
from search.models import PendingIndexChange


class Command(BaseCommand):
    help = "Rebuild the per-language reader search indices, or show their state."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "apply"])
        parser.add_argument("--locale", choices=sorted(LANGUAGES), help="One language (default: all)")

    def handle(self, *args, action, locale=None, **options):
        if get_client() is None:
            raise CommandError("ELASTICSEARCH_URL is not set: reader search runs on the database, nothing to index.")
        languages = [locale] if locale else list(LANGUAGES)

        try:
            getattr(self, action)(languages)
        except (TransportError, ApiError) as error:
            raise CommandError(
                f"The search cluster did not answer ({type(error).__name__}); nothing was changed."
            ) from None

    def rebuild(self, languages):
        for code in languages:
            result = rebuild(code, progress=self._progress(code))
            merged = result["merge_seconds"]
            self.stdout.write(
                f"{code}: {result['documents']} documents into {result['index']} in {result['seconds']:.1f} s; "
                "alias swapped; "
                + (f"merged into one segment in {merged:.1f} s" if merged is not None else "not merged (see the log)")
            )

    def _progress(self, code):
        def show(done, total):
            width = 30
            filled = width if not total else int(width * done / total)
            self.stderr.write(f"\r{code:6} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            if done >= total:
                self.stderr.write("")
            self.stderr.flush()

        return show

    def status(self, languages):
        for code in languages:
            state = status(code)
            drift = (
                "in sync"
                if not (state["missing"] or state["stale"])
                else (
                    f"drift: {len(state['missing'])} live page(s) missing {state['missing'][:10]}, "
                    f"{len(state['stale'])} stale document(s) {state['stale'][:10]}"
                )
            )
            self.stdout.write(
                f"{code}: index {state['index'] or '(none)'}, {state['documents']} documents, "
                f"{state['live']} live public articles, {drift}"
                + (
                    ", built by an earlier release: readers are answered from the database until it is rebuilt"
                    if state["outdated"]
                    else ""
                )
            )
        pending = PendingIndexChange.objects.count()
        self.stdout.write(f"pending changes: {pending}" + (" (applied when the cluster answers)" if pending else ""))

    def apply(self, languages):
        applied, pending = apply_pending(limit=100_000)
        self.stdout.write(f"applied {applied} pending change(s); {pending} still pending")
