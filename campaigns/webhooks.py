"""Stripe's webhook: verified, stored once per event id, applied idempotently in any order.

Each event only ever moves a pledge forward (see pledging.ALLOWED_MOVES), so a late or repeated
event finds the pledge already where it says, and changes nothing.
"""

import datetime

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from campaigns import payments, pledging
from campaigns.models import FundingModel, PaymentEvent, Pledge, PledgeStatus

MAX_ID_LENGTH = 255


class MalformedEvent(Exception):
    """A signed event that does not have the shape of a Stripe event: nothing is stored."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def _refused(field, message):
    return JsonResponse({"errors": {field: [message]}}, status=400)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = payments.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
    except payments.SignatureError:
        return _refused("signature", _("Invalid or expired signature."))
    try:
        _check_shape(event)
        with transaction.atomic():
            stored = PaymentEvent.objects.create(
                stripe_id=event["id"],
                type=event.get("type", ""),
                stripe_created=_timestamp(event.get("created")),
                payload=event,
            )
            apply_event(event)
            stored.processed_at = timezone.now()
            stored.save(update_fields=["processed_at"])
    except MalformedEvent as error:
        return _refused(error.field, error.message)
    except IntegrityError:
        return JsonResponse({"received": True, "duplicate": True})
    return JsonResponse({"received": True})


def _is_id(value):
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH


def _check_shape(event):
    """What the handlers read: an id, a type, a creation time, and `data.object` as an object."""
    if not isinstance(event, dict) or not _is_id(event.get("id")):
        raise MalformedEvent("id", _("A Stripe event needs an id of at most 255 characters."))
    if not isinstance(event.get("type", ""), str) or len(event.get("type", "")) > 100:
        raise MalformedEvent("type", _("A Stripe event's type is a short text."))
    created = event.get("created")
    if created is not None and not (isinstance(created, int) and 0 <= created < 2**34):
        raise MalformedEvent("created", _("A Stripe event's creation time is a Unix timestamp."))
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("data", _("A Stripe event carries its object in data.object."))
    obj = data["object"]
    if not isinstance(obj.get("metadata") or {}, dict):
        raise MalformedEvent("data", _("A Stripe object's metadata is an object."))
    for field in ("id", "payment_intent", "payment_method"):
        value = obj.get(field)
        if value is not None and not (isinstance(value, str) and len(value) <= MAX_ID_LENGTH):
            raise MalformedEvent("data", _("Stripe ids are texts of at most 255 characters."))
    for field in ("amount", "amount_refunded", "amount_received"):
        value = obj.get(field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise MalformedEvent("data", _("Stripe amounts are whole numbers of cents."))


def _timestamp(value):
    if not value:
        return None
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)


def _pledge_for(obj, *id_fields):
    """The pledge an intent or charge belongs to: by our metadata, else by the Stripe id."""
    pledge_id = (obj.get("metadata") or {}).get("pledge")
    if pledge_id and str(pledge_id).isdigit():
        pledge = Pledge.objects.filter(pk=int(pledge_id)).first()
        if pledge:
            return pledge
    for field, value in id_fields:
        if value:
            pledge = Pledge.objects.filter(**{field: value}).first()
            if pledge:
                return pledge
    return None


def apply_event(event):
    obj = event["data"]["object"]
    handler = HANDLERS.get(event.get("type"))
    if handler:
        handler(obj)


def _own_setup(intent):
    """The pledge whose own SetupIntent this is. A saved card commits an all-or-nothing pledge
    only: a flexible one is charged when the page asks (`pledging.charge_saved_card`), and a
    recovery page's SetupIntent is followed by its payment."""
    pledge = _pledge_for(intent, ("stripe_setup_intent", intent.get("id")))
    if pledge and pledge.stripe_setup_intent == intent.get("id"):
        return pledge
    return None


def _setup_succeeded(intent):
    pledge = _own_setup(intent)
    if pledge and pledge.funding_model == FundingModel.ALL_OR_NOTHING:
        pledging.move(
            pledge.pk,
            PledgeStatus.COMMITTED,
            stripe_payment_method=intent.get("payment_method") or pledge.stripe_payment_method,
        )


def _setup_canceled(intent):
    pledge = _own_setup(intent)
    if pledge:
        pledging.move(pledge.pk, PledgeStatus.FAILED)


def _payment_succeeded(intent):
    pledge = _pledge_for(intent, ("stripe_payment_intent", intent.get("id")))
    if pledge:
        pledging.move(pledge.pk, PledgeStatus.PAID)


def _payment_failed(intent):
    """At pledge time the backer may still retry in the browser; after the deadline, the
    failure starts the recovery (close_campaigns usually did already)."""
    pledge = _pledge_for(intent, ("stripe_payment_intent", intent.get("id")))
    if pledge and pledge.status == PledgeStatus.COMMITTED:
        from campaigns.closing import start_recovery

        start_recovery(pledge)


def _payment_canceled(intent):
    pledge = _pledge_for(intent, ("stripe_payment_intent", intent.get("id")))
    if pledge:
        pledging.move(pledge.pk, PledgeStatus.FAILED)


def _charge_refunded(charge):
    pledge = _pledge_for(charge, ("stripe_payment_intent", charge.get("payment_intent")))
    if pledge is None:
        return
    refunded = int(charge.get("amount_refunded") or 0)
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update(no_key=True).get(pk=pledge.pk)
        refunded = min(max(refunded, pledge.refunded_amount), pledge.amount)
        if refunded == pledge.refunded_amount:
            return
        pledging.record_refund(pledge, refunded)


HANDLERS = {
    "setup_intent.succeeded": _setup_succeeded,
    "setup_intent.canceled": _setup_canceled,
    "payment_intent.succeeded": _payment_succeeded,
    "payment_intent.payment_failed": _payment_failed,
    "payment_intent.canceled": _payment_canceled,
    "charge.refunded": _charge_refunded,
}
