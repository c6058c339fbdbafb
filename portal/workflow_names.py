"""Workflow and task names as people read them in Wagtail's moderation e-mails: in their language.

`create_operator()` names an operator's workflow "Nest'up — moderation" and its task
"Nest'up — approval by moderators", which is what staff see in the admin's workflow lists. Wagtail's
notification e-mails print those names inside sentences translated into the recipient's
language, so a French editor would read half an English sentence. The notifiers below hand the
templates a label translated at render time instead, built from the operator's name, and render
each e-mail in the recipient's preferred language (unless their admin profile names another).
"""

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from portal.models import OperatorPage


def _operator_name(**section_filters):
    """The operator's name: the title of its section's original, in the default language."""
    section = OperatorPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, **section_filters
    ).first()
    return section.title if section else None


def _label(message, operator):
    """The lazy `message` with the operator's name, translated when the e-mail is rendered."""
    return lazy(lambda: str(message) % {"operator": operator}, str)()


def workflow_label(workflow):
    operator = _operator_name(workflow=workflow)
    if operator is None:
        return workflow.name
    return _label(gettext_lazy("moderation by %(operator)s’s team"), operator)


def task_label(task):
    groups = getattr(task.specific, "groups", None)
    operator = _operator_name(moderators_group__in=groups.all()) if groups is not None else None
    if operator is None:
        return task.name
    return _label(gettext_lazy("approval by %(operator)s’s moderators"), operator)


class _Named:
    """A workflow or task whose `name` is the translated label; everything else is its own."""

    def __init__(self, instance, name):
        self._instance = instance
        self.name = name

    def __getattr__(self, attribute):
        return getattr(self._instance, attribute)

    def __str__(self):
        return str(self.name)


class TranslatedNamesMixin:
    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        if "workflow" in context:
            context["workflow"] = _Named(context["workflow"], workflow_label(context["workflow"]))
        if "task" in context:
            context["task"] = _Named(context["task"], task_label(context["task"]))
        return context

    def send_notifications(self, template_set, context, recipients, **kwargs):
        # Wagtail renders in the admin profile's language, else in the active one: make the
        # active one the recipient's, not that of the moderator whose click sent the e-mail.
        sent = True
        for recipient in recipients:
            language = getattr(recipient, "preferred_language", "") or translation.get_language()
            with translation.override(language):
                sent = self.send_emails(template_set, context, [recipient], **kwargs) and sent
        return sent


class TaskSubmissionNotifier(TranslatedNamesMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmissionNotifier(TranslatedNamesMixin, WorkflowStateSubmissionEmailNotifier):
    pass


class WorkflowRejectionNotifier(TranslatedNamesMixin, WorkflowStateRejectionEmailNotifier):
    pass


class WorkflowApprovalNotifier(TranslatedNamesMixin, WorkflowStateApprovalEmailNotifier):
    pass


# Wagtail's dispatch_uids (wagtail.admin.signal_handlers): one notifier per signal, ours.
NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        TaskSubmissionNotifier(),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmissionNotifier(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowRejectionNotifier(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowApprovalNotifier(),
    ),
]


def replace_wagtail_notifiers():
    """Put ours in the place of Wagtail's, whichever app's ready() runs first: a receiver
    already connected under a dispatch_uid makes a later connect() with that uid a no-op."""
    for signal, sender, dispatch_uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
