"""The search page, and one search entry per open item per language.

A `SearchEntry` is what a visitor of one language can find: the item's own translation, or its
French original marked as a fallback when it is not translated yet. Entries are rebuilt from the
page models (search.documents) whenever a page is published, unpublished, moved or translated,
and indexed with that language's stemming: on SQLite by the language's Wagtail search backend
alias, on PostgreSQL in generated vector columns of the row itself (search/migrations/0004,
search.backends.postgres).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from portal.models.crowd import NEEDS
from portal.models.pages import SectionIndexPage


class SearchPage(SectionIndexPage):
    """One search over every open campaign and lab brief, in the page's language."""

    template = "pages/search_page.html"

    class Meta:
        verbose_name = _("search page")

    def get_context(self, request, *args, **kwargs):
        from search.service import run_page_search

        context = super().get_context(request, *args, **kwargs)
        context.update(run_page_search(request, self.locale.language_code))
        return context


class SearchEntryQuerySet(models.QuerySet):
    def open_now(self):
        """Entries whose item is open at this moment: campaigns only between start and deadline."""
        now = timezone.now()
        return self.filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        )


class SearchEntry(index.Indexed, models.Model):
    """An open campaign or brief as visitors of one language find it."""

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("Campaign")
        BRIEF = "brief", _("Lab brief")

    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    translation_key = models.UUIDField()
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The page the result links to, in the visitor's language when it exists.",
    )
    fallback = models.BooleanField(default=False)
    text_language = models.CharField(max_length=8)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    status = models.CharField(max_length=20)
    operator = models.ForeignKey(
        "portal.OperatorPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        "portal.Category", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    territory = models.ForeignKey(
        "portal.Territory", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs_team = models.BooleanField(default=False)
    needs_money = models.BooleanField(default=False)
    needs_knowledge = models.BooleanField(default=False)
    needs_acts = models.BooleanField(default=False)
    opens_at = models.DateTimeField(null=True)
    closes_at = models.DateTimeField(null=True)
    published_at = models.DateTimeField()

    objects = SearchEntryQuerySet.as_manager()

    # Indexed by search.indexing into its own language's backend only, never by Wagtail's
    # signal handlers (which would index every entry into every language's backend).
    search_auto_update = False
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("language"),
        index.FilterField("kind"),
        index.FilterField("operator"),
        index.FilterField("category"),
        index.FilterField("territory"),
        index.FilterField("needs_team"),
        index.FilterField("needs_money"),
        index.FilterField("needs_knowledge"),
        index.FilterField("needs_acts"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
        index.FilterField("published_at"),
        index.FilterField("id"),
    ]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "language"], name="one_search_entry_per_language"
            )
        ]
        indexes = [
            models.Index(fields=["language", "published_at"], name="search_entry_newest"),
            models.Index(fields=["language", "closes_at"], name="search_entry_ending"),
            # PostgreSQL only (SQLite has no INCLUDE): browsing a language without words reads
            # the page, the count and the facets from this index alone (index-only scan).
            models.Index(
                fields=["language", "published_at"],
                include=[
                    "id",
                    "closes_at",
                    "opens_at",
                    "kind",
                    "operator",
                    "category",
                    "territory",
                    *[f"needs_{need}" for need in NEEDS],
                ],
                name="search_entry_browse",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def needs(self):
        return [need for need in NEEDS if getattr(self, f"needs_{need}")]
