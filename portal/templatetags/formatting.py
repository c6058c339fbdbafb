"""Money, numbers and dates in the active language (portal.formatting), for every template:
`{{ pledge.amount|euros }}`, `{{ hours|number }}`, `{{ deadline|long_date }}`."""

from django import template

from portal import formatting

register = template.Library()


@register.filter
def euros(cents):
    """Euro cents as the active language writes euros: "1 234,50 €", "€1,234.50", "25 €"."""
    return formatting.format_money(cents)


@register.filter
def number(value, decimals=None):
    """A number with the active language's separators: `{{ hours|number }}`, `|number:1`."""
    return formatting.format_number(value, decimals=None if decimals is None else int(decimals))


@register.filter
def long_date(value):
    """A date in full: "3 décembre 2026", "3. Dezember 2026", "December 3, 2026"."""
    return formatting.format_date(value)
