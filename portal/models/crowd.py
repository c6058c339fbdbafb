"""What a campaign and a lab brief share: a page of an operator's section that the crowd can act
on. One anatomy (summary, category, territory, search fields) and one contract — when it is
open, and what it still needs — that listings, the API and search read the same way."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageQuerySet
from wagtail.search import index

from portal.models.pages import BasePage

NEEDS = ("team", "money", "knowledge", "acts")


class CrowdPageQuerySet(PageQuerySet):
    def open(self):
        """Published, public and open to the crowd at this moment."""
        return self.live().public().filter(self.model.open_q(timezone.now()))


class CrowdPage(BasePage):
    """Abstract: subclasses set `search_kind` and define `open_q`, `open_window` and `needs`."""

    search_kind = None  # "campaign", "brief": the kind of its search entries

    summary = models.TextField(
        _("summary"), max_length=1000, help_text=_("One or two sentences for cards.")
    )
    category = models.ForeignKey(
        "portal.Category",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    territory = models.ForeignKey(
        "portal.Territory",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=2),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("category"),
        index.FilterField("territory"),
    ]

    parent_page_types = ["portal.OperatorPage"]
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def open_q(cls, now):
        """When the crowd can act, as a filter on this page type (without publication)."""
        raise NotImplementedError

    def open_window(self):
        """`(opens_at, closes_at)` (either may be None) while the page is open or will open to
        the crowd; None once it is over. Search indexes a page while it has a window."""
        raise NotImplementedError

    @property
    def is_open(self):
        window = self.open_window()
        if window is None:
            return False
        now = timezone.now()
        opens_at, closes_at = window
        return (opens_at is None or opens_at <= now) and (closes_at is None or now < closes_at)

    @property
    def needs(self):
        """What it still needs from the crowd, among NEEDS."""
        raise NotImplementedError

    @property
    def operator_page(self):
        return self.get_parent().specific
