"""A campaign's financing plan: its total budget and every source beside the crowd.

The crowd's line and match funds' lines are computed (the campaign's goal and pledges, the fund's
commitment and matches); grants, loans and own funds are typed by the operator. The plan as the
page and the APIs show it is built in campaigns.financing.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from campaigns.fields import EuroCentsField
from campaigns.models.matchfunding import MatchFund
from campaigns.models.pages import CampaignPage


class SourceKind(models.TextChoices):
    CROWD = "crowd", _("This campaign's crowd")
    GRANT = "grant", _("Public grant")
    LOAN = "loan", _("Loan")
    OWN_FUNDS = "own_funds", _("Own funds")
    MATCH_FUND = "match_fund", _("Match fund")


class SourceStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Granted")
    CONDITIONAL = "conditional", _("Conditional on the crowd reaching its goal")


# Lines whose amount and status Maillon computes instead of the operator typing them.
COMPUTED_KINDS = (SourceKind.CROWD, SourceKind.MATCH_FUND)


class FinancingSource(TranslatableMixin, Orderable):
    """One line of a campaign's financing plan."""

    campaign = ParentalKey(CampaignPage, related_name="financing_sources", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    label = models.CharField(
        _("label"),
        max_length=160,
        blank=True,
        help_text=_("Who gives it, e.g. “Walloon Region – SME loan”. Empty: the kind's name."),
    )
    amount = EuroCentsField(
        _("amount (EUR)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the crowd and match funds: Maillon computes them."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SourceStatus.choices, default=SourceStatus.REQUESTED
    )
    match_fund = models.ForeignKey(
        MatchFund,
        verbose_name=_("match fund"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("match_fund")]),
    ]
    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("kind"),
        SynchronizedField("amount"),
        SynchronizedField("status"),
        SynchronizedField("match_fund"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")

    def __str__(self):
        return self.label or self.get_kind_display()

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == SourceKind.MATCH_FUND and self.match_fund_id is None:
            errors["match_fund"] = _("Choose the match fund this line stands for.")
        if self.kind != SourceKind.MATCH_FUND and self.match_fund_id is not None:
            errors["match_fund"] = _("Only a match fund line names a match fund.")
        if self.kind in COMPUTED_KINDS and self.amount is not None:
            errors["amount"] = _("Leave the amount empty: Maillon computes this line.")
        if self.kind not in COMPUTED_KINDS and self.amount is None:
            errors["amount"] = _("Give the amount of this source, in euros.")
        if errors:
            raise ValidationError(errors)
