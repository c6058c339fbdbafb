"""Deductible gifts at pledge time: who may give one, what it costs after tax, and the donor's
details checked and kept (the one place the pledge API calls).

A pledge is a deductible gift when the campaign's beneficiary (one of the campaign's own
operator's beneficiaries) is approved on the pledge's date and the pledge takes no reward: a
gift with a counterpart gives no right to the reduction. The donor gives first and last name,
full address and national register number, once per member (kept in their tax details) or with
each guest pledge.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from tax.identifiers import normalize_national_number
from tax.models import GiftDeclaration, TaxProfile

FIELD = "tax_receipt"
IDENTITY_FIELDS = ("first_name", "last_name", "street", "postcode", "city", "country")


def beneficiary_of(campaign):
    """The campaign's beneficiary, if it is one of the campaign's own operator's."""
    beneficiary = campaign.beneficiary
    if beneficiary is None:
        return None
    if beneficiary.operator.translation_key != campaign.get_parent().translation_key:
        return None
    return beneficiary


def deductible_beneficiary(campaign, reward_tier=None, day=None):
    """The approved beneficiary a gift to this campaign would be deductible with, or None."""
    if reward_tier is not None:
        return None
    beneficiary = beneficiary_of(campaign)
    day = day or timezone.localdate()
    if beneficiary is None or not beneficiary.is_approved_on(day):
        return None
    return beneficiary


def reduction_rate(year):
    """The tax reduction for gifts of `year`, in percent, or None when not set."""
    return settings.TAX_REDUCTION_RATES.get(year)


def cost_after_tax(cents, year):
    """What a gift of `cents` costs the donor once the reduction is applied (cents), or None."""
    rate = reduction_rate(year)
    if rate is None:
        return None
    return cents - cents * rate // 100


class TaxDetailsSerializer(serializers.Serializer):
    """The donor's details for the attestation; the number is never sent back."""

    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    street = serializers.CharField(max_length=200)
    postcode = serializers.CharField(max_length=12)
    city = serializers.CharField(max_length=100)
    country = serializers.RegexField(r"^[A-Za-z]{2}$", default="BE", max_length=2)
    national_number = serializers.CharField(max_length=20, write_only=True)

    def validate_country(self, value):
        return value.upper()

    def validate_national_number(self, value):
        try:
            return normalize_national_number(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None


@dataclass
class GiftRequest:
    beneficiary: object
    identity: dict
    national_number: str
    save_for: object = None  # the member whose kept details these become


def _errors(detail):
    """Nested field errors flattened to the API's shape: {"tax_receipt.city": [...]}."""
    if isinstance(detail, dict):
        return {f"{FIELD}.{name}": messages for name, messages in detail.items()}
    return {FIELD: detail}


def check_request(data, campaign, reward_tier, user):
    """The tax part of a pledge request, checked; None when no deductible gift is asked.

    `data` is the `tax_receipt` object of the payload: the donor's details, or `{}` for a
    member whose details are kept. Raises a DRF ValidationError (a 400) otherwise.
    """
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValidationError({FIELD: [_("Give your tax details as an object.")]})
    beneficiary = deductible_beneficiary(campaign, reward_tier)
    if beneficiary is None:
        message = (
            _("A pledge with a reward is not a deductible gift: choose no reward.")
            if reward_tier is not None and deductible_beneficiary(campaign)
            else _("Gifts to this campaign do not give a tax reduction.")
        )
        raise ValidationError({FIELD: [message]})
    member = user if user is not None and user.is_authenticated else None
    if not data and member is not None:
        profile = TaxProfile.objects.filter(user=member).first()
        if profile is None:
            raise ValidationError(
                {FIELD: [_("Give your tax details once: they are kept for your next gifts.")]}
            )
        identity = {name: getattr(profile, name) for name in IDENTITY_FIELDS}
        return GiftRequest(beneficiary, identity, profile.national_number)
    serializer = TaxDetailsSerializer(data=data)
    if not serializer.is_valid():
        raise ValidationError(_errors(serializer.errors))
    details = dict(serializer.validated_data)
    number = details.pop("national_number")
    return GiftRequest(beneficiary, details, number, save_for=member)


def record(pledge, gift):
    """Store the gift's declaration (and, for a member, keep the details for next time)."""
    if gift is None:
        return None
    if gift.save_for is not None:
        save_profile(gift.save_for, gift.identity, gift.national_number)
    declaration = GiftDeclaration(pledge=pledge, beneficiary=gift.beneficiary, **gift.identity)
    declaration.national_number = gift.national_number
    declaration.save()
    return declaration


def save_profile(user, identity, national_number):
    profile = TaxProfile.objects.filter(user=user).first() or TaxProfile(user=user)
    for name, value in identity.items():
        setattr(profile, name, value)
    profile.national_number = national_number
    profile.save()
    return profile
