from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def euros(cents):
    """Euro cents as the visitor's locale writes euros: 1 234,50 € in French, €1,234.50 in
    English (the symbol's place left to a plain suffix, which every language reads)."""
    if cents in (None, ""):
        return ""
    whole = int(cents) % 100 == 0
    value = int(cents) // 100 if whole else int(cents) / 100
    return f"{number_format(value, decimal_pos=0 if whole else 2, force_grouping=True)} €"
