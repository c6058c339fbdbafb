"""Moderation e-mails name the operator's workflow and task in the recipient's language."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from tests.conftest import staff_of
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

# The words of the names create_operator() stores: "Nest'up — moderation",
# "Nest'up — approval by moderators".
ENGLISH_WORDS = re.compile(r"\b(moderation|approval|by|moderators)\b", re.IGNORECASE)


def submit_and_reject(operator, editor, moderator):
    page = ContentPageFactory(parent=operator, title="Horaires d'été", slug="horaires")
    page.save_revision(user=editor)
    operator.get_workflow().start(page, editor)
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    client = Client()
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "reject", state.current_task_state_id],
    )
    response = client.post(url, {"comment": "Ajoutez les horaires du dimanche."})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(
    ("language", "workflow_name", "task_name"),
    [
        ("fr", "modération par l’équipe de Nest'up", "validation par les modérateurs de Nest'up"),
        ("de", "Prüfung durch das Team von Nest'up", "Freigabe durch die Moderatoren von Nest'up"),
    ],
)
def test_rejection_names_the_workflow_and_task_in_the_editors_language(
    operator, language, workflow_name, task_name
):
    editor = staff_of(operator, "editor")
    editor.preferred_language = language
    editor.save()
    moderator = staff_of(operator, "moderator")
    moderator.preferred_language = "en"
    moderator.save()
    mail.outbox.clear()

    submit_and_reject(operator, editor, moderator)

    [email] = [m for m in mail.outbox if m.to == [editor.email]]
    text = f"{email.subject}\n{email.body}"
    assert workflow_name in text
    assert task_name in text
    assert not ENGLISH_WORDS.findall(text), text


def test_moderators_hear_of_a_submission_in_their_own_language(operator):
    editor = staff_of(operator, "editor")
    moderator = staff_of(operator, "moderator")
    moderator.preferred_language = "de"
    moderator.save()
    page = ContentPageFactory(parent=operator, title="Horaires d'été", slug="horaires")
    page.save_revision(user=editor)
    mail.outbox.clear()

    operator.get_workflow().start(page, editor)

    [email] = [m for m in mail.outbox if m.to == [moderator.email]]
    assert "Freigabe durch die Moderatoren von Nest'up" in email.subject
    assert not ENGLISH_WORDS.findall(f"{email.subject}\n{email.body}")


def test_a_workflow_of_no_operator_keeps_its_name(operator):
    from portal.workflow_names import workflow_label

    workflow = operator.get_workflow()
    workflow.name = "Revue juridique"
    workflow.save()
    operator.workflow = None
    operator.save()
    # An operator's section page still points at the workflow in other languages: detach all.
    type(operator).objects.filter(workflow=workflow).update(workflow=None)
    assert workflow_label(workflow) == "Revue juridique"
