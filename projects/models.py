"""What the projects app keeps beside the campaign pages: each operator's terms for proposals,
each member-proposed campaign's record, and the delivery of rewards to backers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class ProposalTerms(models.Model):
    """Whether an operator takes campaigns proposed by members, and for which themes and places.

    Keyed to the section's original page (the default locale's copy); no category or territory
    chosen means all of them.
    """

    operator = models.OneToOneField(
        "portal.OperatorPage",
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="proposal_terms",
    )
    accepts_proposals = models.BooleanField(
        _("takes campaign proposals from members"), default=False
    )
    categories = models.ManyToManyField(
        "portal.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to take proposals in every category."),
    )
    territories = models.ManyToManyField(
        "portal.Territory",
        verbose_name=_("territories"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to take proposals from every territory."),
    )
    guidelines = models.TextField(
        _("guidelines for project holders"),
        blank=True,
        help_text=_("Shown on the proposal form: what you expect from a project."),
    )

    panels = [
        FieldPanel("operator"),
        FieldPanel("accepts_proposals"),
        FieldPanel("categories"),
        FieldPanel("territories"),
        FieldPanel("guidelines"),
    ]

    wall_path = "operator"  # portal.walls: the terms belong to their operator

    class Meta:
        verbose_name = _("proposal terms")
        verbose_name_plural = _("proposal terms")

    def __str__(self):
        return str(self.operator)

    def _allows(self, chosen, allowed):
        keys = {row.translation_key for row in allowed.all()}
        return not keys or (chosen is not None and chosen.translation_key in keys)

    def allows_category(self, category):
        return self._allows(category, self.categories)

    def allows_territory(self, territory):
        return self._allows(territory, self.territories)


class Project(models.Model):
    """A campaign a member proposed: who holds it, what the page itself does not store.

    `campaign` is the original page (the copy in the default locale), whatever the language the
    holder wrote in; the launch (`launched_at`) sets the campaign's dates from `duration_days`.
    """

    campaign = models.OneToOneField(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="project",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project holder"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    operator = models.ForeignKey(
        "portal.OperatorPage",
        verbose_name=_("operator"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    duration_days = models.PositiveSmallIntegerField(_("duration (days)"))
    budget_lines = models.JSONField(_("budget"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now, db_index=True)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)

    wall_path = "operator"

    class Meta:
        verbose_name = _("proposed project")
        verbose_name_plural = _("proposed projects")

    def __str__(self):
        return self.campaign.title

    @property
    def budget_total(self):
        return sum(line["amount"] for line in self.budget_lines)


class RewardDelivery(models.Model):
    """The holder's note that a backer's reward has been delivered."""

    pledge = models.OneToOneField(
        "campaigns.Pledge",
        verbose_name=_("pledge"),
        on_delete=models.CASCADE,
        related_name="reward_delivery",
    )
    delivered_at = models.DateTimeField(_("delivered at"), default=timezone.now)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    wall_path = "pledge__campaign"

    class Meta:
        verbose_name = _("reward delivery")
        verbose_name_plural = _("reward deliveries")

    def __str__(self):
        return f"{self.pledge_id} {self.delivered_at:%Y-%m-%d}"
