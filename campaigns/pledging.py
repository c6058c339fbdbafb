"""The life of a pledge: create, change, cancel, refund, and every status move, with its rules.

Nothing waits on Stripe while holding a lock. Places in limited tiers are claimed in the
database first (the campaign's rows locked, so the count cannot race), Stripe is called
afterwards, and the place is released if Stripe refuses. Changes and cancellations that move
money claim the pledge under the lock (`stripe_call_started_at`), call Stripe after it, and
record what Stripe did; if Stripe refuses, the claim is given up and nothing else moved.
Every status move goes through `move()`, which only allows forward moves: a redelivered or
late Stripe event can never take a pledge back. Money moves are written to the audit log.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import audit, payments
from campaigns.matching import apply_matches, release_matches
from campaigns.models import (
    CampaignPage,
    CampaignStatus,
    FundingModel,
    Pledge,
    PledgeStatus,
)
from campaigns.models.pledges import CHANGEABLE_STATUSES, WAITING_STATUSES
from campaigns.payment_errors import message_for
from portal.signals import needs_changed

logger = logging.getLogger(__name__)

S = PledgeStatus
ALLOWED_MOVES = {
    S.PENDING: {S.REQUIRES_ACTION, S.COMMITTED, S.PAID, S.FAILED, S.CANCELLED},
    S.REQUIRES_ACTION: {S.PENDING, S.COMMITTED, S.PAID, S.FAILED, S.CANCELLED},
    S.COMMITTED: {S.PAID, S.ACTION_REQUIRED, S.RELEASED, S.CANCELLED},
    S.ACTION_REQUIRED: {S.PAID, S.LAPSED},
    S.PAID: {S.REFUNDED, S.CANCELLED},
}
LAST_CHANGES_WINDOW = datetime.timedelta(hours=24)
STALE_PENDING_AFTER = datetime.timedelta(hours=1)
# A claim this old belongs to a process that died before recording Stripe's answer (the Stripe
# client gives up long before): the idempotency keys make a new attempt safe.
STRIPE_CALL_TIMEOUT = datetime.timedelta(minutes=2)


class PledgeRefused(Exception):
    """The pledge cannot be made or changed now; `status` is the HTTP status to answer."""

    def __init__(self, field, message, status=409):
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


@dataclass
class PledgeRequest:
    campaign: CampaignPage
    amount: int
    email: str
    name: str
    language: str
    reward_tier: object = None
    backer: object = None
    anonymous: bool = False
    hide_amount: bool = False
    payment_method: str = ""


def _lock_campaign(campaign_key):
    """Serialise the pledges of one campaign (every language's copy) for a short while.

    Every lock here is FOR NO KEY UPDATE: PostgreSQL checks foreign keys (deferred, at commit)
    with KEY SHARE locks, which a plain FOR UPDATE would block into deadlocks.
    """
    list(
        CampaignPage.objects.select_for_update(of=("self",), no_key=True)
        .filter(translation_key=campaign_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _check_live(campaign):
    if campaign.status_at(timezone.now()) != CampaignStatus.LIVE:
        raise PledgeRefused("campaign", _("This campaign is not taking pledges."))


def _claim_place(tier, exclude_pledge=None):
    if tier is None or tier.limit is None:
        return
    holding = Pledge.objects.holding().filter(tier_key=tier.translation_key)
    if exclude_pledge is not None:
        holding = holding.exclude(pk=exclude_pledge.pk)
    if holding.count() >= tier.limit:
        raise PledgeRefused("reward_tier", _("This reward is sold out."))


def create_pledge(request):
    """Claim the place, then ask Stripe; returns the pledge with its new status."""
    campaign = request.campaign
    tier = request.reward_tier
    with transaction.atomic():
        _lock_campaign(campaign.translation_key)
        _check_live(campaign)
        _claim_place(tier)
        pledge = Pledge.objects.create(
            campaign=campaign,
            campaign_key=campaign.translation_key,
            reward_tier=tier,
            tier_key=tier.translation_key if tier else None,
            backer=request.backer,
            email=request.email,
            name=request.name,
            language=request.language,
            anonymous=request.anonymous,
            hide_amount=request.hide_amount,
            amount=request.amount,
            funding_model=campaign.funding_model,
        )
    return start_payment(pledge, request.payment_method)


def start_payment(pledge, payment_method=""):
    """Open (and, given a card, confirm) the Stripe intent for a pending pledge.

    Without a card, both funding models open a SetupIntent for Stripe.js to confirm in the
    browser; a flexible pledge's card is then charged by `charge_saved_card`."""
    try:
        if not pledge.stripe_customer:
            pledge.stripe_customer = payments.create_customer(pledge)
        if pledge.funding_model == FundingModel.ALL_OR_NOTHING:
            intent = payments.save_card(pledge, payment_method)
            fields = {"stripe_setup_intent": intent.id}
        elif payment_method:
            intent = payments.charge_now(pledge, payment_method)
            fields = {"stripe_payment_intent": intent.id}
        else:
            intent = payments.save_card(pledge, usage="on_session")
            fields = {"stripe_setup_intent": intent.id}
    except payments.PaymentError as error:
        _fail(pledge, error)
    fields.update(client_secret=intent.client_secret, stripe_customer=pledge.stripe_customer)
    if intent.payment_method:
        fields["stripe_payment_method"] = intent.payment_method
    return move(pledge.pk, status_for_intent(pledge.funding_model, intent.status), **fields)


def _fail(pledge, error):
    """Stripe refused the pledge's card: the pledge fails and gives its place back."""
    logger.info("Stripe refused pledge %s: %s (%s)", pledge.pk, error, error.code)
    move(pledge.pk, S.FAILED)
    raise PledgeRefused("payment_method", message_for(error), status=402) from error


def charge_saved_card(pledge):
    """Charge the card Stripe.js saved on a flexible pledge's SetupIntent; returns the pledge,
    paid, or waiting for 3-D Secure (its client secret is then the PaymentIntent's)."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge.pk)
        if pledge.stripe_payment_intent or pledge.status != S.PENDING:
            return pledge
        if pledge.funding_model != FundingModel.FLEXIBLE or not pledge.stripe_setup_intent:
            raise PledgeRefused("non_field_errors", _("This pledge has no card to charge."))
        _check_no_stripe_call(pledge)
        _claim_for_stripe(pledge)
    try:
        setup = payments.retrieve_setup(pledge.stripe_setup_intent)
        if setup.status != payments.SUCCEEDED or not setup.payment_method:
            Pledge.objects.filter(pk=pledge.pk).update(stripe_call_started_at=None)
            raise PledgeRefused(
                "payment_method", _("Your card has not been confirmed yet."), status=409
            )
        intent = payments.charge_now(pledge, setup.payment_method)
    except payments.PaymentError as error:
        Pledge.objects.filter(pk=pledge.pk).update(stripe_call_started_at=None)
        _fail(pledge, error)
    return move(
        pledge.pk,
        status_for_intent(pledge.funding_model, intent.status),
        stripe_payment_intent=intent.id,
        stripe_payment_method=setup.payment_method,
        client_secret=intent.client_secret,
        stripe_call_started_at=None,
    )


def status_for_intent(funding_model, intent_status):
    if intent_status == payments.SUCCEEDED:
        return S.COMMITTED if funding_model == FundingModel.ALL_OR_NOTHING else S.PAID
    if intent_status == payments.REQUIRES_ACTION:
        return S.REQUIRES_ACTION
    if intent_status == payments.CANCELED:
        return S.FAILED
    return S.PENDING


def move(pledge_id, status, **fields):
    """Apply a status move (if allowed) and its consequences; returns the pledge."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge_id)
        for name, value in fields.items():
            setattr(pledge, name, value)
        newly_counted = False
        if status != pledge.status and status in ALLOWED_MOVES.get(pledge.status, ()):
            was_counted = pledge.is_counted
            pledge.status = status
            newly_counted = pledge.is_counted and not was_counted
            if newly_counted:
                pledge.counted_at = timezone.now()
                _warn_if_place_was_given_away(pledge)
                apply_matches(pledge)
            elif was_counted and not pledge.is_counted:
                release_matches(pledge)
            if was_counted != pledge.is_counted:
                money_changed(pledge.campaign_key)
        pledge.save()
        if newly_counted and pledge.receipt_sent_at is None:
            # Enqueued in the same transaction: with the database task backend the receipt
            # exists if, and only if, the pledge counts.
            from campaigns.tasks import send_pledge_receipt

            send_pledge_receipt.enqueue(pledge.pk)
    return pledge


def _warn_if_place_was_given_away(pledge):
    """A card that comes after the checkout window may find the pledge's place taken by
    another backer. The pledge counts all the same (the backer has given their card), so the
    operator must hear that the tier now holds one reward more than its limit."""
    if pledge.tier_key is None or pledge.created_at > timezone.now() - (
        settings.PLEDGE_CHECKOUT_WINDOW
    ):
        return
    tier = pledge.reward_tier
    if tier is None or tier.limit is None:
        return
    others = Pledge.objects.holding().filter(tier_key=pledge.tier_key).exclude(pk=pledge.pk)
    if others.count() >= tier.limit:
        logger.warning(
            "Pledge %s got its card after the checkout window: reward tier %s (%s places) "
            "is now over its limit.",
            pledge.pk,
            tier.pk,
            tier.limit,
        )


def money_changed(campaign_key):
    """The campaign's totals moved, so may its "money" need: say so (search reindexes it once
    the transaction commits, in a task: the pledge never waits on the index)."""
    needs_changed.send(sender=CampaignPage, model=CampaignPage, translation_key=campaign_key)


def sync_with_stripe(pledge):
    """Read the pledge's intent back from Stripe (after Stripe.js confirmed it in the browser)."""
    if pledge.status not in (S.PENDING, S.REQUIRES_ACTION, S.ACTION_REQUIRED):
        return pledge
    if pledge.status == S.ACTION_REQUIRED or pledge.funding_model == FundingModel.FLEXIBLE:
        if not pledge.stripe_payment_intent:
            return pledge
        intent = payments.retrieve_payment(pledge.stripe_payment_intent)
        status = S.PAID if intent.status == payments.SUCCEEDED else pledge.status
    else:
        if not pledge.stripe_setup_intent:
            return pledge
        intent = payments.retrieve_setup(pledge.stripe_setup_intent)
        status = status_for_intent(pledge.funding_model, intent.status)
    fields = {"stripe_payment_method": intent.payment_method} if intent.payment_method else {}
    return move(pledge.pk, status, **fields)


def _check_last_day(pledge, campaign, new_amount):
    """In the last 24 hours, an all-or-nothing campaign may not fall below its goal."""
    if pledge.funding_model != FundingModel.ALL_OR_NOTHING or not pledge.is_counted:
        return
    if campaign.deadline - timezone.now() > LAST_CHANGES_WINDOW:
        return
    totals = Pledge.objects.totals_for([campaign.translation_key])[campaign.translation_key]
    before = totals.raised + totals.matched
    after = before - pledge.net_amount - pledge.matched_amount + new_amount
    if before >= campaign.goal and after < campaign.goal and new_amount < pledge.net_amount:
        raise PledgeRefused(
            "amount",
            _(
                "In the last 24 hours, a pledge cannot be lowered or cancelled if the "
                "campaign would fall below its goal."
            ),
        )


def _lock_changeable(pledge_id, refusal):
    """The pledge, locked, if its backer may still change it and no Stripe call is under way
    for it. Call inside a transaction."""
    pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge_id)
    if pledge.status not in CHANGEABLE_STATUSES:
        raise PledgeRefused("non_field_errors", refusal)
    _check_no_stripe_call(pledge)
    return pledge


