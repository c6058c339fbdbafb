import html

from django.core import mail

import pytest

from campaigns.models import CampaignPage
from lab.models import BriefGraduation, LabBriefPage
from members.follows import follow_key
from members.follows import followers as followers_of
from members.models import Target
from portal.translation import translate
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.lab import TeamApplicationFactory
from tests.lab.conftest import client_for
from tests.lab.test_models import BRIEF_NL

pytestmark = pytest.mark.django_db


def graduate_url(brief):
    return f"/admin/lab/briefs/{brief.pk}/graduate/"


def test_moderator_graduates_a_brief_into_a_draft_campaign(client, operator, brief, role):
    owner = MemberFactory(first_name="Zoé")
    LabBriefPage.objects.filter(pk=brief.pk).update(proposed_by=owner)
    TeamApplicationFactory(role=role, status="accepted", member=MemberFactory(first_name="Théo"))
    dutch = translate(LabBriefPage.objects.get(pk=brief.pk), "nl", BRIEF_NL)
    moderator = client_for(staff_of(operator, "moderator"))
    edit_page = moderator.get(f"/admin/pages/{brief.pk}/edit/").content.decode()
    assert graduate_url(brief) in edit_page
    assert "Théo" in moderator.get(graduate_url(brief)).content.decode()

    response = moderator.post(graduate_url(brief))

    assert response.status_code == 302
    campaign = CampaignPage.objects.get(locale=brief.locale)
    assert response["Location"] == f"/admin/pages/{campaign.pk}/edit/"
    assert not campaign.live
    assert campaign.get_parent().pk == operator.pk
    assert campaign.title == brief.title
    assert campaign.summary == brief.summary
    assert campaign.category_id == brief.category_id
    assert campaign.territory_id == brief.territory_id
    assert campaign.project_holder == owner
    assert campaign.goal == 250_000
    assert campaign.body.get_prep_value() == brief.challenge.get_prep_value()
    assert BriefGraduation.objects.get(brief=brief).campaign == campaign
    statuses = set(
        LabBriefPage.objects.filter(translation_key=brief.translation_key).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"graduated"}
    brief_page = html.unescape(client.get(brief.url).content.decode())
    assert "sa campagne de financement est en préparation" in brief_page
    assert "Devenu campagne" in brief_page
    assert client.get(dutch.url).status_code == 200
    assert moderator.post(graduate_url(brief)).status_code == 409
    assert CampaignPage.objects.filter(locale=brief.locale).count() == 1


def test_graduation_is_for_the_sections_moderators_only(operator, other_operator, brief):
    for user in (staff_of(operator, "editor"), staff_of(other_operator, "moderator")):
        client = client_for(user)
        assert client.post(graduate_url(brief)).status_code in (302, 403)
    assert not CampaignPage.objects.exists()
    assert LabBriefPage.objects.get(pk=brief.pk).status == "open"


def test_a_brief_without_budget_cannot_graduate(operator, brief):
    LabBriefPage.objects.filter(pk=brief.pk).update(budget=None)
    response = client_for(staff_of(operator, "moderator")).post(graduate_url(brief))
    assert response.status_code == 409
    assert not CampaignPage.objects.exists()


def test_followers_are_told_once_when_the_campaign_goes_live(
    client, operator, brief, django_capture_on_commit_callbacks
):
    followers = [MemberFactory(preferred_language=code) for code in ("fr", "de")]
    for follower in followers:
        follow_key(follower, Target.BRIEF, brief.translation_key)
    moderator = staff_of(operator, "moderator")
    client_for(moderator).post(graduate_url(brief))
    campaign = CampaignPage.objects.get(locale=brief.locale)
    assert set(followers_of(Target.CAMPAIGN, campaign.translation_key)) == set(followers)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision(user=moderator).publish(user=moderator)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f.email for f in followers)
    german = next(m for m in mail.outbox if m.to == [followers[1].email])
    assert "Die Kampagne ist online" in german.subject
    with django_capture_on_commit_callbacks(execute=True):
        campaign.save_revision(user=moderator).publish(user=moderator)
    assert len(mail.outbox) == 2

    brief_page = html.unescape(client.get(brief.url).content.decode())
    assert campaign.url in brief_page
    assert "devenu une campagne" in brief_page or campaign.title in brief_page


def test_campaign_page_shows_its_origin_and_advice(client, operator, brief, role):
    TeamApplicationFactory(role=role, status="accepted", member=MemberFactory(first_name="Théo"))
    moderator = staff_of(operator, "moderator")
    client_for(moderator).post(graduate_url(brief))
    campaign = CampaignPage.objects.get(locale=brief.locale)
    campaign.save_revision(user=moderator).publish(user=moderator)
    client_for(MemberFactory()).post(
        "/api/v1/advice/", {"page": campaign.pk, "comment": "Bravo !"}, "application/json"
    )
    page = html.unescape(client.get(campaign.url).content.decode())
    assert brief.url in page
    assert "Théo" in page
    assert "Bravo !" in page


def test_a_graduated_brief_leaves_search_in_every_language(client, operator, brief):
    dutch = translate(LabBriefPage.objects.get(pk=brief.pk), "nl", BRIEF_NL)
    LabBriefPage.objects.get(pk=brief.pk).save_revision().publish()

    def titles(lang, q):
        response = client.get("/api/v1/search/", {"q": q, "lang": lang, "kind": "brief"})
        return [result["title"] for result in response.json()["results"]]

    assert titles("fr", "potager") == [brief.title]
    assert titles("nl", "moestuin") == [dutch.title]

    moderator = client_for(staff_of(operator, "moderator"))
    assert moderator.post(graduate_url(brief)).status_code == 302

    assert titles("fr", "potager") == []
    assert titles("nl", "moestuin") == []
    assert titles("fr", "moestuin") == []
