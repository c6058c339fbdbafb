from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(cents):
    """Cents as euros in the active language's number format: 2 500 €, 2.500 €, €2,500."""
    if cents in (None, ""):
        return ""
    amount = int(cents) / 100
    decimals = 0 if int(cents) % 100 == 0 else 2
    return f"{number_format(amount, decimals, use_l10n=True, force_grouping=True)} €"