def _check_no_stripe_call(pledge):
    started = pledge.stripe_call_started_at
    if started is not None and timezone.now() - started < STRIPE_CALL_TIMEOUT:
        raise PledgeRefused(
            "non_field_errors", _("This pledge is being changed: try again in a moment.")
        )


def _claim_for_stripe(pledge):
    """Mark the locked pledge as waiting on Stripe; committed with the caller's transaction."""
    pledge.stripe_call_started_at = timezone.now()
    pledge.save(update_fields=["stripe_call_started_at", "updated_at"])


def _give_up_claim(pledge, operation, error):
    """Stripe refused: nothing was recorded, so free the pledge for the next attempt."""
    Pledge.objects.filter(pk=pledge.pk).update(stripe_call_started_at=None)
    logger.warning(
        "Stripe refused the %s of pledge %s: %s (%s)", operation, pledge.pk, error, error.code
    )
    raise PledgeRefused(
        "non_field_errors",
        _("The payment service refused (%(reason)s): try again later.") % {"reason": str(error)},
        status=502,
    ) from error


def change_pledge(
    pledge, *, amount=None, reward_tier=..., anonymous=None, hide_amount=None, by=None
):
    """Change amount, tier or privacy before the deadline; returns the updated pledge.

    Lowering a paid pledge refunds the difference, after the rest of the change is saved and
    the campaign's lock released."""
    campaign = CampaignPage.objects.get(pk=pledge.campaign_id)
    with transaction.atomic():
        _lock_campaign(pledge.campaign_key)
        pledge = _lock_changeable(pledge.pk, _("This pledge can no longer be changed."))
        _check_live(campaign)
        new_amount = pledge.net_amount if amount is None else amount
        if reward_tier is not ... and (
            (reward_tier and reward_tier.translation_key) != pledge.tier_key
        ):
            _claim_place(reward_tier, exclude_pledge=pledge)
            pledge.reward_tier = reward_tier
            pledge.tier_key = reward_tier.translation_key if reward_tier else None
        refund = 0
        if new_amount != pledge.net_amount:
            _check_last_day(pledge, campaign, new_amount)
            refund = _change_amount(pledge, new_amount)
        if anonymous is not None:
            pledge.anonymous = anonymous
        if hide_amount is not None:
            pledge.hide_amount = hide_amount
        pledge.save()
    if refund:
        pledge = _refund(pledge, refund, f"lower-r{pledge.revision}", by)
    return pledge


