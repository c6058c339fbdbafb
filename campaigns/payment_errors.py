"""What a backer reads when a payment fails, in the page's language.

Stripe's messages are English (and Stripe.js's depend on the browser): Maillon maps Stripe's
error codes and the bank's decline codes to its own messages, on the server (`message_for`)
and in pledge.js, which gets the same messages from the page (`messages_for_js`, through
json_script). Reasons a fraudster could learn from (lost, stolen, fraudulent) read as a plain
decline, as Stripe advises.
"""

from django.utils.translation import gettext_lazy as _

GENERIC = "generic"

MESSAGES = {
    "card_declined": _("Your card was declined. Try another card or ask your bank why."),
    "insufficient_funds": _("Your card has insufficient funds. Try another card."),
    "expired_card": _("Your card has expired. Try another card."),
    "incorrect_cvc": _("The card's security code is incorrect."),
    "incorrect_number": _("The card number is incorrect."),
    "invalid_expiry": _("The card's expiry date is incorrect."),
    "processing_error": _("An error occurred while processing your card. Try again in a moment."),
    "authentication_required": _(
        "Your bank asks you to confirm this payment (3-D Secure): try again and confirm it."
    ),
    "authentication_failed": _(
        "Your bank could not confirm this payment (3-D Secure). Try again or use another card."
    ),
    "network": _("We could not reach the payment service. Check your connection and try again."),
    GENERIC: _("The payment could not be completed. Try again or use another card."),
}

# Stripe's codes (error codes and decline codes) to the keys of MESSAGES.
CODES = {
    "card_declined": "card_declined",
    "generic_decline": "card_declined",
    "do_not_honor": "card_declined",
    "lost_card": "card_declined",
    "stolen_card": "card_declined",
    "fraudulent": "card_declined",
    "pickup_card": "card_declined",
    "restricted_card": "card_declined",
    "card_not_supported": "card_declined",
    "insufficient_funds": "insufficient_funds",
    "expired_card": "expired_card",
    "incorrect_cvc": "incorrect_cvc",
    "invalid_cvc": "incorrect_cvc",
    "incorrect_number": "incorrect_number",
    "invalid_number": "incorrect_number",
    "invalid_expiry_month": "invalid_expiry",
    "invalid_expiry_year": "invalid_expiry",
    "processing_error": "processing_error",
    "authentication_required": "authentication_required",
    "payment_intent_authentication_failure": "authentication_failed",
    "setup_intent_authentication_failure": "authentication_failed",
    "network": "network",
}


def key_for(code="", decline_code=""):
    """The MESSAGES key for a Stripe error: the bank's reason first, then Stripe's code."""
    return CODES.get(decline_code) or CODES.get(code) or GENERIC


def message_for(error):
    """The backer's message for a payments.PaymentError, in the active language."""
    return str(MESSAGES[key_for(error.code, error.decline_code)])


def messages_for_js():
    """Every message with pledge.js's lookup table, for `json_script` in the page."""
    return {
        "messages": {key: str(message) for key, message in MESSAGES.items()},
        "codes": CODES,
    }
