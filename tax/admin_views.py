"""Operators manage their beneficiaries in the admin and run their attestations there.

Everything is walled through portal.walls: staff see the beneficiaries and attestations of
their own operator; moderators add and change beneficiaries, run the year's attestations and
download the Belcotax file and the PDFs (they carry national numbers in full, as the filing
needs them). Another operator's rows are a 404.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import walls
from tax import attestations, belcotax, pdf
from tax.models import Attestation, Beneficiary


class BeneficiaryPolicy(walls.SectionPermissionPolicy):
    roles = {
        "view": walls.EDITOR,
        "add": walls.MODERATOR,
        "change": walls.MODERATOR,
        "delete": walls.MODERATOR,
    }


class AttestationPolicy(walls.SectionPermissionPolicy):
    """Attestations are issued by the yearly run, never written by hand."""

    roles = {"view": walls.MODERATOR}


class BeneficiaryForm(WagtailAdminModelForm):
    """A beneficiary belongs to one of the user's own operators (its French original)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "operator" in self.fields:
            self.fields["operator"].queryset = walls.sections_of(
                self.for_user, walls.MODERATOR
            ).filter(alias_of__isnull=True, locale__language_code="fr")


def _run_link(beneficiary):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("tax_run_attestations", args=[beneficiary.pk]),
        _("Attestations"),
    )


class WalledChoicesMixin:
    """The campaign editor's beneficiary chooser offers the user's own operators' only."""

    def get_object_list(self):
        return walls.within_sections(super().get_object_list(), self.request.user)


class BeneficiaryChooseView(WalledChoicesMixin, ChooseView):
    pass


class BeneficiaryChooseResultsView(WalledChoicesMixin, ChooseResultsView):
    pass


class BeneficiaryChosenView(SnippetChosenView):
    def get_object(self, pk):
        beneficiary = super().get_object(pk)
        if not walls.is_staff(self.request.user, beneficiary):
            raise Http404
        return beneficiary


class BeneficiaryChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return walls.within_sections(super().get_objects(pks), self.request.user)


class BeneficiaryChooserViewSet(SnippetChooserViewSet):
    choose_view_class = BeneficiaryChooseView
    choose_results_view_class = BeneficiaryChooseResultsView
    chosen_view_class = BeneficiaryChosenView
    chosen_multiple_view_class = BeneficiaryChosenMultipleView


class BeneficiaryViewSet(walls.WalledViewSetMixin, SnippetViewSet):
    model = Beneficiary
    chooser_viewset_class = BeneficiaryChooserViewSet
    icon = "doc-full"
    menu_label = gettext_lazy("Beneficiaries")
    menu_order = 270
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "legal_name",
        "enterprise_number",
        "operator",
        "approval_reference",
        "approved_from",
        "approved_until",
        Column("run", label=gettext_lazy("Tax attestations"), accessor=_run_link),
    ]
    search_fields = ["legal_name", "enterprise_number"]
    search_backend_name = None

    @cached_property
    def edit_handler(self):
        return ObjectList(Beneficiary.panels, base_form_class=BeneficiaryForm)

    def get_queryset(self, request):
        return Beneficiary.objects.select_related("operator")


def _pdf_link(attestation):
    return format_html(
        '<a href="{}">PDF</a>', reverse("tax_attestation_pdf", args=[attestation.pk])
    )


class AttestationViewSet(walls.WalledViewSetMixin, ModelViewSet):
    model = Attestation
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Tax attestations")
    menu_order = 271
    add_to_admin_menu = True
    add_view_enabled = False
    edit_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "__str__",
        "beneficiary",
        "year",
        "number",
        "amount",
        "corrects",
        "replaced_at",
        "sent_at",
        Column("pdf", label="PDF", accessor=_pdf_link),
    ]
    list_filter = ["year"]
    form_fields = []


class RunForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the gifts"), min_value=2000, max_value=2100
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: show what would be issued, save nothing"), required=False
    )


def _walled(request, model, pk):
    obj = get_object_or_404(model, pk=pk)
    if not walls.is_staff(request.user, obj, walls.MODERATOR):
        raise Http404
    return obj


def run_view(request, pk):
    """A moderator issues the year's attestations of one of their beneficiaries."""
    beneficiary = _walled(request, Beneficiary, pk)
    form = RunForm(
        request.POST or None, initial={"year": timezone.localdate().year - 1, "dry_run": True}
    )
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        report = attestations.run_for(beneficiary, year, dry_run=form.cleaned_data["dry_run"])
        summary = _(
            "%(year)s: %(issued)s issued, %(corrected)s corrected, %(unchanged)s unchanged."
        ) % {
            "year": year,
            "issued": len(report.issued),
            "corrected": len(report.corrected),
            "unchanged": report.unchanged,
        }
        if form.cleaned_data["dry_run"]:
            summary = _("Dry run, nothing saved. %(summary)s") % {"summary": summary}
        messages.success(request, summary)
        return redirect("tax_run_attestations", pk=beneficiary.pk)
    year = timezone.localdate().year - 1
    return TemplateResponse(
        request,
        "tax/admin/run.html",
        {
            "form": form,
            "beneficiary": beneficiary,
            "page_title": _("Tax attestations of %(name)s") % {"name": beneficiary.legal_name},
            "header_icon": "doc-full",
            "action_url": reverse("tax_run_attestations", args=[beneficiary.pk]),
            "submit_button_label": _("Run"),
            "years": range(year - 2, year + 2),
            "approved": beneficiary.approved_from is not None,
        },
        status=400 if form.errors else 200,
    )


def belcotax_view(request, pk):
    """The Belcotax-on-web XML file of a beneficiary's year (?year=2026)."""
    beneficiary = _walled(request, Beneficiary, pk)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    response = HttpResponse(belcotax.build(beneficiary, year), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{belcotax.filename(beneficiary, year)}"'
    )
    return response


def attestation_pdf_view(request, pk):
    attestation = _walled(request, Attestation, pk)
    response = HttpResponse(pdf.render_pdf(attestation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(attestation)}"'
    return response
