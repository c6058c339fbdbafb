from django import forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.models import User


class FormRenderer(TemplatesSetting):
    """Every site form the same accessible way (templates/forms/): an error summary at the top
    linking to each field, each error beside its field and tied to it by Django's
    `aria-describedby` and `aria-invalid`."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


class HoneypotInput(forms.TextInput):
    """Off screen and hidden from screen readers (templates/forms/field.html): only a bot fills
    it in."""

    honeypot = True

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


def honeypot_field():
    return forms.CharField(label=_("Leave this field empty"), required=False, widget=HoneypotInput)


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup()` after creating the user)."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = translation.get_language()

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["first_name", "last_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


class ContactForm(forms.Form):
    """A message to the platform's team, or to one operator's moderators."""

    operator = forms.ModelChoiceField(
        label=_("Recipient"),
        queryset=None,
        required=False,
        empty_label=_("Maillon's team"),
    )
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"))
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=5000)
    # The honeypot: hidden from people (and screen readers), filled in by bots.
    website = honeypot_field()

    def __init__(self, *args, locale, **kwargs):
        from portal.models import OperatorPage

        super().__init__(*args, **kwargs)
        self.fields["operator"].queryset = (
            OperatorPage.objects.live().public().filter(locale=locale).order_by("title")
        )


class DeleteAccountForm(forms.Form):
    """The member confirms with their password, or, without one, by typing their e-mail address."""

    confirmation = forms.CharField(strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["confirmation"]
        if user.has_usable_password():
            field.label = _("Your password")
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            field.label = _("Type your e-mail address")
            field.widget = forms.EmailInput(attrs={"autocomplete": "off"})

    def clean_confirmation(self):
        typed = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(typed):
                raise forms.ValidationError(_("This is not your password."))
        elif typed.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not your e-mail address."))
        return typed
