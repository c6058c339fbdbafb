"""Operator moderators verify experts in the admin; each sees only the experts it verified."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from lab.models import ExpertProfile
from portal.models import OperatorPage


def moderated_sections(user):
    """The French copies of the sections whose moderators group the user belongs to."""
    sections = OperatorPage.objects.filter(alias_of__isnull=True, locale__language_code="fr")
    if user.is_superuser:
        return sections
    return sections.filter(moderators_group__in=user.groups.all())


class ExpertPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and moderated_sections(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return moderated_sections(user).filter(pk=instance.verified_by_operator_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return ExpertProfile.objects.filter(verified_by_operator__in=moderated_sections(user))


register_permission_policy(ExpertProfile, ExpertPermissionPolicy(ExpertProfile), exact_class=True)


class ExpertProfileForm(WagtailAdminModelForm):
    member = forms.ModelChoiceField(
        label=_("member"), queryset=get_user_model().objects.filter(is_active=True)
    )

    class Meta:
        model = ExpertProfile
        fields = ["member", "domains", "verified_by_operator"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["verified_by_operator"].queryset = moderated_sections(for_user)


class VerifyingMixin:
    def get_queryset(self):
        return ExpertProfile.objects.filter(
            verified_by_operator__in=moderated_sections(self.request.user)
        ).select_related("member", "verified_by_operator")

    def save_instance(self):
        self.form.instance.verified_by = self.request.user
        return super().save_instance()


class ExpertIndexView(generic.IndexView):
    def get_base_queryset(self):
        return ExpertProfile.objects.filter(
            verified_by_operator__in=moderated_sections(self.request.user)
        ).select_related("member", "verified_by_operator")


class ExpertCreateView(VerifyingMixin, generic.CreateView):
    pass


class ExpertEditView(VerifyingMixin, generic.EditView):
    pass


class ExpertDeleteView(VerifyingMixin, generic.DeleteView):
    pass


class ExpertProfileViewSet(ModelViewSet):
    model = ExpertProfile
    form_class = ExpertProfileForm
    index_view_class = ExpertIndexView
    add_view_class = ExpertCreateView
    edit_view_class = ExpertEditView
    delete_view_class = ExpertDeleteView
    icon = "user"
    menu_label = _("Experts")
    add_to_admin_menu = True
    menu_order = 360
    list_display = ["member", "domains", "verified_by_operator", "verified_at"]
    search_fields = ["member__email", "member__first_name", "member__last_name", "domains"]
    name = "lab_experts"

    def get_form_class(self, for_update=False):
        return ExpertProfileForm
