"""Everything Maillon asks of Stripe. The only module that imports `stripe`.

Every write carries an idempotency key derived from the pledge (and the pledge's revision, so a
changed amount is a new request, while a retry of the same one is recognised by Stripe).
Errors come back as PaymentError with Stripe's code, never as stripe's own exceptions.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings

import stripe

# Statuses of Stripe intents, as Maillon reads them.
SUCCEEDED = "succeeded"
REQUIRES_ACTION = "requires_action"
CANCELED = "canceled"


class PaymentError(Exception):
    """Stripe refused: `code` is Stripe's (card_declined, authentication_required…), and
    `decline_code` the bank's reason when it gave one (insufficient_funds, expired_card…)."""

    def __init__(self, message, code="", decline_code=""):
        super().__init__(message)
        self.code = code or ""
        self.decline_code = decline_code or ""


class SignatureError(Exception):
    """A webhook whose signature does not match STRIPE_WEBHOOK_SECRET."""


@dataclass(frozen=True)
class Intent:
    """What Maillon keeps of a SetupIntent or PaymentIntent."""

    id: str
    status: str
    client_secret: str = ""
    payment_method: str = ""
    customer: str = ""
    amount: int = 0


def _client():
    stripe.api_key = settings.STRIPE_SECRET_KEY
    if settings.STRIPE_API_BASE:
        stripe.api_base = settings.STRIPE_API_BASE
    return stripe


def _intent(obj):
    return Intent(
        id=obj.id,
        status=obj.status,
        client_secret=getattr(obj, "client_secret", "") or "",
        payment_method=_id_of(getattr(obj, "payment_method", None)),
        customer=_id_of(getattr(obj, "customer", None)),
        amount=getattr(obj, "amount", 0) or 0,
    )