def _change_amount(pledge, new_amount):
    """A saved card is simply charged the new amount at the deadline: changed now. A paid
    pledge can only go down: it is claimed for refunding the difference, which is returned."""
    if pledge.status in WAITING_STATUSES:
        raise PledgeRefused(
            "amount", _("Finish the payment of this pledge before changing its amount.")
        )
    if pledge.status == S.PAID:
        if new_amount > pledge.net_amount:
            raise PledgeRefused(
                "amount",
                _("A paid pledge can only be lowered: make a new pledge to give more."),
            )
        pledge.stripe_call_started_at = timezone.now()
        return pledge.net_amount - new_amount
    release_matches(pledge)
    pledge.amount = new_amount
    pledge.revision += 1
    apply_matches(pledge)
    money_changed(pledge.campaign_key)
    return 0


def _refund(pledge, cents, reference, by):
    """Refund `cents` of a pledge claimed for it, then record the refund (Stripe's refunded
    total may have been recorded from its webhook meanwhile: the larger total wins)."""
    refunded_total = pledge.refunded_amount + cents
    try:
        refund_id = payments.refund(pledge, cents, reference)
    except payments.PaymentError as error:
        _give_up_claim(pledge, "refund", error)
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge.pk)
        pledge.stripe_call_started_at = None
        pledge.revision += 1
        return record_refund(
            pledge, max(refunded_total, pledge.refunded_amount), by=by, refund=refund_id
        )


