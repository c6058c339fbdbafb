import html

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from lab.ideas import IDEAS_PER_DAY
from lab.models import LabBriefPage
from members.models import Follow, Target
from tests.factories import MemberFactory
from tests.lab.conftest import client_for

pytestmark = pytest.mark.django_db

PROPOSE = "/fr/lab/propose/"
IDEA = {
    "title": "Un frigo solidaire à Jambes",
    "kind": "idea",
    "summary": "Un frigo partagé où déposer les invendus du marché.",
    "challenge": "Il faut un lieu abrité.\n\nEt une équipe pour le nettoyer chaque semaine.",
    "website": "",
}


def propose(client, **changes):
    return client.post(PROPOSE, {**IDEA, **changes})


def moderate(moderator, page, action, comment=""):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, action, state.current_task_state_id],
    )
    return client_for(moderator).post(url, {"comment": comment})


def test_anonymous_visitor_is_sent_to_log_in(client, community):
    response = client.get(PROPOSE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_proposal_is_a_hidden_draft_in_moderation(client, member, member_client, community):
    response = propose(member_client)
    assert response.status_code == 302
    page = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    assert page.get_parent().pk == community.pk
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert page.challenge[0].value.source == (
        "<p>Il faut un lieu abrité.</p><p>Et une équipe pour le nettoyer chaque semaine.</p>"
    )
    assert Follow.objects.filter(
        member=member, target=Target.BRIEF, key=str(page.translation_key)
    ).exists()
    assert client.get(f"/fr/communaute/{page.slug}/").status_code == 404
    assert page.pk not in LabBriefPage.objects.open().values_list("pk", flat=True)
    listing = html.unescape(member_client.get("/fr/lab/my-ideas/").content.decode())
    assert "Un frigo solidaire à Jambes" in listing
    assert "En attente d'un modérateur" in listing


def test_moderators_queue_shows_who_proposed_it(member, member_client, community_moderator):
    member.first_name, member.last_name = "Aline", "Dupont"
    member.save()
    propose(member_client)
    dashboard = client_for(community_moderator).get("/admin/").content.decode()
    assert "Un frigo solidaire à Jambes" in dashboard
    assert "Aline Dupont" in dashboard


def test_approval_publishes_and_tells_the_member_in_their_language(
    client, member, member_client, community_moderator, django_capture_on_commit_callbacks
):
    member.preferred_language = "nl"
    member.save()
    propose(member_client)
    page = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(community_moderator, page, "approve")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Uw idee staat online" in mail.outbox[0].subject


def test_rejection_tells_the_reason_and_shows_it(
    member, member_client, community_moderator, django_capture_on_commit_callbacks
):
    propose(member_client)
    page = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(community_moderator, page, "reject", "Précisez le lieu, svp.")
    page.refresh_from_db()
    assert not page.live
    assert "Précisez le lieu, svp." in mail.outbox[-1].body
    assert "pas été retenue" in mail.outbox[-1].subject
    listing = html.unescape(member_client.get("/fr/lab/my-ideas/").content.decode())
    assert "Précisez le lieu, svp." in listing


def test_script_event_handlers_and_javascript_links_do_not_survive(
    member, member_client, community_moderator, django_capture_on_commit_callbacks
):
    attack = (
        '<script>alert("x")</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(2)">clic</a> '
        '<a href="https://maillon.be" onclick="evil()">ok</a>'
    )
    response = propose(
        member_client,
        title='Idée <script>alert("x")</script><img src=x onerror=alert(1)>',
        summary=f"Résumé {attack}",
        challenge=attack,
    )
    assert response.status_code == 302
    page = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    stored = " ".join([page.title, page.summary, page.challenge[0].value.source])
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "<img"):
        assert forbidden not in stored.lower()
    assert '<a href="https://maillon.be">ok</a>' in page.challenge[0].value.source
    with django_capture_on_commit_callbacks(execute=True):
        moderate(community_moderator, page, "approve")
    page.refresh_from_db()
    rendered = member_client.get(page.url).content.decode().lower()
    for forbidden in ("<script>alert", "onerror", "onclick", "javascript:"):
        assert forbidden not in rendered


def test_honeypot_drops_the_proposal(member, member_client, community):
    response = propose(member_client, website="http://spam.example")
    assert response.status_code == 302
    assert not LabBriefPage.objects.filter(proposed_by=member).exists()


def test_rate_limit_stops_the_sixth_idea_of_the_day(member, member_client, community):
    for n in range(IDEAS_PER_DAY):
        assert propose(member_client, title=f"Idée numéro {n}").status_code == 302
    response = propose(member_client, title="Une de trop", headers={"accept-language": "fr"})
    assert response.status_code == 429
    assert "revenez demain" in html.unescape(response.content.decode())
    assert LabBriefPage.objects.filter(proposed_by=member, alias_of__isnull=True).count() == 5


@pytest.mark.parametrize(
    "changes",
    [{"title": ""}, {"summary": "   "}, {"summary": "x" * 100_000}, {"challenge": "y" * 100_000}],
)
def test_empty_or_huge_texts_are_refused(member, member_client, community, changes):
    response = propose(member_client, **changes)
    assert response.status_code == 400
    assert not LabBriefPage.objects.filter(proposed_by=member).exists()


def test_form_speaks_the_four_languages(member_client, community):
    for code, words in {
        "fr": "Proposer une idée",
        "nl": "Een idee voorstellen",
        "de": "Eine Idee vorschlagen",
        "en": "Propose an idea",
    }.items():
        assert words in html.unescape(member_client.get(f"/{code}/lab/propose/").content.decode())


def test_api_proposal_and_state(member, community, community_moderator):
    client = client_for(member)
    response = client.post(
        "/api/v1/ideas/",
        {"title": "Des bancs au parc", "kind": "need", "summary": "Il manque des bancs."},
        "application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "in_moderation"
    page = LabBriefPage.objects.get(pk=response.json()["id"])
    moderate(community_moderator, page, "reject", "Doublon.")
    listed = client.get("/api/v1/ideas/").json()["results"]
    assert [(row["state"], row["reason"]) for row in listed] == [("rejected", "Doublon.")]
    anonymous = client_for(MemberFactory())
    assert anonymous.get("/api/v1/ideas/").json()["results"] == []


def test_api_refuses_empty_summary_in_german(member, community):
    response = client_for(member).post(
        "/api/v1/ideas/",
        {"title": "Bänke", "kind": "need", "summary": " "},
        "application/json",
        headers={"accept-language": "de"},
    )
    assert response.status_code == 400
    assert "summary" in response.json()["errors"]
    assert not LabBriefPage.objects.exists()