def _id_of(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else value.id


def _key(pledge, operation):
    return f"maillon-pledge-{pledge.pk}-r{pledge.revision}-{operation}"


def _call(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        decline_code = getattr(error.error, "decline_code", "") if error.error else ""
        raise PaymentError(error.user_message or str(error), error.code, decline_code) from error
    except stripe.APIConnectionError as error:
        raise PaymentError(str(error), "network") from error
    except stripe.StripeError as error:
        raise PaymentError(error.user_message or str(error), getattr(error, "code", "")) from error


def _metadata(pledge):
    return {"pledge": str(pledge.pk), "campaign": str(pledge.campaign_id)}


def create_customer(pledge):
    customer = _call(
        _client().Customer.create,
        email=pledge.email,
        name=pledge.name,
        metadata=_metadata(pledge),
        idempotency_key=_key(pledge, "customer"),
    )
    return customer.id


def save_card(pledge, payment_method="", usage="off_session"):
    """A SetupIntent on which the card is saved; confirmed now if a card is given, else by
    Stripe.js's confirmCardSetup in the browser.

    All-or-nothing pledges save the card for an off-session charge at the deadline; flexible
    pledges made from the page save it on session, then `charge_now` charges it: Stripe.js and
    localstripe's fake of it both confirm a SetupIntent with a card element, while only the
    real one can confirm a PaymentIntent with it. Stripe's own flow could confirm at creation;
    confirming in a second call works with both Stripe and localstripe.
    """
    client = _client()
    intent = _call(
        client.SetupIntent.create,
        customer=pledge.stripe_customer,
        usage=usage,
        payment_method_types=["card"],
        metadata=_metadata(pledge),
        idempotency_key=_key(pledge, "setup"),
    )
    if payment_method:
        intent = _call(
            client.SetupIntent.confirm,
            intent.id,
            payment_method=payment_method,
            idempotency_key=_key(pledge, "setup-confirm"),
        )
    return _intent(intent)


def charge_now(pledge, payment_method=""):
    """Flexible: a PaymentIntent for the pledge, confirmed at once when a card is given."""
    params = {
        "amount": pledge.amount,
        "currency": pledge.currency.lower(),
        "customer": pledge.stripe_customer,
        "payment_method_types": ["card"],
        "metadata": _metadata(pledge),
        "idempotency_key": _key(pledge, "payment"),
    }
    if payment_method:
        params.update(payment_method=payment_method, confirm=True)
    return _intent(_call(_client().PaymentIntent.create, **params))


def charge_off_session(pledge):
    """Charge a committed pledge's saved card, the backer absent (all-or-nothing success).

    A bank asking for authentication comes back as PaymentError("authentication_required").
    """
    intent = _call(
        _client().PaymentIntent.create,
        amount=pledge.amount,
        currency=pledge.currency.lower(),
        customer=pledge.stripe_customer,
        payment_method=pledge.stripe_payment_method,
        payment_method_types=["card"],
        off_session=True,
        confirm=True,
        metadata=_metadata(pledge),
        idempotency_key=_key(pledge, "charge"),
    )
    result = _intent(intent)
    if result.status == REQUIRES_ACTION:
        raise PaymentError("The bank asks the backer to authenticate.", "authentication_required")
    return result


def recovery_payment(pledge, payment_method):
    """Charge a pledge whose off-session charge failed, with the card the backer gives now."""
    intent = _call(
        _client().PaymentIntent.create,
        amount=pledge.amount,
        currency=pledge.currency.lower(),
        customer=pledge.stripe_customer,
        payment_method=payment_method,
        payment_method_types=["card"],
        confirm=True,
        metadata=_metadata(pledge),
        idempotency_key=_key(pledge, f"recovery-{payment_method}"),
    )
    return _intent(intent)


def recovery_setup(pledge, after=""):
    """A SetupIntent on which Stripe.js saves the card a backer gives to pay a failed charge.

    `after` is the id of the previous attempt's SetupIntent: each attempt is a new request,
    while a retry of the same one is recognised."""
    intent = _call(
        _client().SetupIntent.create,
        customer=pledge.stripe_customer,
        usage="on_session",
        payment_method_types=["card"],
        metadata=_metadata(pledge),
        idempotency_key=_key(pledge, f"recovery-setup-{after or 'first'}"),
    )
    return _intent(intent)


def retrieve_setup(intent_id):
    return _intent(_call(_client().SetupIntent.retrieve, intent_id))


def retrieve_payment(intent_id):
    return _intent(_call(_client().PaymentIntent.retrieve, intent_id))


def cancel_setup(pledge):
    if pledge.stripe_setup_intent:
        _call(
            _client().SetupIntent.cancel,
            pledge.stripe_setup_intent,
            idempotency_key=_key(pledge, "setup-cancel"),
        )


def cancel_payment(pledge):
    if pledge.stripe_payment_intent:
        _call(
            _client().PaymentIntent.cancel,
            pledge.stripe_payment_intent,
            idempotency_key=_key(pledge, "payment-cancel"),
        )


def release_card(pledge):
    """Forget a saved card: nothing will ever be charged on it for this pledge."""
    if pledge.stripe_payment_method:
        _call(
            _client().PaymentMethod.detach,
            pledge.stripe_payment_method,
            idempotency_key=_key(pledge, "release"),
        )
    elif pledge.stripe_setup_intent:
        cancel_setup(pledge)


def refund(pledge, amount, reference):
    """Refund `amount` cents of a paid pledge; `reference` makes the request unique."""
    result = _call(
        _client().Refund.create,
        payment_intent=pledge.stripe_payment_intent,
        amount=amount,
        metadata=_metadata(pledge),
        idempotency_key=f"maillon-pledge-{pledge.pk}-refund-{reference}",
    )
    return result.id


def construct_event(payload, signature):
    """The verified event as a plain dict, or SignatureError.

    Stripe's library refuses signatures older than its tolerance but not ones from the future:
    a timestamp ahead of the clock by more than the same tolerance is refused too, so that a
    leaked signed payload cannot be dated to stay replayable.
    """
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
        timestamp = int(
            dict(item.split("=", 1) for item in signature.split(",") if "=" in item)["t"]
        )
        if timestamp > time.time() + stripe.Webhook.DEFAULT_TOLERANCE:
            raise SignatureError(f"Timestamp in the future ({timestamp})")
        return event.to_dict()
    except (
        ValueError,
        TypeError,
        AttributeError,
        RecursionError,
        stripe.SignatureVerificationError,
    ) as error:
        raise SignatureError(str(error)) from error


class RateLimiter:
    """At most `per_second` calls a second from this process (Stripe's limit is 100 writes/s)."""

    def __init__(self, per_second):
        self.interval = 1.0 / per_second
        self.next_slot = time.monotonic()
        self.lock = threading.Lock()

    def wait(self):
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot)
            self.next_slot = slot + self.interval
        delay = slot - now
        if delay > 0:
            time.sleep(delay)


CLOSING_WRITES_PER_SECOND = 80
