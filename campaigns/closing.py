"""Closing campaigns past their deadline: charge, release, recover, remind, lapse.

Safe to run twice or concurrently: each pledge is claimed by one run through a conditional
UPDATE before Stripe is called, and each charge carries an idempotency key derived from the
pledge, so nobody is charged twice.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns import audit, emails, payments, pledging
from campaigns.matching import settle_conditional_matches
from campaigns.models import CampaignPage, CampaignStatus, FundingModel, Pledge, PledgeStatus
from campaigns.signals import campaign_closed
from portal import pagecache

logger = logging.getLogger(__name__)
S = PledgeStatus
RECOVERY_WINDOW = datetime.timedelta(days=7)
REMINDER_EVERY = datetime.timedelta(hours=48)


def run_closing(now=None, limiter=None):
    """Everything the cron does; returns counts for the command's report."""
    now = now or timezone.now()
    limiter = limiter or payments.RateLimiter(payments.CLOSING_WRITES_PER_SECOND)
    report = {"closed": 0, "charged": 0, "failed": 0, "released": 0, "reminded": 0, "lapsed": 0}
    pledging.expire_stale_pledges(now)
    for campaign in campaigns_due(now):
        outcome = close_campaign(campaign, now, limiter)
        report["closed"] += 1
        for key, value in outcome.items():
            report[key] += value
    report["reminded"] = send_reminders(now)
    report["lapsed"] = lapse_expired(now)
    return report


def campaigns_due(now):
    """One copy (the original) of each campaign whose deadline has passed and is not closed."""
    seen = set()
    for campaign in CampaignPage.objects.filter(deadline__lte=now, closed_at__isnull=True).order_by(
        "pk"
    ):
        if campaign.translation_key not in seen:
            seen.add(campaign.translation_key)
            yield campaign


def close_campaign(campaign, now, limiter):
    outcome = {"charged": 0, "failed": 0, "released": 0}
    status = campaign.status_at(now)
    # Conditional matches never count towards the goal, so `status` is the crowd's own outcome
    # (with unconditional matches): settled before any charge, whatever happens to the cards.
    goal_reached = status == CampaignStatus.SUCCESSFUL
    if settle_conditional_matches(campaign.translation_key, goal_reached, now):
        pledging.money_changed(campaign.translation_key)
        pagecache.changed()
    committed = Pledge.objects.filter(campaign_key=campaign.translation_key, status=S.COMMITTED)
    if campaign.funding_model == FundingModel.ALL_OR_NOTHING:
        for pledge in committed.order_by("pk"):
            if not _claim_for_charging(pledge, now):
                continue
            limiter.wait()
            if status == CampaignStatus.SUCCESSFUL:
                outcome["charged" if _charge(pledge) else "failed"] += 1
            else:
                _release(pledge)
                outcome["released"] += 1
    CampaignPage.objects.filter(translation_key=campaign.translation_key).update(closed_at=now)
    campaign_closed.send(sender=CampaignPage, campaign=campaign)
    return outcome


def _claim_for_charging(pledge, now):
    return bool(
        Pledge.objects.filter(
            pk=pledge.pk, status=S.COMMITTED, charge_attempted_at__isnull=True
        ).update(charge_attempted_at=now)
    )


def _charge(pledge):
    try:
        intent = payments.charge_off_session(pledge)
    except payments.PaymentError as error:
        logger.warning(
            "The closing charge of pledge %s failed: %s (%s)", pledge.pk, error, error.code
        )
        with transaction.atomic():
            audit.pledge_money(audit.CHARGE_FAILED, pledge, pledge.amount, reason=str(error))
            start_recovery(pledge)
        return False
    with transaction.atomic():
        pledge = pledging.move(pledge.pk, S.PAID, stripe_payment_intent=intent.id)
        audit.pledge_money(audit.CHARGE, pledge, pledge.amount)
    return True


def _release(pledge):
    try:
        payments.release_card(pledge)
    except payments.PaymentError as error:
        # The card is still never charged: Maillon only charges committed pledges, and this
        # one is released below.
        logger.warning("Could not release the card of pledge %s: %s", pledge.pk, error)
    pledge = pledging.move(pledge.pk, S.RELEASED)
    if pledge.status == S.RELEASED:
        emails.send_to_backer(pledge, "not_funded")


def start_recovery(pledge, now=None):
    """A charge failed: the backer gets seven days and a link to pay with another card."""
    now = now or timezone.now()
    pledge = pledging.move(
        pledge.pk,
        S.ACTION_REQUIRED,
        charge_failed_at=now,
        recovery_deadline=pledge.recovery_deadline or now + RECOVERY_WINDOW,
        last_reminder_at=now,
    )
    if pledge.status == S.ACTION_REQUIRED:
        emails.send_to_backer(
            pledge, "recovery", {"pay_url": emails.pledge_link(pledge, "campaigns:pledge_pay")}
        )
    return pledge


def send_reminders(now):
    due = Pledge.objects.filter(
        status=S.ACTION_REQUIRED,
        recovery_deadline__gt=now,
    ).filter(Q(last_reminder_at__isnull=True) | Q(last_reminder_at__lte=now - REMINDER_EVERY))
    sent = 0
    for pledge in due.select_related("campaign"):
        claimed = Pledge.objects.filter(
            pk=pledge.pk, last_reminder_at=pledge.last_reminder_at
        ).update(last_reminder_at=now)
        if claimed:
            emails.send_to_backer(
                pledge,
                "recovery_reminder",
                {"pay_url": emails.pledge_link(pledge, "campaigns:pledge_pay")},
            )
            sent += 1
    return sent


def lapse_expired(now):
    expired = Pledge.objects.filter(status=S.ACTION_REQUIRED, recovery_deadline__lte=now)
    lapsed = 0
    for pledge_id in list(expired.values_list("pk", flat=True)):
        pledge = pledging.move(pledge_id, S.LAPSED)
        if pledge.status == S.LAPSED:
            emails.send_to_backer(pledge, "lapsed")
            lapsed += 1
    return lapsed
