"""Match funding: an operator's pot that adds public money to the crowd's, within its rules."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from campaigns.models.pages import CampaignPage
from campaigns.models.pledges import Pledge
from portal.euros import EurosInput


class MatchFund(models.Model):
    """A public pot: `ratio_fund` EUR for every `ratio_crowd` EUR from the crowd, within caps."""

    operator = models.ForeignKey(
        "portal.OperatorPage",
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="match_funds",
    )
    name = models.CharField(_("name"), max_length=160)
    total = models.PositiveBigIntegerField(_("pot (euro cents)"))
    ratio_fund = models.PositiveSmallIntegerField(
        _("matched euros"), default=1, validators=[MinValueValidator(1)]
    )
    ratio_crowd = models.PositiveSmallIntegerField(
        _("per crowd euros"), default=1, validators=[MinValueValidator(1)]
    )
    cap_per_pledge = models.PositiveBigIntegerField(
        _("cap per pledge (euro cents)"), null=True, blank=True
    )
    cap_per_campaign = models.PositiveBigIntegerField(
        _("cap per campaign (euro cents)"), null=True, blank=True
    )
    cap_per_backer = models.PositiveBigIntegerField(
        _("cap per backer (euro cents)"), null=True, blank=True
    )
    trigger_percent = models.PositiveSmallIntegerField(
        _("starts once the crowd has reached this percentage of the goal"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    unlocks_when_goal_reached = models.BooleanField(
        _("only if the goal is reached"),
        default=False,
        help_text=_(
            "The matched money is set aside as the crowd gives, and added only if the "
            "campaign reaches its goal without it."
        ),
    )
    categories = models.ManyToManyField(
        "portal.Category", verbose_name=_("eligible categories"), blank=True, related_name="+"
    )
    territories = models.ManyToManyField(
        "portal.Territory", verbose_name=_("eligible territories"), blank=True, related_name="+"
    )
    campaigns = models.ManyToManyField(
        CampaignPage, verbose_name=_("campaigns"), blank=True, related_name="match_funds"
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("operator"),
        FieldPanel("name"),
        FieldPanel("total", heading=_("pot (EUR)"), widget=EurosInput),
        FieldRowPanel([FieldPanel("ratio_fund"), FieldPanel("ratio_crowd")], heading=_("Ratio")),
        MultiFieldPanel(
            [
                FieldPanel("cap_per_pledge", heading=_("cap per pledge (EUR)"), widget=EurosInput),
                FieldPanel(
                    "cap_per_campaign", heading=_("cap per campaign (EUR)"), widget=EurosInput
                ),
                FieldPanel("cap_per_backer", heading=_("cap per backer (EUR)"), widget=EurosInput),
                FieldPanel("trigger_percent"),
                FieldPanel("unlocks_when_goal_reached"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("categories"),
        FieldPanel("territories"),
        FieldPanel("campaigns"),
        FieldPanel("active"),
    ]

    wall_path = "operator"  # portal.walls: the pot belongs to its operator

    class Meta:
        verbose_name = _("match fund")
        verbose_name_plural = _("match funds")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.total is not None and self.total <= 0:
            raise ValidationError({"total": _("The pot must hold some money.")})

    @property
    def ratio_label(self):
        return f"{self.ratio_fund}:{self.ratio_crowd}"


class PledgeMatch(models.Model):
    """Money a fund adds to one pledge; released (kept for the record) when the pledge is."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="matches")
    fund = models.ForeignKey(MatchFund, on_delete=models.PROTECT, related_name="matches")
    campaign_key = models.UUIDField(db_index=True, editable=False)
    amount = models.PositiveBigIntegerField(_("amount (euro cents)"))
    # Set aside for a fund that unlocks only when the goal is reached: not in the pledge's
    # `matched_amount` until the closing run finds the goal reached (see campaigns.matching).
    conditional = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("matched amount")
        verbose_name_plural = _("matched amounts")

    def __str__(self):
        return f"{self.fund} → #{self.pledge_id}: {self.amount}"
