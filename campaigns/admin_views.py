"""Admin for operators: their campaigns' pledges (list, filters, CSV), refunds, match funds.

Each operator's staff see only what hangs in their own section; platform admins see all.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from campaigns import pledging
from campaigns.models import MatchFund, Pledge, PledgeStatus
from portal import walls
from portal.formatting import format_money
from portal.walls import SectionPermissionPolicy, WalledViewSetMixin


class PledgePolicy(SectionPermissionPolicy):
    """Any staff of the campaign's operator sees its pledges; only platform admins change them."""

    roles = {"view": walls.EDITOR}


class MatchFundPolicy(SectionPermissionPolicy):
    """Staff see their operators' pots; moderators add, change and delete them."""

    roles = {
        "view": walls.EDITOR,
        "add": walls.MODERATOR,
        "change": walls.MODERATOR,
        "delete": walls.MODERATOR,
    }


class PledgeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "reward_tier")


def _refund_link(pledge):
    if pledge.status != PledgeStatus.PAID:
        return ""
    return format_html(
        '<a href="{}">{}</a>', reverse("campaigns_refund", args=[pledge.pk]), _("Refund")
    )


class PledgeViewSet(WalledViewSetMixin, ModelViewSet):
    model = Pledge
    icon = "tag"
    menu_label = gettext_lazy("Pledges")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = PledgeIndexView
    list_display = [
        "__str__",
        "name",
        "email",
        Column(
            "amount",
            label=gettext_lazy("Amount"),
            accessor=lambda pledge: format_money(pledge.amount),
            sort_key="amount",
        ),
        "status",
        "created_at",
        Column("refund", label=gettext_lazy("Refund"), accessor=_refund_link),
    ]
    list_filter = ["status", "funding_model", "created_at"]
    list_export = [
        "id",
        "campaign",
        "name",
        "email",
        "language",
        "amount",
        "refunded_amount",
        "matched_amount",
        "currency",
        "status",
        "reward_tier",
        "anonymous",
        "created_at",
    ]
    export_filename = "pledges"
    search_fields = ["email", "name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["anonymous", "hide_amount"]


class MatchFundForm(WagtailAdminModelForm):
    """Moderators put pots on their own operator, for their own campaigns, only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "operator" in self.fields:
            self.fields["operator"].queryset = walls.sections_of(user, walls.MODERATOR)
        if "campaigns" in self.fields:
            self.fields["campaigns"].queryset = walls.within_sections(
                self.fields["campaigns"].queryset, user, walls.MODERATOR
            )


class MatchFundViewSet(WalledViewSetMixin, ModelViewSet):
    model = MatchFund
    icon = "pick"
    menu_label = gettext_lazy("Match funds")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "name",
        "operator",
        Column("total", label=gettext_lazy("Pot"), accessor=lambda fund: format_money(fund.total)),
        "ratio_label",
        "active",
    ]
    list_filter = ["active"]
    copy_view_enabled = False

    @cached_property
    def edit_handler(self):
        return ObjectList(MatchFund.panels, base_form_class=MatchFundForm)


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount to refund (EUR)"), min_value=0.01, decimal_places=2
    )

    def __init__(self, *args, pledge, **kwargs):
        super().__init__(*args, **kwargs)
        self.pledge = pledge
        self.fields["amount"].initial = pledge.net_amount / 100

    def clean_amount(self):
        cents = int(self.cleaned_data["amount"] * 100)
        if cents > self.pledge.net_amount:
            raise forms.ValidationError(_("You cannot refund more than was paid."))
        return cents


def refund_view(request, pk):
    """A moderator of the campaign's operator refunds all or part of a paid pledge."""
    pledge = get_object_or_404(Pledge.objects.select_related("campaign"), pk=pk)
    if not walls.is_staff(request.user, pledge, walls.MODERATOR):
        raise PermissionDenied
    if pledge.status != PledgeStatus.PAID:
        messages.error(request, _("Only paid pledges can be refunded."))
        return redirect("campaigns_pledge:index")
    form = RefundForm(request.POST or None, pledge=pledge)
    if request.method == "POST" and form.is_valid():
        try:
            pledging.refund_pledge(pledge.pk, form.cleaned_data["amount"], by=request.user)
        except pledging.PledgeRefused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The refund has been made."))
            return redirect("campaigns_pledge:index")
    return TemplateResponse(
        request,
        "wagtailadmin/generic/form.html",
        {
            "form": form,
            "page_title": _("Refund pledge #%(id)s") % {"id": pledge.pk},
            "header_icon": "tag",
            "action_url": reverse("campaigns_refund", args=[pledge.pk]),
            "submit_button_label": _("Refund"),
        },
        status=400 if form.errors else 200,
    )
