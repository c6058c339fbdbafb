"""My Maillon: a member's kept tax details and their attestations (PDF), theirs alone."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tax import gifts, pdf
from tax.identifiers import normalize_national_number
from tax.models import Attestation, TaxProfile


class TaxDetailsForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=100)
    street = forms.CharField(label=gettext_lazy("Street and number"), max_length=200)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=12)
    city = forms.CharField(label=gettext_lazy("City"), max_length=100)
    country = forms.RegexField(
        label=gettext_lazy("Country (ISO code)"), regex=r"^[A-Za-z]{2}$", initial="BE"
    )
    national_number = forms.CharField(
        label=gettext_lazy("National register number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if profile is None:
            self.fields["national_number"].required = True
        else:
            self.fields["national_number"].help_text = _(
                "Kept: %(masked)s. Leave empty to keep it."
            ) % {"masked": profile.masked_national_number}

    def clean_country(self):
        return self.cleaned_data["country"].upper()

    def clean_national_number(self):
        value = self.cleaned_data["national_number"]
        if not value:
            return ""
        try:
            return normalize_national_number(value)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


@login_required
def tax_details(request):
    """The member's tax details, asked once for deductible gifts; the number is shown masked."""
    profile = TaxProfile.objects.filter(user=request.user).first()
    initial = {name: getattr(profile, name) for name in gifts.IDENTITY_FIELDS} if profile else {}
    form = TaxDetailsForm(request.POST or None, initial=initial, profile=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("national_number") or profile.national_number
        gifts.save_profile(request.user, data, number)
        messages.success(request, _("Your tax details have been saved."))
        return redirect("tax:details")
    return render(
        request,
        "tax/details.html",
        {"form": form, "profile": profile},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def delete_tax_details(request):
    TaxProfile.objects.filter(user=request.user).delete()
    messages.success(request, _("Your tax details have been deleted."))
    return redirect("tax:details")


@login_required
def attestation_list(request):
    attestations = (
        Attestation.objects.filter(user=request.user)
        .select_related("beneficiary", "corrects")
        .order_by("-year", "beneficiary__legal_name", "number")
    )
    return render(request, "tax/attestations.html", {"attestations": attestations})


@login_required
def attestation_pdf(request, token):
    """The donor's own attestation; anyone else's (or an unknown one) is a 404."""
    attestation = (
        Attestation.objects.select_related("beneficiary", "corrects")
        .filter(token=token, user=request.user)
        .first()
    )
    if attestation is None:
        raise Http404
    response = HttpResponse(pdf.render_pdf(attestation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(attestation)}"'
    return response
