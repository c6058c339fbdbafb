"""Operator moderators verify experts in the admin; each sees only the experts it verified."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from lab.models import ExpertProfile
from portal import walls


class ExpertPermissionPolicy(walls.SectionPermissionPolicy):
    """Only moderators vouch for experts, and only in their own operator's name."""

    roles = dict.fromkeys(["view", "add", "change", "delete"], walls.MODERATOR)


register_permission_policy(ExpertProfile, ExpertPermissionPolicy(ExpertProfile), exact_class=True)


class ExpertProfileForm(WagtailAdminModelForm):
    member = forms.ModelChoiceField(label=_("member"), queryset=walls.members())

    class Meta:
        model = ExpertProfile
        fields = ["member", "domains", "verified_by_operator"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # Experts are vouched for by the section's French original, the one every copy shares.
        self.fields["verified_by_operator"].queryset = walls.sections_of(
            for_user, walls.MODERATOR
        ).filter(alias_of__isnull=True, locale__language_code="fr")


class VerifyingMixin:
    def save_instance(self):
        self.form.instance.verified_by = self.request.user
        return super().save_instance()


class ExpertIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("member", "verified_by_operator")


class ExpertCreateView(VerifyingMixin, generic.CreateView):
    pass


class ExpertEditView(VerifyingMixin, generic.EditView):
    pass


class ExpertProfileViewSet(walls.WalledViewSetMixin, ModelViewSet):
    model = ExpertProfile
    form_class = ExpertProfileForm
    index_view_class = ExpertIndexView
    add_view_class = ExpertCreateView
    edit_view_class = ExpertEditView
    icon = "user"
    menu_label = _("Experts")
    add_to_admin_menu = True
    menu_order = 360
    list_display = ["member", "domains", "verified_by_operator", "verified_at"]
    search_fields = ["member__email", "member__first_name", "member__last_name", "domains"]
    name = "lab_experts"

    def get_form_class(self, for_update=False):
        return ExpertProfileForm
