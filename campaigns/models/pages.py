"""Campaign pages: a project's crowdfunding campaign under its operator, and the index of all."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey
from rest_framework import serializers

from campaigns.blocks import FaqBlock
from campaigns.fields import EuroCentsField
from campaigns.panels import FinancingPlanSummaryPanel, FinancingSourcesPanel
from campaigns.video import embed_for
from portal.blocks import StoryBlock
from portal.euros import EurosInput
from portal.formatting import MoneyDisplayField, format_money
from portal.models.crowd import CrowdPage, CrowdPageQuerySet
from portal.models.pages import BasePage, SectionIndexPage
from portal.walls import MembersOnlyPageForm


class FundingModel(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    FLEXIBLE = "flexible", _("Flexible (keep it all)")


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    LIVE = "live", _("Live")
    SUCCESSFUL = "successful", _("Successful")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
    CLOSED = "closed", _("Closed")


class _TierStockField(serializers.Field):
    """The tiers with their places counted across languages, for the Wagtail API."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return [tier.as_api_dict() for tier in page.tiers_with_stock()]


class _FinancingPlanField(serializers.Field):
    """The financing plan with its computed lines and `*_display` amounts, for the Wagtail API."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        from campaigns.financing import plan_of

        plan = plan_of(page)
        return plan.as_api_dict() if plan else None


CampaignPageManager = PageManager.from_queryset(CrowdPageQuerySet)


class CampaignPage(CrowdPage):
    """A project's crowdfunding campaign, published by an operator in its own section."""

    search_kind = "campaign"

    body = StreamField(StoryBlock(), verbose_name=_("story"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video_url = models.URLField(
        _("video address"),
        max_length=500,
        blank=True,
        help_text=_(
            "A YouTube, Vimeo or PeerTube address. Visitors load the video only when they "
            "choose to play it."
        ),
    )
    faq = StreamField(FaqBlock(), verbose_name=_("questions and answers"), blank=True)
    project_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project holder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="held_campaigns",
    )
    beneficiary = models.ForeignKey(
        "tax.Beneficiary",
        verbose_name=_("beneficiary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who receives the money; an approved one lets backers give deductible gifts."),
    )
    goal = models.PositiveBigIntegerField(_("goal (euro cents)"))
    starts_at = models.DateTimeField(_("start"))
    deadline = models.DateTimeField(_("deadline"))
    funding_model = models.CharField(
        _("funding model"),
        max_length=20,
        choices=FundingModel.choices,
        default=FundingModel.ALL_OR_NOTHING,
    )
    total_budget = EuroCentsField(
        _("total budget (EUR)"),
        null=True,
        blank=True,
        help_text=_("The whole project's cost, which the crowd and the other sources finance."),
    )
    # Set by close_campaigns once the deadline has passed and the outcome has been applied.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    objects = CampaignPageManager()

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("video_url"),
        FieldPanel("body"),
        FieldPanel("faq"),
        MultiFieldPanel(
            [
                FieldPanel("goal", heading=_("goal (EUR)"), widget=EurosInput),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("deadline")]),
                FieldPanel("funding_model"),
            ],
            heading=_("Funding"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("project_holder"),
                FieldPanel("category"),
                FieldPanel("territory"),
                FieldPanel("beneficiary"),
            ],
            heading=_("Project"),
        ),
        MultiFieldPanel(
            [
                FinancingPlanSummaryPanel(),
                FieldPanel("total_budget"),
                FinancingSourcesPanel("financing_sources", label=_("sources")),
            ],
            heading=_("Financing plan"),
        ),
        InlinePanel("reward_tiers", label=_("reward tiers")),
        InlinePanel("updates", label=_("updates")),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("hero_image"),
        SynchronizedField("video_url"),
        TranslatableField("faq"),
        SynchronizedField("project_holder"),
        TranslatableField("category"),
        TranslatableField("territory"),
        SynchronizedField("goal"),
        SynchronizedField("starts_at"),
        SynchronizedField("deadline"),
        SynchronizedField("funding_model"),
        SynchronizedField("total_budget"),
        TranslatableField("financing_sources"),
        SynchronizedField("beneficiary"),
        TranslatableField("reward_tiers"),
        TranslatableField("updates"),
    ]
    search_fields = CrowdPage.search_fields + [
        index.SearchField("body"),
        index.FilterField("deadline"),
        index.FilterField("starts_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("goal"),
        APIField("raised", serializer=serializers.IntegerField(read_only=True)),
        APIField("matched", serializer=serializers.IntegerField(read_only=True)),
        APIField("goal_display", serializer=MoneyDisplayField(source="goal")),
        APIField("raised_display", serializer=MoneyDisplayField(source="raised")),
        APIField("matched_display", serializer=MoneyDisplayField(source="matched")),
        APIField("backers", serializer=serializers.IntegerField(read_only=True)),
        APIField("starts_at"),
        APIField("deadline"),
        APIField("funding_model"),
        APIField("status", serializer=serializers.CharField(read_only=True)),
        APIField("category"),
        APIField("territory"),
        APIField("reward_tiers", serializer=_TierStockField(source="*")),
        APIField("total_budget"),
        APIField("financing_plan", serializer=_FinancingPlanField(source="*")),
    ]

    base_form_class = MembersOnlyPageForm
    template = "pages/campaign_page.html"

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        if self.starts_at and self.deadline and self.deadline <= self.starts_at:
            raise ValidationError({"deadline": _("The deadline must come after the start.")})
        if self.goal is not None and self.goal < 100:
            raise ValidationError({"goal": _("The goal must be at least 1 EUR.")})

    # Money, shared by every language's copy of the campaign (see campaigns.models.pledges).

    @cached_property
    def totals(self):
        from campaigns.models.pledges import Pledge

        return Pledge.objects.totals_for([self.translation_key])[self.translation_key]

    def set_totals(self, totals):
        """Use totals fetched for many campaigns at once (index pages, API listings)."""
        self.__dict__["totals"] = totals

    @property
    def raised(self):
        return self.totals.raised

    @property
    def matched(self):
        return self.totals.matched

    @property
    def backers(self):
        return self.totals.backers

    @property
    def total_funding(self):
        return self.raised + self.matched

    @property
    def progress_percent(self):
        if not self.goal:
            return 0
        return min(100, (self.total_funding * 100) // self.goal)

    @property
    def status(self):
        return self.status_at(timezone.now())

    def status_at(self, moment):
        if moment < self.starts_at:
            return CampaignStatus.UPCOMING
        if moment < self.deadline:
            return CampaignStatus.LIVE
        if self.total_funding >= self.goal:
            return CampaignStatus.SUCCESSFUL
        if self.funding_model == FundingModel.ALL_OR_NOTHING:
            return CampaignStatus.UNSUCCESSFUL
        return CampaignStatus.CLOSED

    @classmethod
    def open_q(cls, now):
        return models.Q(starts_at__lte=now, deadline__gt=now)

    def open_window(self):
        """Open between its start and its deadline; upcoming ones are found before they open."""
        if timezone.now() >= self.deadline:
            return None
        return self.starts_at, self.deadline

    def get_status_display(self):
        """The status in the visitor's language, for the page's badge."""
        return CampaignStatus(self.status).label

    @cached_property
    def video(self):
        """The video's privacy-friendly embed (campaigns.video), or None."""
        return embed_for(self.video_url)

    def serve(self, request, *args, **kwargs):
        """The page's Content-Security-Policy lets in its video player's frames, no other."""
        response = super().serve(request, *args, **kwargs)
        if self.video is not None:
            response._csp_update = {"frame-src": [self.video.origin]}
        return response

    @property
    def days_left(self):
        remaining = self.deadline - timezone.now()
        return max(0, remaining.days + (1 if remaining.seconds else 0))

    @property
    def needs(self):
        return ["money"] if self.is_open and self.total_funding < self.goal else []

    @classmethod
    def prepare_listing(cls, campaigns):
        """Totals, tiers, places and plans of many campaigns in five queries (API listings)."""
        from django.db.models import prefetch_related_objects

        from campaigns.financing import prepare_plans
        from campaigns.models.pledges import Pledge

        prefetch_related_objects(campaigns, "reward_tiers", "category", "territory")
        prepare_plans(campaigns)
        totals = Pledge.objects.totals_for([campaign.translation_key for campaign in campaigns])
        claimed = Pledge.objects.claimed_by_tier(
            [tier.translation_key for c in campaigns for tier in c.reward_tiers.all()]
        )
        for campaign in campaigns:
            campaign.set_totals(totals[campaign.translation_key])
            campaign._claimed_by_tier = claimed

    def tiers_with_stock(self):
        """The tiers in order, each with `claimed` and `available` counted across languages."""
        from campaigns.models.pledges import Pledge

        tiers = list(self.reward_tiers.all())
        claimed = getattr(self, "_claimed_by_tier", None)
        if claimed is None:
            claimed = Pledge.objects.claimed_by_tier([tier.translation_key for tier in tiers])
        for tier in tiers:
            tier.claimed = claimed.get(tier.translation_key, 0)
        return tiers

    def public_context(self):
        """What the page shows every visitor, computed once per generation of the site."""
        from campaigns.financing import plan_of
        from campaigns.models.pledges import Pledge
        from campaigns.updates import updates_of

        return {
            "financing_plan": plan_of(self),
            "operator": self.operator_page,
            "tiers": self.tiers_with_stock(),
            "updates": updates_of(self),
            "recent_backers": list(
                Pledge.objects.counted()
                .filter(campaign_key=self.translation_key)
                .order_by("-counted_at")[:12]
            ),
            "match_funds": list(self.match_funds.filter(active=True).select_related("operator")),
            "totals": self.totals,
            "related": (self.category, self.territory, self.project_holder),
        }

    def get_context(self, request, *args, **kwargs):
        from campaigns.forms import UpdateForm
        from campaigns.sharing import sharing_context
        from campaigns.updates import can_post_update
        from campaigns.views import stripe_context
        from portal.pagecache import remember

        context = super().get_context(request, *args, **kwargs)
        public = remember(request, f"campaign:{self.pk}", self.public_context)
        self.set_totals(public.pop("totals"))
        self.category, self.territory, self.project_holder = public.pop("related")
        context.update(public)
        if can_post_update(request.user, self, context["operator"]):
            context["update_form"] = UpdateForm()
        context.update(stripe_context())
        context.update(sharing_context(self, request))
        return context


class RewardTier(TranslatableMixin, Orderable):
    """What a backer gets for a pledge of at least `minimum_amount`, with optional scarcity."""

    campaign = ParentalKey(CampaignPage, related_name="reward_tiers", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    minimum_amount = models.PositiveBigIntegerField(_("minimum amount (euro cents)"))
    limit = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for an unlimited tier.")
    )
    estimated_delivery = models.DateField(_("estimated delivery"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel(
            [
                FieldPanel("minimum_amount", heading=_("minimum amount (EUR)"), widget=EurosInput),
                FieldPanel("limit"),
            ]
        ),
        FieldPanel("estimated_delivery"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("minimum_amount"),
        SynchronizedField("limit"),
        SynchronizedField("estimated_delivery"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("reward tier")
        verbose_name_plural = _("reward tiers")

    def __str__(self):
        return self.title

    @property
    def available(self):
        """Places left, or None when the tier is unlimited. Needs `claimed` (tiers_with_stock)."""
        if self.limit is None:
            return None
        return max(0, self.limit - getattr(self, "claimed", 0))

    @property
    def sold_out(self):
        return self.available == 0

    def as_api_dict(self):
        return {
            "id": self.pk,
            "title": self.title,
            "minimum_amount": self.minimum_amount,
            "minimum_amount_display": format_money(self.minimum_amount),
            "limit": self.limit,
            "claimed": getattr(self, "claimed", 0),
            "available": self.available,
        }


class CampaignUpdate(TranslatableMixin, Orderable):
    """News from the project, e-mailed once to every backer in the backer's language."""

    campaign = ParentalKey(CampaignPage, related_name="updates", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=160)
    body = RichTextField(_("text"), features=["bold", "italic", "link", "ol", "ul"])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)

    # The campaign page's template renders both kinds of update from one list.
    is_plain_text = False

    panels = [FieldPanel("title"), FieldPanel("body"), FieldPanel("posted_at")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("body"),
        SynchronizedField("author"),
        SynchronizedField("posted_at"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return self.title


class CampaignIndexPage(SectionIndexPage):
    """Every live campaign across operators, filterable and sortable."""

    template = "pages/campaign_index_page.html"

    class Meta:
        verbose_name = _("campaign index")

    def campaigns(self):
        """Campaigns in this index's language: every status, so filters can reach them."""
        return CampaignPage.objects.live().public().filter(locale_id=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        from campaigns.listing import filtered_campaigns

        context = super().get_context(request, *args, **kwargs)
        context.update(filtered_campaigns(self, request.GET))
        return context
