"""Admin for operators: their campaigns' pledges (list, filters, CSV), refunds, match funds.

Each operator's staff see only what hangs in their own section; platform admins see all.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
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
from wagtail.permission_policies.base import BasePermissionPolicy

from campaigns import pledging
from campaigns.models import MatchFund, Pledge, PledgeStatus
from portal.models import OperatorPage
from portal.operators import is_moderator_of, operator_pages_for


def _sections_q(user, field):
    """Rows whose page `field` lies in one of the user's operator sections."""
    condition = Q(pk__in=[])
    for path in operator_pages_for(user).values_list("path", flat=True):
        condition |= Q(**{f"{field}__path__startswith": path})
    return condition


def _moderates_any(user):
    return (
        user.is_superuser
        or operator_pages_for(user)
        .filter(moderators_group_id__in=user.groups.values_list("pk", flat=True))
        .exists()
    )


class OperatorStaffPolicy(BasePermissionPolicy):
    """Staff of any operator may view; moderators may change; rows are walled by section."""

    section_field = "campaign"
    change_actions = {"change"}
    moderator_actions = set()

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        if action == "view":
            return operator_pages_for(user).exists()
        if action in self.moderator_actions:
            return _moderates_any(user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        if user.is_superuser:
            return self.model.objects.all()
        return self.model.objects.filter(_sections_q(user, self.section_field))

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_any_permission_for(user, [action])
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


class PledgePolicy(OperatorStaffPolicy):
    section_field = "campaign"


class MatchFundPolicy(OperatorStaffPolicy):
    section_field = "operator"
    moderator_actions = {"add", "change", "delete"}

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model.objects.none()
        if user.is_superuser:
            return self.model.objects.all()
        return self.model.objects.filter(
            operator__translation_key__in=operator_pages_for(user).values("translation_key")
        )


class WalledIndexView(generic.IndexView):
    def get_base_queryset(self):
        policy = self.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ["view"])


class WalledInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        walled = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        return get_object_or_404(walled, pk=self.pk)


class PledgeIndexView(WalledIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "reward_tier")


def _refund_link(pledge):
    if pledge.status != PledgeStatus.PAID:
        return ""
    return format_html(
        '<a href="{}">{}</a>', reverse("campaigns_refund", args=[pledge.pk]), _("Refund")
    )


class PledgeViewSet(ModelViewSet):
    model = Pledge
    icon = "tag"
    menu_label = gettext_lazy("Pledges")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = PledgeIndexView
    inspect_view_class = WalledInspectView
    list_display = [
        "__str__",
        "name",
        "email",
        "amount",
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
    """Moderators put pots on their own operator only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "operator" in self.fields:
            self.fields["operator"].queryset = OperatorPage.objects.filter(
                pk__in=operator_pages_for(user).filter(
                    moderators_group_id__in=user.groups.values_list("pk", flat=True)
                )
            )


class MatchFundViewSet(ModelViewSet):
    model = MatchFund
    icon = "pick"
    menu_label = gettext_lazy("Match funds")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = WalledIndexView
    list_display = ["name", "operator", "total", "ratio_label", "active"]
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
    if not is_moderator_of(request.user, pledge.campaign):
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
