"""A member's pledges and campaign news, for the GDPR export and erasure (portal.gdpr's hooks).

Erasing cancels the pledges not charged yet (the saved card is released), and strips every
pledge of the backer's identity: name, e-mail address, account, the card's Stripe reference,
and the names, e-mails and addresses in the Stripe events about it. What stays is what the
accounts need for the legal period (seven years in Belgium, Code of economic law art. III.88):
the amount, currency, dates, status, campaign, and Stripe's payment and refund references,
which tie the bank's records to the campaign's without naming anyone.
"""

from contextlib import suppress

from django.db.models import Q

from campaigns import pledging
from campaigns.models import (
    CampaignPage,
    PaymentEvent,
    Pledge,
    PledgeStatus,
    PostedUpdate,
    UpdateDelivery,
)

NOT_CHARGED = (PledgeStatus.PENDING, PledgeStatus.REQUIRES_ACTION, PledgeStatus.COMMITTED)
# Keys of Stripe objects that name or locate a person (billing details, customers, receipts).
PERSONAL_KEYS = {
    "name",
    "email",
    "phone",
    "address",
    "billing_details",
    "receipt_email",
    "shipping",
}


def _pledges_of(user):
    return Pledge.objects.filter(Q(backer=user) | Q(email__iexact=user.email))


def _when(moment):
    return moment.isoformat() if moment else None


def export(user):
    pledges = _pledges_of(user).select_related("campaign", "reward_tier").order_by("created_at")
    updates = PostedUpdate.objects.filter(author=user).select_related("campaign")
    return {
        "pledges": [
            {
                "id": pledge.pk,
                "campaign": pledge.campaign.title,
                "amount_cents": pledge.amount,
                "refunded_cents": pledge.refunded_amount,
                "matched_cents": pledge.matched_amount,
                "currency": pledge.currency,
                "status": pledge.status,
                "reward": pledge.reward_tier.title if pledge.reward_tier else None,
                "name": pledge.name,
                "email": pledge.email,
                "language": pledge.language,
                "anonymous": pledge.anonymous,
                "hide_amount": pledge.hide_amount,
                "created_at": _when(pledge.created_at),
            }
            for pledge in pledges
        ],
        "campaign_updates": [
            {
                "campaign": update.campaign.title,
                "title": update.title,
                "text": update.body,
                "language": update.language,
                "posted_at": _when(update.posted_at),
            }
            for update in updates
        ],
    }


def _scrub(value):
    if isinstance(value, dict):
        return {key: None if key in PERSONAL_KEYS else _scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


def _scrub_payment_events(pledges):
    references = set()
    for pledge in pledges:
        references.update(
            {pledge.stripe_setup_intent, pledge.stripe_payment_intent, pledge.stripe_customer}
        )
    references.discard("")
    if not references:
        return
    events = PaymentEvent.objects.filter(
        Q(payload__data__object__id__in=references)
        | Q(payload__data__object__payment_intent__in=references)
        | Q(payload__data__object__customer__in=references)
    )
    for event in events:
        event.payload = _scrub(event.payload)
        event.save(update_fields=["payload"])


def erase(user):
    for pledge in _pledges_of(user).filter(status__in=NOT_CHARGED):
        # On the campaign's last day a pledge may no longer be withdrawn (it would undo a goal
        # the crowd relied on): it stays, anonymous, and is charged at closing.
        with suppress(pledging.PledgeRefused):
            pledging.cancel_pledge(pledge)
    for pledge in _pledges_of(user).filter(status=PledgeStatus.ACTION_REQUIRED):
        pledging.move(pledge.pk, PledgeStatus.LAPSED)
    pledges = list(_pledges_of(user))
    _scrub_payment_events(pledges)
    Pledge.objects.filter(pk__in=[pledge.pk for pledge in pledges]).update(
        backer=None,
        name="",
        email="",
        anonymous=True,
        stripe_payment_method="",
        client_secret="",
    )
    UpdateDelivery.objects.filter(email__iexact=user.email).delete()
    PostedUpdate.objects.filter(author=user).update(author=None)
    CampaignPage.objects.filter(project_holder=user).update(project_holder=None)
