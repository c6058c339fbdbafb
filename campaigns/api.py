"""/api/v1/pledges/: the same pledge rules as the web form, for headless clients and tests;
/api/v1/campaigns/<id>/: a live campaign's figures and financing plan."""

import logging
import math

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from campaigns import payments, pledging
from campaigns.financing import plan_of
from campaigns.models import (
    CampaignPage,
    Pledge,
    PledgeStatus,
    RewardTier,
    SourceKind,
    SourceStatus,
)
from portal.api import NON_FIELD
from portal.formatting import format_money
from portal.parsers import JSONParser
from tax import gifts as tax_gifts

logger = logging.getLogger(__name__)

MINIMUM_PLEDGE = 100  # 1 EUR
MAXIMUM_PLEDGE = 100_000_000  # 1,000,000 EUR
MAXIMUM_BODY_BYTES = 16_384


@extend_schema_field(OpenApiTypes.INT)
class CentsField(serializers.Field):
    """A whole number of euro cents, as a JSON integer: no floats, strings or booleans."""

    default_error_messages = {
        "invalid": _("Give the amount in euro cents, as a whole number (2500 for 25 EUR)."),
    }

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


class StrictIdField(CentsField):
    """A database id: a whole number the database can compare (below 2**63)."""

    default_error_messages = {"invalid": _("Give the id as a whole number.")}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not 0 < value < 2**63:
            self.fail("invalid")
        return value


def _check_amount(amount, tier):
    if amount < MINIMUM_PLEDGE:
        raise ValidationError({"amount": [_("A pledge is at least 1 EUR (100 cents).")]})
    if amount > MAXIMUM_PLEDGE:
        raise ValidationError({"amount": [_("A pledge is at most 1,000,000 EUR.")]})
    if tier is not None and amount < tier.minimum_amount:
        raise ValidationError(
            {
                "amount": [
                    _("This reward needs a pledge of at least %(minimum)s.")
                    % {"minimum": format_money(tier.minimum_amount)}
                ]
            }
        )


def _tier_of(tier_id, campaign_key):
    if tier_id is None:
        return None
    tier = RewardTier.objects.filter(pk=tier_id).select_related("campaign").first()
    if tier is None:
        raise ValidationError({"reward_tier": [_("Unknown reward.")]})
    if tier.campaign.translation_key != campaign_key:
        raise ValidationError({"reward_tier": [_("This reward belongs to another campaign.")]})
    return tier


class PledgeCreateSerializer(serializers.Serializer):
    campaign = StrictIdField()
    amount = CentsField()
    currency = serializers.CharField(max_length=3, default="EUR")
    email = serializers.EmailField(required=False, max_length=254)
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    reward_tier = StrictIdField(required=False, allow_null=True, default=None)
    anonymous = serializers.BooleanField(default=False)
    hide_amount = serializers.BooleanField(default=False)
    payment_method = serializers.RegexField(
        r"^pm_\w{1,200}$",
        required=False,
        allow_blank=True,
        error_messages={"invalid": _("This is not a Stripe payment method id.")},
    )
    # A deductible gift: the donor's details for the tax attestation (see tax.gifts).
    tax_receipt = serializers.JSONField(required=False, allow_null=True, default=None)

    def validate_currency(self, value):
        if value.upper() != "EUR":
            raise serializers.ValidationError(_("Maillon only takes pledges in euros (EUR)."))
        return "EUR"

    def validate_campaign(self, value):
        campaign = CampaignPage.objects.live().filter(pk=value).first()
        if campaign is None:
            raise serializers.ValidationError(_("Unknown campaign."))
        return campaign

    def validate(self, attrs):
        user = self.context["request"].user
        errors = {}
        if not attrs.get("email") and not user.is_authenticated:
            errors["email"] = [_("Give your e-mail address, or log in.")]
        if not attrs.get("name", "").strip() and not user.is_authenticated:
            errors["name"] = [_("Give your name, or log in.")]
        if errors:
            raise ValidationError(errors)
        attrs["reward_tier"] = _tier_of(attrs["reward_tier"], attrs["campaign"].translation_key)
        _check_amount(attrs["amount"], attrs["reward_tier"])
        attrs["tax_gift"] = tax_gifts.check_request(
            attrs.pop("tax_receipt"), attrs["campaign"], attrs["reward_tier"], user
        )
        return attrs


