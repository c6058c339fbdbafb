"""The member's forms: public profile, notification settings, a pledge's change."""

import io
from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from PIL import Image, ImageOps, UnidentifiedImageError

from members.models import EventKind, Frequency, PublicProfile
from portal.models import Territory

AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_FORMATS = {"JPEG", "PNG", "WEBP"}
AVATAR_SIZE = 256


def avatar_rendition(upload):
    """The uploaded picture, checked, cropped to a square and re-encoded as a small JPEG (which
    also drops what the camera wrote in it, such as the place it was taken)."""
    if upload.size > AVATAR_MAX_BYTES:
        raise forms.ValidationError(_("The picture is too large: 2 MB at most."))
    try:
        image = Image.open(upload)
        image_format = image.format
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise forms.ValidationError(_("This file is not a picture we can read.")) from error
    if image_format not in AVATAR_FORMATS:
        raise forms.ValidationError(_("Send a JPEG, PNG or WebP picture."))
    square = ImageOps.fit(ImageOps.exif_transpose(image).convert("RGB"), (AVATAR_SIZE,) * 2)
    output = io.BytesIO()
    square.save(output, "JPEG", quality=85)
    return SimpleUploadedFile("avatar.jpg", output.getvalue(), content_type="image/jpeg")


class PublicProfileForm(forms.ModelForm):
    avatar = forms.FileField(label=_("Avatar"), required=False)
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    class Meta:
        model = PublicProfile
        fields = [
            "is_public",
            "display_name",
            "slug",
            "bio",
            "territory",
            "expertise",
            "show_pledges",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"slug": _("Letters, digits and hyphens: your profile's address.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.filter(
            locale=Locale.get_active()
        ).order_by("name")
        self.order_fields(["is_public", "display_name", "slug", "avatar", "remove_avatar"])

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or None
        if slug and slug.isdigit():
            raise forms.ValidationError(_("An address needs at least one letter."))
        return slug

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        return avatar_rendition(upload) if upload else None

    def save(self, commit=True):
        profile = super().save(commit=False)
        if self.cleaned_data.get("remove_avatar"):
            profile.avatar.delete(save=False)
        elif self.cleaned_data.get("avatar"):
            profile.avatar.delete(save=False)
            profile.avatar.save("avatar.jpg", self.cleaned_data["avatar"], save=False)
        if commit:
            profile.save()
        return profile


class NotificationSettingsForm(forms.Form):
    """One choice per kind of event."""

    def __init__(self, *args, initial_settings, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in EventKind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Frequency.choices,
                initial=initial_settings[kind],
                widget=forms.RadioSelect,
            )


class PledgeChangeForm(forms.Form):
    """A pledge's new amount (in euros) and reward; checked by the pledge API's own rules."""

    amount_eur = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=Decimal("1"), max_digits=9, decimal_places=2
    )
    reward_tier = forms.TypedChoiceField(
        label=_("Reward"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reward_tier"].choices = [("", _("No reward"))] + [
            (tier.pk, f"{tier.title} (≥ {tier.minimum_amount / 100:.2f} EUR)") for tier in tiers
        ]

    def changes(self):
        return {
            "amount": int(self.cleaned_data["amount_eur"] * 100),
            "reward_tier": self.cleaned_data["reward_tier"],
        }
