"""Money fields: integer euro cents in the database, euros (with cents) in every form."""

from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class EurosFormField(forms.DecimalField):
    """Typed in euros ("1250", "1250,50" or "1250.50"), cleaned to a whole number of cents."""

    default_error_messages = {
        "invalid": _("Give an amount in euros, such as 1250 or 1250,50."),
        "min_value": _("An amount cannot be negative."),
        "max_decimal_places": _("Give at most two decimals (cents)."),
        "max_digits": _("This amount is too large."),
        "max_whole_digits": _("This amount is too large."),
    }

    def __init__(self, **kwargs):
        # The model field's own limits are in cents: the form states them in euros.
        kwargs.pop("min_value", None)
        kwargs.pop("max_value", None)
        kwargs.pop("max_digits", None)
        kwargs.pop("decimal_places", None)
        super().__init__(min_value=Decimal(0), max_digits=12, decimal_places=2, **kwargs)
        self.widget.attrs.setdefault("step", "0.01")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
            value = value.replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        euros = super().clean(value)
        return None if euros is None else int(euros * 100)

    def prepare_value(self, value):
        """Cents from the database are shown in euros; what the user typed is shown as typed."""
        if isinstance(value, int) and not isinstance(value, bool):
            return (Decimal(value) / 100).quantize(CENT)
        return value

    def has_changed(self, initial, data):
        try:
            cents = self.clean(data)
        except forms.ValidationError:
            return True
        return (initial if initial not in ("",) else None) != cents


class EuroCentsField(models.PositiveBigIntegerField):
    """A non-negative amount of euro cents, edited in euros."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EurosFormField, **kwargs})
