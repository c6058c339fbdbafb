"""Amounts are stored in euro cents and typed in euros, everywhere people type them.

`parse_euros` reads what people write ("12", "12.5", "12,50", "1 250,00"); `EurosField` is the
form field of the site's forms (it cleans to cents); `EurosInput` is the widget the admin's
panels put on the cents columns of the models (it shows and reads euros, hands cents on).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EUROS = re.compile(r"^\d{1,9}([.,]\d{1,2})?$")


def parse_euros(value):
    """Cents (int) for a euro amount as typed, or None when it is not one."""
    if isinstance(value, int | Decimal):
        text = str(value)
    else:
        text = str(value or "").strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not EUROS.match(text):
        return None
    cents = (Decimal(text.replace(",", ".")) * 100).quantize(Decimal("1"), ROUND_HALF_UP)
    return int(cents)


def format_euros(cents):
    """ "12.50" for 1250, "12" for 1200: the value an euros input shows."""
    if cents in (None, ""):
        return ""
    cents = int(cents)
    euros, rest = divmod(cents, 100)
    return f"{euros}.{rest:02d}" if rest else str(euros)


class EurosField(forms.Field):
    """A euro amount typed by a person, cleaned to integer cents."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Enter an amount in euros, such as 25 or 12.50."),
        "min_value": _("The amount must be at least %(limit)s EUR."),
        "max_value": _("The amount must be at most %(limit)s EUR."),
    }

    def __init__(self, *, min_cents=None, max_cents=None, **kwargs):
        self.min_cents, self.max_cents = min_cents, max_cents
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_euros(value) if isinstance(value, int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        cents = parse_euros(value)
        if cents is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return cents

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_cents is not None and value < self.min_cents:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_euros(self.min_cents)},
            )
        if self.max_cents is not None and value > self.max_cents:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_euros(self.max_cents)},
            )


class EurosInput(forms.TextInput):
    """The admin's input for a cents column: shows euros, hands the model field cents.

    What is not an amount in euros is handed on as typed, so the integer field refuses it with
    its own error rather than storing a guess.
    """

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return format_euros(int(value))
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        typed = super().value_from_datadict(data, files, name)
        if typed in (None, ""):
            return typed
        cents = parse_euros(typed)
        return str(cents) if cents is not None else typed