class PledgeChangeSerializer(serializers.Serializer):
    amount = CentsField(required=False)
    reward_tier = StrictIdField(required=False, allow_null=True)
    anonymous = serializers.BooleanField(required=False)
    hide_amount = serializers.BooleanField(required=False)

    def validate(self, attrs):
        pledge = self.context["pledge"]
        if "reward_tier" in attrs:
            attrs["reward_tier"] = _tier_of(attrs["reward_tier"], pledge.campaign_key)
        tier = attrs.get("reward_tier", pledge.reward_tier)
        _check_amount(attrs.get("amount", pledge.net_amount), tier)
        return attrs


PLEDGE_RESPONSE = inline_serializer(
    "Pledge",
    {
        "id": serializers.IntegerField(),
        "status": serializers.ChoiceField(choices=PledgeStatus.choices),
        "amount": serializers.IntegerField(help_text="euro cents"),
        "amount_display": serializers.CharField(help_text="the amount in the request's language"),
        "currency": serializers.CharField(),
        "matched": serializers.IntegerField(help_text="euro cents added by match funds"),
        "matched_display": serializers.CharField(help_text="in the request's language"),
        "campaign": serializers.IntegerField(),
        "reward_tier": serializers.IntegerField(allow_null=True),
        "anonymous": serializers.BooleanField(),
        "hide_amount": serializers.BooleanField(),
        "client_secret": serializers.CharField(
            help_text="for Stripe.js, while pending: a SetupIntent's to save the card, or a "
            "PaymentIntent's when the bank asks for 3-D Secure"
        ),
        "token": serializers.UUIDField(help_text="lets a guest backer read and change it"),
    },
)


def pledge_data(pledge):
    waiting = pledge.status in (PledgeStatus.PENDING, PledgeStatus.REQUIRES_ACTION)
    return {
        "id": pledge.pk,
        "status": pledge.status,
        "amount": pledge.net_amount,
        "amount_display": format_money(pledge.net_amount),
        "currency": pledge.currency,
        "matched": pledge.matched_amount,
        "matched_display": format_money(pledge.matched_amount),
        "campaign": pledge.campaign_id,
        "reward_tier": pledge.reward_tier_id,
        "anonymous": pledge.anonymous,
        "hide_amount": pledge.hide_amount,
        "client_secret": pledge.client_secret if waiting else "",
        "token": str(pledge.token),
    }


def _refused(error):
    return Response({"errors": {error.field: [error.message]}}, status=error.status)


