"""The campaign editor's financing plan panel: its match fund choices stay within the walls."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, Panel

from modelcluster.forms import BaseChildFormSet

from portal import walls


class FinancingSourceForm(WagtailAdminModelForm):
    """A line of the plan names a match fund of the editor's own operators, or one covering a
    campaign of their sections (the Region's pot on a local project): never another
    operator's unrelated pots. The fund already chosen stays selectable."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("match_fund")
        user = self.for_user
        if field is None or user is None:
            return
        from campaigns.models import CampaignPage

        campaigns = walls.within_sections(CampaignPage.objects.all(), user, walls.EDITOR)
        field.queryset = (
            field.queryset.filter(
                Q(operator__in=walls.sections_of(user, walls.EDITOR))
                | Q(campaigns__in=campaigns)
                | Q(pk=self.instance.match_fund_id)
            )
            .distinct()
            .order_by("name")
        )


class FinancingSourceFormSet(BaseChildFormSet):
    """A match fund line names a fund that covers this campaign (in any of its languages)."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:  # a new campaign: no fund can name it yet
            return
        for form in self.forms:
            fund = getattr(form, "cleaned_data", {}).get("match_fund")
            if fund is None or self._should_delete_form(form):
                continue
            if not fund.campaigns.filter(translation_key=self.instance.translation_key).exists():
                form.add_error("match_fund", _("This match fund does not cover this campaign."))


class FinancingSourcesPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(
            form=FinancingSourceForm, formset=FinancingSourceFormSet, inherit_kwargs=["for_user"]
        )
        return options


class FinancingPlanSummaryPanel(Panel):
    """The saved plan's sources against its budget: a gap is shown to the editor, not refused."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/financing_plan_summary.html"

        def get_context_data(self, parent_context=None):
            from campaigns.financing import plan_of

            context = super().get_context_data(parent_context)
            context["plan"] = plan_of(self.instance) if self.instance.pk else None
            return context
