"""projects in the admin (each operator's proposal terms, behind its walls) and in the hooks
that My Maillon and the GDPR export and erasure read."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal import walls
from projects.models import Project, ProposalTerms, RewardDelivery


class ProposalTermsPolicy(walls.SectionPermissionPolicy):
    """An operator's moderators say whether their section takes proposals; editors may look."""

    roles = {"view": walls.EDITOR, "add": walls.MODERATOR, "change": walls.MODERATOR}


register_permission_policy(ProposalTerms, ProposalTermsPolicy(ProposalTerms), exact_class=True)


class ProposalTermsForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        # Terms hang on the section's original, the copy every language shares.
        self.fields["operator"].queryset = walls.sections_of(for_user, walls.MODERATOR).filter(
            alias_of__isnull=True, locale__language_code="fr"
        )
        for name in ("categories", "territories"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(locale__language_code="fr")
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)

    class Meta:
        model = ProposalTerms
        fields = ["operator", "accepts_proposals", "categories", "territories", "guidelines"]


class ProposalTermsViewSet(walls.WalledViewSetMixin, ModelViewSet):
    model = ProposalTerms
    form_class = ProposalTermsForm
    icon = "doc-full-inverse"
    menu_label = _("Campaign proposals")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["operator", "accepts_proposals"]
    copy_view_enabled = False
    inspect_view_enabled = False
    name = "projects_terms"

    def get_form_class(self, for_update=False):
        return ProposalTermsForm


@hooks.register("register_admin_viewset")
def register_terms_viewset():
    return ProposalTermsViewSet()


@hooks.register("register_my_maillon_link")
def my_projects_link(request):
    if not request.user.is_authenticated:
        return None
    return {"url": reverse("projects_mine"), "label": _("My projects"), "order": 20}


@hooks.register("register_member_data_export")
def export_projects(user):
    projects = Project.objects.filter(holder=user).select_related("campaign", "operator")
    deliveries = RewardDelivery.objects.filter(marked_by=user)
    return {
        "projects": [
            {
                "campaign": project.campaign.title,
                "operator": project.operator.title,
                "language": project.language,
                "video_url": project.video_url,
                "duration_days": project.duration_days,
                "budget_lines": project.budget_lines,
                "proposed_at": project.proposed_at.isoformat(),
                "launched_at": project.launched_at.isoformat() if project.launched_at else None,
            }
            for project in projects
        ],
        "reward_deliveries_marked": [
            {"pledge": delivery.pledge_id, "delivered_at": delivery.delivered_at.isoformat()}
            for delivery in deliveries
        ],
    }


@hooks.register("register_member_erase")
def erase_projects(user):
    # The campaigns are the operators' published pages: they stay, without their holder.
    Project.objects.filter(holder=user).update(holder=None)
    RewardDelivery.objects.filter(marked_by=user).update(marked_by=None)
