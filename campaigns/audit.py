"""Money moves, written to Wagtail's audit log: who moved how much, in the admin's history.

Refunds, cancellations and closing charges are entries on the campaign page (its original
language's copy, where operators look); money added to or given back from a match fund is an
entry on the fund. The entries' data are plain numbers (euro cents, pledge ids), formatted in
the reader's language when the history is shown.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import LogFormatter, log

from portal.formatting import format_money

REFUND = "maillon.pledge_refund"
CANCEL = "maillon.pledge_cancel"
CHARGE = "maillon.pledge_charge"
CHARGE_FAILED = "maillon.pledge_charge_failed"
MATCH_ADDED = "maillon.match_added"
MATCH_RELEASED = "maillon.match_released"


class MoneyFormatter(LogFormatter):
    """A message with the entry's pledge number, amount (in the reader's format) and Stripe's
    reason, if any."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.template() % {
            "pledge": data.get("pledge", "?"),
            "amount": format_money(data.get("amount", 0)),
            "reason": data.get("reason", ""),
        }


class RefundFormatter(MoneyFormatter):
    label = gettext_lazy("Refund a pledge")

    def template(self):
        return _("Refunded %(amount)s of pledge #%(pledge)s")


class CancelFormatter(MoneyFormatter):
    label = gettext_lazy("Cancel a pledge")

    def template(self):
        return _("Cancelled pledge #%(pledge)s of %(amount)s")


class ChargeFormatter(MoneyFormatter):
    label = gettext_lazy("Charge a pledge at closing")

    def template(self):
        return _("Charged %(amount)s for pledge #%(pledge)s at closing")


class ChargeFailedFormatter(MoneyFormatter):
    label = gettext_lazy("Failed charge at closing")

    def template(self):
        return _("The charge of %(amount)s for pledge #%(pledge)s failed: %(reason)s")


class MatchAddedFormatter(MoneyFormatter):
    label = gettext_lazy("Match a pledge")

    def template(self):
        return _("Added %(amount)s from the pot to pledge #%(pledge)s")


class MatchReleasedFormatter(MoneyFormatter):
    label = gettext_lazy("Give a match back")

    def template(self):
        return _("Gave %(amount)s back to the pot from pledge #%(pledge)s")


FORMATTERS = {
    REFUND: RefundFormatter,
    CANCEL: CancelFormatter,
    CHARGE: ChargeFormatter,
    CHARGE_FAILED: ChargeFailedFormatter,
    MATCH_ADDED: MatchAddedFormatter,
    MATCH_RELEASED: MatchReleasedFormatter,
}


def register_actions(actions):
    """For the `register_log_actions` hook."""
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)


def _history_page(pledge):
    """The campaign's copy in the default language (the original operators edit), else the
    copy the pledge was made on."""
    from campaigns.models import CampaignPage

    return (
        CampaignPage.objects.filter(
            translation_key=pledge.campaign_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or pledge.campaign
    )


def pledge_money(action, pledge, amount, user=None, **data):
    """An entry on the campaign page's history: `action` on `pledge`, `amount` cents."""
    log(
        _history_page(pledge),
        action,
        user=user if user is not None and user.is_authenticated else None,
        data={"pledge": pledge.pk, "amount": amount, **data},
    )


def fund_money(action, fund, pledge, amount):
    """An entry on the match fund's history: money added to or given back from `pledge`."""
    log(fund, action, data={"pledge": pledge.pk, "amount": amount})
