from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Orderable, Page, Workflow
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from portal.blocks import StoryBlock
from portal.links import absolute_page_url


class BasePage(Page):
    """What every Maillon page shares: translatable SEO fields, a language-aware template."""

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
    ]

    class Meta:
        abstract = True

    def get_full_url(self, request=None):
        return absolute_page_url(self, request)

    full_url = property(get_full_url)

    @cached_property
    def is_fallback(self):
        """True when this page stands in for a translation that does not exist yet."""
        return bool(self.alias_of_id) and self.alias_of.locale_id != self.locale_id


class SectionIndexPage(BasePage):
    """A language's one entry to a kind of content (campaigns, the lab, search), under home."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    call_to_action = models.CharField(_("call to action"), max_length=120, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("call_to_action"),
        InlinePanel("featured", label=_("featured pages"), max_num=6),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("call_to_action"),
        SynchronizedField("featured"),
    ]
    api_fields = [APIField("intro"), APIField("call_to_action")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.OperatorPage",
        "portal.ContentPage",
        "campaigns.CampaignIndexPage",
        "lab.LabIndexPage",
        "search.SearchPage",
        "portal.ContactPage",
    ]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from portal.pagecache import remember

        context = super().get_context(request, *args, **kwargs)
        context["operators"], context["featured_pages"] = remember(
            request,
            f"home:{self.pk}",
            lambda: (
                list(OperatorPage.objects.live().public().child_of(self).select_related("logo")),
                self.featured_in_locale(),
            ),
        )
        return context

    def feature(self, page):
        """Put a page in this home page's spotlight (once; idempotent)."""
        HomeFeature.objects.get_or_create(
            home=self,
            featured_page=page,
            defaults={"sort_order": HomeFeature.objects.filter(home=self).count()},
        )

    def featured_in_locale(self):
        """The spotlight, curated on the French home page, in this home page's language.

        Every language shows the same pages, each in its own translation where it exists.
        """
        features = HomeFeature.objects.filter(
            home__translation_key=self.translation_key,
            home__locale__language_code=settings.LANGUAGE_CODE,
        )
        keys = list(
            features.order_by("sort_order").values_list("featured_page__translation_key", flat=True)
        )
        by_key = {
            p.translation_key: p
            for p in Page.objects.live()
            .public()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
            .specific()
        }
        return [by_key[k] for k in keys if k in by_key]


class HomeFeature(Orderable):
    home = ParentalKey(HomePage, related_name="featured", on_delete=models.CASCADE)
    featured_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("featured_page")]


class OperatorPage(BasePage):
    """The root of one operator's section: its page permissions and workflow hang here."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        INCUBATOR = "incubator", _("Incubator")
        CREATIVE_HUB = "creative_hub", _("Creative hub")
        COMMUNE = "commune", _("Commune")
        PROVINCE = "province", _("Province")
        REGION = "region", _("Region")
        COMMUNITY = "community", _("Community")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])
    website = models.URLField(_("website"), blank=True)

    # Set by create_operator(); synchronised to every translation of the section.
    editors_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    moderators_group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    workflow = models.ForeignKey(
        Workflow,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("website"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("description"),
        SynchronizedField("kind"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("editors_group"),
        SynchronizedField("moderators_group"),
        SynchronizedField("collection"),
        SynchronizedField("workflow"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("description")]
    api_fields = [APIField("kind"), APIField("description"), APIField("website"), APIField("logo")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ContentPage", "campaigns.CampaignPage", "lab.LabBriefPage"]
    template = "pages/operator_page.html"

    class Meta:
        verbose_name = _("operator")

    def get_context(self, request, *args, **kwargs):
        from portal.pagecache import remember

        context = super().get_context(request, *args, **kwargs)
        context["section_pages"] = remember(
            request,
            f"section:{self.pk}",
            lambda: list(
                self.get_children().live().public().specific().order_by("-first_published_at")
            ),
        )
        return context


class ContentPage(BasePage):
    """A standard page: about, how it works, terms…"""

    summary = models.TextField(_("summary"), blank=True)
    body = StreamField(StoryBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("summary"), APIField("body")]

    parent_page_types = ["portal.HomePage", "portal.OperatorPage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]
    template = "pages/content_page.html"

    class Meta:
        verbose_name = _("content page")