def refund_pledge(pledge_id, cents, by):
    """An operator refunds all or part of a paid pledge."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge_id)
        if pledge.status != S.PAID:
            raise PledgeRefused("amount", _("Only paid pledges can be refunded."))
        if cents > pledge.net_amount:
            raise PledgeRefused("amount", _("You cannot refund more than was paid."))
        _check_no_stripe_call(pledge)
        _claim_for_stripe(pledge)
    return _refund(pledge, cents, f"admin-{pledge.refunded_amount + cents}", by)


def cancel_pledge(pledge, by=None):
    """Cancel before the deadline: the saved card is released or the payment refunded."""
    campaign = CampaignPage.objects.get(pk=pledge.campaign_id)
    with transaction.atomic():
        _lock_campaign(pledge.campaign_key)
        pledge = _lock_changeable(pledge.pk, _("This pledge can no longer be cancelled."))
        _check_live(campaign)
        _check_last_day(pledge, campaign, 0)
        _claim_for_stripe(pledge)
    try:
        _let_go_on_stripe(pledge)
    except payments.PaymentError as error:
        _give_up_claim(pledge, "cancellation", error)
    with transaction.atomic():
        fields = {"stripe_call_started_at": None}
        if pledge.status == S.PAID:
            # Stripe's webhook may have recorded (and logged) the refund meanwhile.
            current = Pledge.objects.select_for_update(no_key=True).get(pk=pledge.pk)
            if current.refunded_amount < current.amount:
                fields["refunded_amount"] = current.amount
                refunded = current.amount - current.refunded_amount
                audit.pledge_money(audit.REFUND, current, refunded, user=by)
        cancelled = move(pledge.pk, S.CANCELLED, **fields)
        if cancelled.status == S.CANCELLED:
            audit.pledge_money(audit.CANCEL, cancelled, pledge.net_amount, user=by)
    return cancelled


def _let_go_on_stripe(pledge):
    """What cancelling asks of Stripe, by where the pledge's money stands."""
    if pledge.status == S.PAID:
        payments.refund(pledge, pledge.net_amount, "cancel")
    elif pledge.status == S.COMMITTED:
        payments.release_card(pledge)
    elif pledge.funding_model == FundingModel.FLEXIBLE:
        payments.cancel_payment(pledge)
    else:
        payments.cancel_setup(pledge)


def expire_stale_pledges(now=None):
    """Give back the places of pledges whose card never came (abandoned payment forms)."""
    cutoff = (now or timezone.now()) - STALE_PENDING_AFTER
    stale = Pledge.objects.filter(
        status__in=(S.PENDING, S.REQUIRES_ACTION), created_at__lt=cutoff
    ).values_list("pk", flat=True)
    for pledge_id in list(stale):
        move(pledge_id, S.FAILED)


def record_refund(pledge, refunded_total, by=None, **details):
    """A refund (made here or seen on Stripe): matches follow the new net amount, and the
    audit log gets the refunded difference.

    Call with the pledge locked (select_for_update) inside a transaction.
    """
    refunded = refunded_total - pledge.refunded_amount
    release_matches(pledge)
    pledge.refunded_amount = refunded_total
    money_changed(pledge.campaign_key)
    if pledge.net_amount == 0 and pledge.status == S.PAID:
        pledge.status = S.REFUNDED
    elif pledge.is_counted:
        apply_matches(pledge)
    pledge.save()
    if refunded > 0:
        audit.pledge_money(audit.REFUND, pledge, refunded, user=by, **details)
    return pledge
