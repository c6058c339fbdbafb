"""Tell members what moderators decided about their ideas, in the members' own language."""

from django.dispatch import receiver

from wagtail.signals import page_published, workflow_approved, workflow_rejected

from lab.models import LabBriefPage
from lab.notifications import notify


def _proposed_brief(workflow_state):
    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    if isinstance(page, LabBriefPage) and page.proposed_by_id:
        return page
    return None


@receiver(workflow_approved)
def tell_proposer_of_approval(sender, instance, user=None, **kwargs):
    brief = _proposed_brief(instance)
    if brief:
        notify(brief.proposed_by, "idea_approved", brief=brief)


@receiver(workflow_rejected)
def tell_proposer_of_rejection(sender, instance, user=None, **kwargs):
    brief = _proposed_brief(instance)
    if brief:
        reason = instance.current_task_state.comment if instance.current_task_state else ""
        notify(brief.proposed_by, "idea_rejected", extra={"reason": reason}, brief=brief)


@receiver(page_published)
def tell_followers_of_graduated_brief(sender, instance, **kwargs):
    if instance._meta.label == "campaigns.CampaignPage":
        from lab.graduation import tell_followers_campaign_is_live

        tell_followers_campaign_is_live(instance)
