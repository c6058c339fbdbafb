"""The site's forms for project holders: propose a campaign, edit it, post and edit updates.

Amounts are typed in euros (`portal.euros.EurosField`) and cleaned to cents; the rules on what
may change, and when, live in `projects.services`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.images.fields import WagtailImageField
from wagtail.models import Locale

from campaigns.models import FundingModel
from lab.ideas import plain_text
from portal.euros import EurosField
from portal.models import Category, OperatorPage, Territory
from projects.models import ProposalTerms
from projects.services import MAX_DURATION_DAYS, MIN_DURATION_DAYS
from projects.video import validate_video_url

COVER_MAX_BYTES = 5 * 1024 * 1024
COVER_FORMATS = {"jpeg", "png", "webp"}
MAX_TIERS = 12
MAX_BUDGET_LINES = 20
GOAL_MIN_CENTS = 100
GOAL_MAX_CENTS = 10_000_000 * 100


def check_cover(image_file):
    """Wagtail's checks of an uploaded image, then ours: JPEG, PNG or WebP of 5 MB at most.

    Returns the file; raises ValidationError in the visitor's language.
    """
    if image_file.size > COVER_MAX_BYTES:
        raise ValidationError(_("The image is too big: 5 MB at most."), code="file_size")
    image_file = WagtailImageField().clean(image_file)
    image_format = (getattr(image_file, "image", None) and image_file.image.format_name) or ""
    if image_format.lower() not in COVER_FORMATS:
        raise ValidationError(_("Send a JPEG, PNG or WebP image."), code="file_format")
    image_file.seek(0)
    return image_file


def in_default_locale(snippet):
    """Category and territory as the campaign's original (default locale) points at them."""
    if snippet is None:
        return None
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    return snippet.get_translation_or_none(default) or snippet


def operator_choices():
    """The sections taking proposals, in the visitor's language."""
    originals = ProposalTerms.objects.filter(accepts_proposals=True).values(
        "operator__translation_key"
    )
    return OperatorPage.objects.filter(
        live=True, locale=Locale.get_active(), translation_key__in=originals
    ).order_by("title")


def _localized(model):
    return model.objects.filter(locale=Locale.get_active()).order_by("name")


class ProjectForm(forms.Form):
    """What a campaign says about itself; the proposal adds its operator and money."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One or two sentences for the campaign's card."),
    )
    story = forms.CharField(
        label=gettext_lazy("Story"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy("Paragraphs separated by an empty line; bold, italics and links."),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.none(), required=False
    )
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Territory"), queryset=Territory.objects.none(), required=False
    )
    cover_image = forms.FileField(
        label=gettext_lazy("Cover image"),
        required=False,
        help_text=gettext_lazy("JPEG, PNG or WebP, 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    cover_alt = forms.CharField(
        label=gettext_lazy("Description of the image"),
        max_length=250,
        required=False,
        help_text=gettext_lazy("What the image shows, for people who cannot see it."),
    )
    video_url = forms.CharField(
        label=gettext_lazy("Video link"),
        max_length=500,
        required=False,
        validators=[validate_video_url],
        help_text=gettext_lazy("A YouTube, Vimeo or PeerTube link."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _localized(Category)
        self.fields["territory"].queryset = _localized(Territory)

    def clean_title(self):
        title = plain_text(self.cleaned_data["title"])
        if len(title) < 3:
            raise ValidationError(_("Give your campaign a title of at least three characters."))
        return title

    def clean_summary(self):
        summary = plain_text(self.cleaned_data["summary"])
        if not summary:
            raise ValidationError(_("Tell in a sentence or two what your project is."))
        return summary

    def clean_cover_image(self):
        image_file = self.cleaned_data.get("cover_image")
        return check_cover(image_file) if image_file else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not cleaned.get("cover_alt", "").strip():
            self.add_error("cover_alt", _("Describe the image for people who cannot see it."))
        for field in ("category", "territory"):
            if cleaned.get(field) is not None:
                cleaned[field] = in_default_locale(cleaned[field])
        return cleaned


class DraftForm(ProjectForm):
    """Before the campaign is live, its money may change too."""

    goal = EurosField(
        label=gettext_lazy("Goal (EUR)"), min_cents=GOAL_MIN_CENTS, max_cents=GOAL_MAX_CENTS
    )
    funding_model = forms.ChoiceField(
        label=gettext_lazy("Funding model"), choices=FundingModel.choices
    )
    duration_days = forms.IntegerField(
        label=gettext_lazy("Duration (days)"),
        min_value=MIN_DURATION_DAYS,
        max_value=MAX_DURATION_DAYS,
        initial=30,
        help_text=gettext_lazy("60 days at most, counted from the moderator's approval."),
    )


class ProposalForm(DraftForm):
    operator = forms.ModelChoiceField(
        label=gettext_lazy("Operator"),
        queryset=OperatorPage.objects.none(),
        help_text=gettext_lazy("The organisation that will moderate and publish your campaign."),
    )

    field_order = ["operator"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = operator_choices()


class TierForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=gettext_lazy("Reward"), max_length=120)
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minimum_amount = EurosField(
        label=gettext_lazy("Minimum pledge (EUR)"), min_cents=100, max_cents=GOAL_MAX_CENTS
    )
    limit = forms.IntegerField(
        label=gettext_lazy("Places"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=gettext_lazy("Leave empty for an unlimited tier."),
    )
    estimated_delivery = forms.DateField(
        label=gettext_lazy("Estimated delivery"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_title(self):
        return plain_text(self.cleaned_data["title"])


class BudgetLineForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Expense"), max_length=200)
    amount = EurosField(label=gettext_lazy("Amount (EUR)"), min_cents=0, max_cents=GOAL_MAX_CENTS)

    def clean_label(self):
        return plain_text(self.cleaned_data["label"])


TierFormSet = forms.formset_factory(
    TierForm, extra=1, max_num=MAX_TIERS, validate_max=True, can_delete=False
)
BudgetFormSet = forms.formset_factory(
    BudgetLineForm, extra=1, max_num=MAX_BUDGET_LINES, validate_max=True
)


def filled(formset):
    """The rows a person filled in: a formset's empty extra rows are not errors."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data]
