from django.utils import timezone

import pytest

from lab.models import LabBriefPage, VolunteerSignup
from portal.translation import translate
from tests.factories.lab import (
    LabBriefPageFactory,
    TeamApplicationFactory,
    VolunteerSignupFactory,
)

pytestmark = pytest.mark.django_db

BRIEF_NL = {
    "Un potager sur le toit": "Een moestuin op het dak",
    "potager-toit": "moestuin-dak",
    "Un jardin partagé pour le quartier.": "Een gedeelde tuin voor de wijk.",
    "Jardinier": "Tuinier",
    "Coordonner l'équipe.": "Het team coördineren.",
    "Quel substrat sur un toit plat ?": "Welk substraat op een plat dak?",
    "Nous cherchons un avis.": "We zoeken advies.",
    "Porter la terre": "De aarde dragen",
    "Aider à planter.": "Helpen planten.",
}


def test_admin_adds_briefs_under_an_operator_only(admin_client, operator):
    """What the admin's add view lets an editor create where, not the declarations restated."""
    home = operator.get_parent()
    add = "/admin/pages/add/lab/{}/{}/"
    assert admin_client.get(add.format("labbriefpage", operator.pk)).status_code == 200
    response = admin_client.get(add.format("labbriefpage", home.pk))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_open_lists_only_live_open_briefs(operator, brief):
    closed = LabBriefPageFactory(parent=operator, status=LabBriefPage.Status.CLOSED)
    draft = LabBriefPageFactory(parent=operator, live=False)
    open_ids = set(LabBriefPage.objects.open().values_list("pk", flat=True))
    assert brief.pk in open_ids
    assert closed.pk not in open_ids
    assert draft.pk not in open_ids


def test_needs_follow_counters(brief, task, role):
    assert brief.needs == ["team", "money", "knowledge", "acts"]
    for _i in range(5):
        VolunteerSignupFactory(task=task)
    for _i in range(2):
        TeamApplicationFactory(role=role, status="accepted")
    refreshed = LabBriefPage.objects.get(pk=brief.pk)
    assert refreshed.needs == ["money", "knowledge"]
    assert refreshed.counters.places_taken == 5
    assert refreshed.counters.team_filled == 2
    assert refreshed.operator_page.pk == brief.get_parent().pk


def test_translation_keeps_counters_and_synchronises_places(brief, task):
    VolunteerSignupFactory(task=task)
    VolunteerSignupFactory(task=task, status=VolunteerSignup.Status.WAITLISTED)
    dutch = translate(brief, "nl", BRIEF_NL)
    dutch_task = dutch.tasks.get()
    assert dutch_task.title == "De aarde dragen"
    assert dutch_task.places == task.places
    assert dutch_task.starts_at == task.starts_at
    assert dutch_task.original.pk == task.pk
    assert dutch.original.pk == brief.pk
    assert dutch.category_id == brief.category_id
    assert dutch.counters.places_taken == 1
    assert dutch.counters.tasks[task.translation_key].waitlisted == 1


def test_past_tasks_are_no_longer_a_need(brief, task):
    task.starts_at = timezone.now() - timezone.timedelta(days=2)
    task.ends_at = task.starts_at + timezone.timedelta(hours=1)
    task.save()
    assert "acts" not in LabBriefPage.objects.get(pk=brief.pk).needs