def _guard_body(request):
    """Bodies are small JSON documents; anything else is refused before it is parsed."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAXIMUM_BODY_BYTES:
        raise ValidationError({NON_FIELD: [_("The request body is too large.")]})
    if length and not request.content_type.startswith("application/json"):
        raise ValidationError({NON_FIELD: [_("Send the pledge as JSON (application/json).")]})


class PledgeRateThrottle(ScopedRateThrottle):
    """Pledges per member, or per client address for guests, counted in the shared cache: a
    pledge waiting for its card holds a limited place, so nobody may open them by the dozen.

    The rate is read when a request comes rather than when DRF is imported, so a changed
    setting applies to the throttle as it does to everything else."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class PledgeListView(APIView):
    """Make a pledge. With `payment_method`, the card is confirmed at once on the server;
    without, `client_secret` is a SetupIntent's for Stripe.js's confirmCardSetup, after which
    a flexible pledge is charged by POST /api/v1/pledges/<id>/pay/."""

    parser_classes = [JSONParser]
    throttle_classes = [PledgeRateThrottle]
    throttle_scope = "pledges"

    def throttled(self, request, wait):
        minutes = max(1, math.ceil((wait or 0) / 60))
        error = Throttled(
            detail=_(
                "You have made too many pledges in a short time: try again in %(minutes)s min."
            )
            % {"minutes": minutes}
        )
        error.wait = wait  # DRF's handler turns it into a Retry-After header
        raise error

    @extend_schema(request=PledgeCreateSerializer, responses={201: PLEDGE_RESPONSE})
    def post(self, request):
        _guard_body(request)
        serializer = PledgeCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = request.user if request.user.is_authenticated else None
        pledge_request = pledging.PledgeRequest(
            campaign=data["campaign"],
            amount=data["amount"],
            email=data.get("email") or user.email,
            name=(data.get("name") or "").strip() or user.display_name,
            language=_language(),
            reward_tier=data["reward_tier"],
            backer=user,
            anonymous=data["anonymous"],
            hide_amount=data["hide_amount"],
            payment_method=data.get("payment_method", ""),
        )
        try:
            pledge = pledging.create_pledge(pledge_request)
        except pledging.PledgeRefused as error:
            return _refused(error)
        tax_gifts.record(pledge, data["tax_gift"])
        return Response(pledge_data(pledge), status=status.HTTP_201_CREATED)


def _language():
    language = translation.get_language() or "fr"
    return language if language in ("fr", "nl", "de", "en") else "fr"


def owns(request, pledge):
    """The backer's account, or whoever holds the pledge's token (given in the 201 answer and
    in the receipt's link): guests need no session."""
    user = request.user
    if user.is_authenticated and pledge.backer_id == user.pk:
        return True
    token = request.headers.get("X-Pledge-Token") or request.GET.get("token")
    return bool(token) and token == str(pledge.token)


class PledgeDetailView(APIView):
    """The owner's pledge: read it, change its amount, tier or privacy, or cancel it."""

    parser_classes = [JSONParser]

    def get_pledge(self, request, pk):
        """Someone else's pledge and an unknown id answer the same 403: ids reveal nothing."""
        pledge = Pledge.objects.select_related("reward_tier").filter(pk=pk).first()
        if pledge is None or not owns(request, pledge):
            raise PermissionDenied(_("This pledge is not yours."))
        return pledge

    @extend_schema(responses={200: PLEDGE_RESPONSE})
    def get(self, request, pk):
        pledge = self.get_pledge(request, pk)
        try:
            pledge = pledging.sync_with_stripe(pledge)
        except payments.PaymentError as error:
            # The stored state is still true, only perhaps behind Stripe's: show it.
            logger.warning("Could not read pledge %s back from Stripe: %s", pledge.pk, error)
        return Response(pledge_data(pledge))

    @extend_schema(request=PledgeChangeSerializer, responses={200: PLEDGE_RESPONSE})
    def patch(self, request, pk):
        pledge = self.get_pledge(request, pk)
        _guard_body(request)
        serializer = PledgeChangeSerializer(
            data=request.data, context={"request": request, "pledge": pledge}
        )
        serializer.is_valid(raise_exception=True)
        try:
            pledge = pledging.change_pledge(pledge, by=request.user, **serializer.validated_data)
        except pledging.PledgeRefused as error:
            return _refused(error)
        return Response(pledge_data(pledge))

    @extend_schema(request=None, responses={200: PLEDGE_RESPONSE})
    def delete(self, request, pk):
        pledge = self.get_pledge(request, pk)
        try:
            pledge = pledging.cancel_pledge(pledge, by=request.user)
        except pledging.PledgeRefused as error:
            return _refused(error)
        return Response(pledge_data(pledge))


