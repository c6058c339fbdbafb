"""Pages of the pledge flow that are not Wagtail pages: a backer's pledge, the recovery payment."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from campaigns import payments, pledging
from campaigns.models import Pledge, PledgeStatus


def _pledge(token):
    return get_object_or_404(Pledge.objects.select_related("campaign", "reward_tier"), token=token)


def stripe_context():
    return {
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
    }


def pledge_detail(request, token):
    """The backer's pledge, reached from the receipt's link: status, and a way to cancel."""
    pledge = _pledge(token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            pledging.cancel_pledge(pledge)
            messages.success(request, _("Your pledge has been cancelled."))
        except pledging.PledgeRefused as error:
            messages.error(request, error.message)
        return redirect("campaigns:pledge_detail", token=token)
    try:
        pledge = pledging.sync_with_stripe(pledge)
    except payments.PaymentError:
        messages.error(request, _("We could not reach the payment service; try again later."))
    return render(
        request,
        "pages/pledge_detail.html",
        {"pledge": pledge, "campaign": pledge.campaign.specific, "statuses": PledgeStatus},
    )


def pledge_pay(request, token):
    """Recovery: the backer pays a pledge whose charge failed, with the card element."""
    pledge = _pledge(token)
    if pledge.status != PledgeStatus.ACTION_REQUIRED:
        return redirect("campaigns:pledge_detail", token=token)
    if not pledge.stripe_payment_intent:
        try:
            intent = payments.start_recovery_payment(pledge)
        except payments.PaymentError:
            messages.error(request, _("We could not reach the payment service; try again later."))
            return redirect("campaigns:pledge_detail", token=token)
        pledge = pledging.move(
            pledge.pk,
            pledge.status,
            stripe_payment_intent=intent.id,
            client_secret=intent.client_secret,
        )
    return render(
        request,
        "pages/pledge_pay.html",
        {"pledge": pledge, "campaign": pledge.campaign.specific, **stripe_context()},
    )
