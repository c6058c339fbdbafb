"""Forms of the public campaign pages."""

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


class PlainTextField(forms.CharField):
    """Text as typed, with any HTML taken out (it is shown and e-mailed as plain text)."""

    def to_python(self, value):
        return strip_tags(super().to_python(value)).strip()


class UpdateForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=160)
    body = PlainTextField(
        label=_("Text"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text: it is e-mailed to every backer of the project."),
    )