PLAN_LINES = inline_serializer(
    "FinancingSource",
    {
        "kind": serializers.ChoiceField(choices=SourceKind.choices),
        "kind_display": serializers.CharField(),
        "label": serializers.CharField(),
        "amount": serializers.IntegerField(help_text="euro cents; a match fund's: at most"),
        "amount_display": serializers.CharField(),
        "status": serializers.ChoiceField(choices=SourceStatus.choices),
        "status_display": serializers.CharField(),
        "so_far": serializers.IntegerField(
            allow_null=True,
            help_text="euro cents: raised by the crowd, or unlocked of a match fund so far",
        ),
        "so_far_display": serializers.CharField(allow_null=True),
        "conditional": serializers.BooleanField(
            help_text="a match fund that adds its money only if the goal is reached"
        ),
        "match_fund": serializers.IntegerField(allow_null=True),
    },
    many=True,
)
FINANCING_PLAN = inline_serializer(
    "FinancingPlan",
    {
        "total_budget": serializers.IntegerField(allow_null=True, help_text="euro cents"),
        "total_budget_display": serializers.CharField(allow_null=True),
        "sources_total": serializers.IntegerField(help_text="euro cents"),
        "sources_total_display": serializers.CharField(),
        "secured": serializers.IntegerField(help_text="euro cents of granted sources"),
        "secured_display": serializers.CharField(),
        "gap": serializers.IntegerField(
            allow_null=True, help_text="budget minus sources; negative beyond the budget"
        ),
        "gap_display": serializers.CharField(allow_null=True),
        "sources": PLAN_LINES,
    },
    allow_null=True,
)
CAMPAIGN_RESPONSE = inline_serializer(
    "Campaign",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
        "language": serializers.CharField(),
        "status": serializers.CharField(),
        "funding_model": serializers.CharField(),
        "starts_at": serializers.DateTimeField(),
        "deadline": serializers.DateTimeField(),
        "goal": serializers.IntegerField(help_text="euro cents"),
        "goal_display": serializers.CharField(),
        "raised": serializers.IntegerField(help_text="euro cents from the crowd"),
        "raised_display": serializers.CharField(),
        "matched": serializers.IntegerField(help_text="euro cents added by match funds"),
        "matched_display": serializers.CharField(),
        "backers": serializers.IntegerField(),
        "financing_plan": FINANCING_PLAN,
    },
)


def campaign_data(campaign, request):
    plan = plan_of(campaign)
    return {
        "id": campaign.pk,
        "title": campaign.title,
        "url": campaign.get_full_url(request),
        "language": campaign.locale.language_code,
        "status": campaign.status,
        "funding_model": campaign.funding_model,
        "starts_at": serializers.DateTimeField().to_representation(campaign.starts_at),
        "deadline": serializers.DateTimeField().to_representation(campaign.deadline),
        "goal": campaign.goal,
        "goal_display": format_money(campaign.goal),
        "raised": campaign.raised,
        "raised_display": format_money(campaign.raised),
        "matched": campaign.matched,
        "matched_display": format_money(campaign.matched),
        "backers": campaign.backers,
        "financing_plan": plan.as_api_dict() if plan else None,
    }


class CampaignDetailView(APIView):
    """A live campaign's figures and whole financing plan, amounts in the request's language."""

    @extend_schema(responses={200: CAMPAIGN_RESPONSE})
    def get(self, request, pk):
        campaign = CampaignPage.objects.live().public().select_related("locale").filter(pk=pk)
        campaign = campaign.first()
        if campaign is None:
            raise NotFound(_("Unknown campaign."))
        return Response(campaign_data(campaign, request))


class PledgePayView(PledgeDetailView):
    """A flexible pledge made without a card: once Stripe.js has saved the card on the
    pledge's SetupIntent, charge it. Answers `requires_action` with the PaymentIntent's client
    secret when the bank asks for 3-D Secure."""

    http_method_names = ["post", "options"]

    @extend_schema(request=None, responses={200: PLEDGE_RESPONSE, 402: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        pledge = self.get_pledge(request, pk)
        try:
            pledge = pledging.charge_saved_card(pledge)
        except pledging.PledgeRefused as error:
            return _refused(error)
        return Response(pledge_data(pledge))
