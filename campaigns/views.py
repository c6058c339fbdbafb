"""Campaign views that are not Wagtail pages: a backer's pledge, the recovery payment, and
the project holder's form to post an update."""

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import payments, pledging, updates
from campaigns.forms import UpdateForm
from campaigns.models import CampaignPage, Pledge, PledgeStatus
from campaigns.payment_errors import message_for, messages_for_js

logger = logging.getLogger(__name__)


def _pledge(token):
    return get_object_or_404(Pledge.objects.select_related("campaign", "reward_tier"), token=token)


def stripe_context():
    """What a page with a card form needs: Stripe.js, its key, and the payment messages in
    the page's language (for pledge.js, through json_script)."""
    return {
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "payment_messages": messages_for_js(),
    }


def pledge_detail(request, token):
    """The backer's pledge, reached from the receipt's link: status, and a way to cancel."""
    pledge = _pledge(token)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            pledging.cancel_pledge(pledge, by=request.user)
            messages.success(request, _("Your pledge has been cancelled."))
        except pledging.PledgeRefused as error:
            messages.error(request, error.message)
        return redirect("campaigns:pledge_detail", token=token)
    try:
        pledge = pledging.sync_with_stripe(pledge)
    except payments.PaymentError as error:
        logger.warning("Could not read pledge %s back from Stripe: %s", pledge.pk, error)
        messages.error(request, _("We could not reach the payment service; try again later."))
    return render(
        request,
        "pages/pledge_detail.html",
        {"pledge": pledge, "campaign": pledge.campaign.specific, "statuses": PledgeStatus},
    )


def pledge_pay(request, token):
    """Recovery: the backer pays a pledge whose charge failed, with a new card.

    GET shows the card element. The page posts `{}` for a SetupIntent, on which Stripe.js saves
    the card (confirmCardSetup), then `{"setup_intent": id}`; a headless client may post
    `{"payment_method": id}` instead. The server charges the card and answers whether the bank
    wants 3-D Secure.
    """
    pledge = _pledge(token)
    if pledge.status != PledgeStatus.ACTION_REQUIRED:
        if request.method == "POST":
            return JsonResponse({"status": pledge.status, "client_secret": ""})
        return redirect("campaigns:pledge_detail", token=token)
    if request.method == "POST":
        return _pay_recovery(request, pledge)
    return render(
        request,
        "pages/pledge_pay.html",
        {"pledge": pledge, "campaign": pledge.campaign.specific, **stripe_context()},
    )


def _pay_recovery(request, pledge):
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        return _json_error("payment_method", _("This is not a Stripe payment method id."))
    try:
        if "payment_method" in body:
            payment_method = body["payment_method"]
            if not _is_stripe_id(payment_method, "pm_"):
                return _json_error("payment_method", _("This is not a Stripe payment method id."))
        elif "setup_intent" in body:
            payment_method = _card_saved_on(pledge, body["setup_intent"])
            if not payment_method:
                return _json_error("payment_method", _("Your card has not been confirmed yet."))
        else:
            return _start_recovery_setup(pledge)
        intent = payments.recovery_payment(pledge, payment_method)
    except payments.PaymentError as error:
        logger.info("Stripe refused the recovery payment of pledge %s: %s", pledge.pk, error)
        return _json_error("payment_method", message_for(error), status=402)
    status = PledgeStatus.PAID if intent.status == payments.SUCCEEDED else pledge.status
    pledging.move(
        pledge.pk,
        status,
        stripe_payment_intent=intent.id,
        client_secret=intent.client_secret,
    )
    return JsonResponse({"status": intent.status, "client_secret": intent.client_secret})


def _is_stripe_id(value, prefix):
    return isinstance(value, str) and value.startswith(prefix) and len(value) <= 255


def _setup_intent_of(pledge):
    """The recovery SetupIntent the page was last given (its id leads its client secret)."""
    secret = pledge.client_secret
    return secret.split("_secret_")[0] if secret.startswith("seti_") else ""


def _start_recovery_setup(pledge):
    intent = payments.recovery_setup(pledge, after=_setup_intent_of(pledge))
    pledging.move(pledge.pk, pledge.status, client_secret=intent.client_secret)
    return JsonResponse({"status": intent.status, "client_secret": intent.client_secret})


def _card_saved_on(pledge, setup_intent):
    """The card Stripe.js saved on the pledge's own recovery SetupIntent, or ""."""
    if not _is_stripe_id(setup_intent, "seti_") or setup_intent != _setup_intent_of(pledge):
        return ""
    intent = payments.retrieve_setup(setup_intent)
    return intent.payment_method if intent.status == payments.SUCCEEDED else ""


def _json_error(field, message, status=400):
    return JsonResponse({"errors": {field: [message]}}, status=status)


@require_POST
def post_update(request, page_id):
    """The project holder (or the operator's staff) posts an update from the campaign page.

    Bad input answers 400: the page again with the form's errors, or `{"errors": …}` to a
    client asking for JSON.
    """
    campaign = get_object_or_404(CampaignPage.objects.live().public(), pk=page_id)
    section = campaign.operator_page
    if not updates.can_post_update(request.user, campaign, section):
        return _refuse(request)
    form = UpdateForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": form.errors}, status=400)
        context = campaign.get_context(request)
        context["update_form"] = form
        return TemplateResponse(request, campaign.get_template(request), context, status=400)
    update = updates.post_update(
        campaign,
        author=request.user,
        language=get_language(),
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
    )
    if _wants_json(request):
        return JsonResponse({"id": update.pk, "title": update.title}, status=201)
    messages.success(request, _("Your update is published and is being e-mailed to backers."))
    return redirect(campaign.url + "#updates-title")


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _refuse(request):
    message = _("Only the project holder and the operator's staff can post updates.")
    if _wants_json(request):
        return JsonResponse({"errors": {"non_field_errors": [message]}}, status=403)
    raise PermissionDenied(message)
