"""Tell holders what moderators decided, and launch a proposed campaign when it first goes live."""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published, workflow_approved, workflow_rejected

from projects.models import Project
from projects.tasks import send_holder_email


def _project(workflow_state):
    """The project of the campaign under moderation, if the page is a member's campaign."""
    if not str(workflow_state.object_id).isdigit():
        return None
    return (
        Project.objects.filter(campaign_id=int(workflow_state.object_id))
        .select_related("holder", "campaign")
        .first()
    )


def notify_holder(project, template, extra=None):
    if project.holder is None or not project.holder.email:
        return
    transaction.on_commit(
        partial(
            send_holder_email.enqueue, project.holder_id, template, project.campaign_id, extra or {}
        )
    )


@receiver(page_published)
def launch_proposed_campaign(sender, instance, **kwargs):
    if instance._meta.label == "campaigns.CampaignPage" and instance.alias_of_id is None:
        from projects.services import launch

        launch(instance)


@receiver(workflow_approved)
def tell_holder_of_approval(sender, instance, user=None, **kwargs):
    project = _project(instance)
    if project is None:
        return
    approvals = project.campaign.workflow_states.filter(status=instance.STATUS_APPROVED).count()
    first = approvals <= 1
    notify_holder(project, "project_approved" if first else "changes_approved")


@receiver(workflow_rejected)
def tell_holder_of_rejection(sender, instance, user=None, **kwargs):
    project = _project(instance)
    if project is None:
        return
    comment = instance.current_task_state.comment if instance.current_task_state else ""
    template = "changes_rejected" if project.campaign.live else "project_rejected"
    notify_holder(project, template, {"comment": comment})
