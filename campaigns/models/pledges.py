"""Pledges and the Stripe events that move them, the campaign money all rests on.

A campaign exists once per language, but its money is shared: pledges carry the campaign's and
the tier's `translation_key`, and every total is counted over those keys, never stored on a page
(publishing a revision rewrites page rows, so a counter there would be lost).
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.pages import CampaignPage, FundingModel, RewardTier


class PledgeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the card")
    REQUIRES_ACTION = "requires_action", _("Waiting for the bank's confirmation")
    COMMITTED = "committed", _("Committed")
    PAID = "paid", _("Paid")
    ACTION_REQUIRED = "action_required", _("Payment to complete")
    FAILED = "failed", _("Card refused")
    CANCELLED = "cancelled", _("Cancelled")
    RELEASED = "released", _("Released")
    LAPSED = "lapsed", _("Lapsed")
    REFUNDED = "refunded", _("Refunded")


# Pledges still waiting for their card: they hold a place only during the checkout window.
WAITING_STATUSES = (PledgeStatus.PENDING, PledgeStatus.REQUIRES_ACTION)
# Pledges whose money counts towards the campaign's `raised`.
COUNTED_STATUSES = (PledgeStatus.COMMITTED, PledgeStatus.PAID, PledgeStatus.ACTION_REQUIRED)
# Pledges whose backer may still change or cancel them.
CHANGEABLE_STATUSES = (
    PledgeStatus.PENDING,
    PledgeStatus.REQUIRES_ACTION,
    PledgeStatus.COMMITTED,
    PledgeStatus.PAID,
)


@dataclass(frozen=True)
class Totals:
    raised: int = 0
    matched: int = 0
    backers: int = 0


class PledgeQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(status__in=COUNTED_STATUSES)

    def holding(self, now=None):
        """Pledges holding a place in a limited tier: those that count, and those waiting for
        their card since less than PLEDGE_CHECKOUT_WINDOW. An abandoned payment form gives its
        place back by itself, the moment places are counted again: no cron needed."""
        opened_after = (now or timezone.now()) - settings.PLEDGE_CHECKOUT_WINDOW
        return self.filter(
            Q(status__in=COUNTED_STATUSES)
            | Q(status__in=WAITING_STATUSES, created_at__gt=opened_after)
        )

    def totals_for(self, campaign_keys):
        """Crowd money, matched money and backers for each campaign key, in one query."""
        rows = (
            self.counted()
            .filter(campaign_key__in=campaign_keys)
            .values("campaign_key")
            .annotate(
                raised=Sum(F("amount") - F("refunded_amount")),
                matched=Sum("matched_amount"),
                backers=Count("email", distinct=True),
            )
            .order_by()
        )
        totals = {key: Totals() for key in campaign_keys}
        for row in rows:
            totals[row["campaign_key"]] = Totals(row["raised"], row["matched"], row["backers"])
        return totals

    def claimed_by_tier(self, tier_keys):
        """Places held in each tier (by tier key), in one query."""
        if not tier_keys:
            return {}
        rows = (
            self.holding()
            .filter(tier_key__in=tier_keys)
            .values("tier_key")
            .annotate(claimed=Count("pk"))
            .order_by()
        )
        return {row["tier_key"]: row["claimed"] for row in rows}


class Pledge(models.Model):
    """A backer's promise to a campaign; its status says where the money stands."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        CampaignPage, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="pledges"
    )
    campaign_key = models.UUIDField(db_index=True, editable=False)
    reward_tier = models.ForeignKey(
        RewardTier,
        verbose_name=_("reward tier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    tier_key = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    backer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("backer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    anonymous = models.BooleanField(_("hide my name"), default=False)
    hide_amount = models.BooleanField(_("hide my amount"), default=False)

    amount = models.PositiveBigIntegerField(_("amount (euro cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    refunded_amount = models.PositiveBigIntegerField(_("refunded (euro cents)"), default=0)
    matched_amount = models.PositiveBigIntegerField(_("matched (euro cents)"), default=0)
    funding_model = models.CharField(
        _("funding model"), max_length=20, choices=FundingModel.choices
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PENDING
    )
    # Bumped on every change of amount, so each Stripe write gets its own idempotency key.
    revision = models.PositiveIntegerField(default=0, editable=False)

    stripe_customer = models.CharField(max_length=64, blank=True, editable=False)
    stripe_setup_intent = models.CharField(max_length=64, blank=True, db_index=True)
    stripe_payment_intent = models.CharField(max_length=64, blank=True, db_index=True)
    stripe_payment_method = models.CharField(max_length=64, blank=True, editable=False)
    client_secret = models.CharField(max_length=200, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    counted_at = models.DateTimeField(_("counted since"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Claimed by the one change, cancellation or refund calling Stripe for this pledge, so that
    # no other can start before its outcome is recorded (the campaign is not locked meanwhile).
    stripe_call_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Claimed by the one closing run that charges this pledge (a conditional UPDATE).
    charge_attempted_at = models.DateTimeField(null=True, blank=True, editable=False)
    charge_failed_at = models.DateTimeField(null=True, blank=True, editable=False)
    recovery_deadline = models.DateTimeField(_("recovery deadline"), null=True, blank=True)
    last_reminder_at = models.DateTimeField(null=True, blank=True, editable=False)

    # How portal.walls finds the operator: through the campaign's section.
    wall_path = "campaign"

    objects = PledgeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["campaign_key", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="pledge_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(refunded_amount__lte=F("amount")),
                name="pledge_refund_within_amount",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.email} → {self.campaign_id} ({self.status})"

    @property
    def is_counted(self):
        return self.status in COUNTED_STATUSES

    @property
    def net_amount(self):
        return self.amount - self.refunded_amount


class PaymentEvent(models.Model):
    """A Stripe event, stored once by its id so a redelivery is recognised and skipped."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    stripe_created = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.stripe_id}"
