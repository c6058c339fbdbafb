"""The deductible-gift part of a campaign's pledge form, and what a gift costs after tax."""

from django import template
from django.utils import timezone

from tax import gifts
from tax.models import TaxProfile

register = template.Library()

EXAMPLE_GIFT = 10_000  # "your 100 € gift costs you 55 € after tax"


@register.inclusion_tag("tax/gift_offer.html", takes_context=True)
def deductible_gift_offer(context, campaign):
    beneficiary = gifts.deductible_beneficiary(campaign)
    if beneficiary is None:
        return {"beneficiary": None}
    year = timezone.localdate().year
    user = context.get("user")
    profile = None
    if user is not None and user.is_authenticated:
        profile = TaxProfile.objects.filter(user=user).first()
    return {
        "beneficiary": beneficiary,
        "rate": gifts.reduction_rate(year),
        "year": year,
        "example": EXAMPLE_GIFT // 100,
        "example_cost": (gifts.cost_after_tax(EXAMPLE_GIFT, year) or 0) // 100,
        "profile": profile,
        "user": user,
    }
