"""Money, numbers and dates as each of the site's languages writes them, following CLDR (Babel).

The one place where an amount becomes text: pages, e-mails, the admin, the audit log and the
API's `*_display` fields all call it, in the reader's language (the active one by default).

    format_money(123450, "fr") == "1\u202f234,50\xa0€"   (narrow no-break space, CLDR)
    format_money(123450, "nl") == "€\xa01.234,50"
    format_money(123450, "de") == "1.234,50\xa0€"
    format_money(123450, "en") == "€1,234.50"

Whole amounts drop their cents: goals, budgets, totals and most pledges are whole euros, and
"2 500 €" reads better than "2 500,00 €" on a page or in an e-mail. An amount with cents always
shows both digits ("25,50 €"), never "25,5 €". The rule is the same everywhere, so one amount
reads the same on the page, in the e-mail and in the API.

The language is the site's: "fr", "nl", "de", "en" (CLDR's generic locales, not the Belgian
variants: en_BE would write "1.234,50 €", which no English reader expects).
"""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation

from babel import Locale, dates, numbers
from rest_framework import serializers

CURRENCY = "EUR"


def _locale(language=None):
    code = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    return Locale.parse(code)


def format_money(cents, language=None):
    """Euro cents as the language writes euros; whole euros without decimals. "" for None."""
    if cents in (None, ""):
        return ""
    cents = int(cents)
    locale = _locale(language)
    amount = Decimal(cents) / 100
    if cents % 100:
        return numbers.format_currency(amount, CURRENCY, locale=locale)
    pattern = numbers.parse_pattern(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern.apply(amount, locale, currency=CURRENCY, currency_digits=False)


def format_number(value, language=None, decimals=None):
    """A number with the language's grouping and decimal separators (2 decimals at most, or
    exactly `decimals`)."""
    if value in (None, ""):
        return ""
    locale = _locale(language)
    if decimals is None:
        return numbers.format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return numbers.format_decimal(value, format=pattern, locale=locale)


def format_date(value, language=None, length="long"):
    """A date (or the local date of a datetime): "3 décembre 2026", "3 December 2026"."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    assert isinstance(value, date)  # noqa: S101 - a programming error, not input
    return dates.format_date(value, format=length, locale=_locale(language))


def format_datetime(value, language=None, length="medium"):
    """A moment in the site's time zone: "3 déc. 2026, 14:30", "Dec 3, 2026, 2:30:00 PM"."""
    if value in (None, ""):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dates.format_datetime(value, format=length, locale=_locale(language))


class MoneyDisplayField(serializers.Field):
    """The API's `*_display` next to an amount in cents: the amount as the request's language
    writes it, for clients that show it as is."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return format_money(value)
