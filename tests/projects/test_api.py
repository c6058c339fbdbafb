import datetime

from django.core import mail
from django.utils import timezone

import pytest

from campaigns.models import CampaignPage
from projects.models import Project
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.projects.conftest import PROPOSAL, client_for, moderate, png_file, propose

pytestmark = pytest.mark.django_db


def test_proposal_is_a_draft_in_the_operators_moderation(member, member_client, operator, terms):
    response = propose(member_client, operator)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "in_moderation"
    campaign = CampaignPage.objects.get(pk=body["id"])
    assert not campaign.live
    assert campaign.get_parent().pk == operator.pk
    assert campaign.project_holder == member
    assert campaign.goal == 250_000
    assert [t.minimum_amount for t in campaign.reward_tiers.all()] == [1000, 15050]
    assert "<script>" not in body["story"] and "<b>cinq</b>" in body["story"]
    project = Project.objects.get(campaign=campaign)
    assert project.budget_lines == [
        {"label": "Cuve", "amount": 200_000},
        {"label": "Malt", "amount": 50_000},
    ]
    assert campaign.current_workflow_state.status == "in_progress"
    assert client_for(MemberFactory()).get(f"/api/v1/me/projects/{campaign.pk}/").status_code == 404


def test_anonymous_is_401_and_unverified_is_403(client, operator, terms):
    assert propose(client, operator).status_code == 401
    unverified = MemberFactory(confirmed=False)
    unverified.save()
    response = propose(client_for(unverified), operator)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration_days": 61}, "duration_days"),
        ({"goal_eur": "12.345"}, "goal_eur"),
        ({"goal_eur": "0.5"}, "goal_eur"),
        ({"video_url": "https://evil.example.org/watch?v=dQw4w9WgXcQ"}, "video_url"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"title": "<b></b>"}, "title"),
        ({"funding_model": "equity"}, "funding_model"),
        ({"reward_tiers": [{"title": "Rien", "minimum_eur": "abc"}]}, "reward_tiers.0.minimum_eur"),
        ({"reward_tiers": "nope"}, "reward_tiers"),
        ({"operator": 2**70}, "operator"),
    ],
)
def test_bad_input_is_400_with_field_errors(member_client, operator, terms, changes, field):
    response = propose(member_client, operator, **changes)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]


def test_errors_speak_the_members_language(member_client, operator, terms):
    response = member_client.post(
        "/api/v1/projects/",
        {"operator": operator.pk, **PROPOSAL, "duration_days": 90},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    message = response.json()["errors"]["duration_days"][0]
    assert "60" in message and "Ensure" not in message


def test_operator_without_proposals_refuses(member_client, operator, other_operator, terms):
    response = propose(member_client, other_operator)
    assert response.status_code == 400
    assert "operator" in response.json()["errors"]


def test_rate_limit(member_client, operator, terms):
    for _index in range(3):
        assert propose(member_client, operator).status_code == 201
    assert propose(member_client, operator).status_code == 429


def test_cover_image_goes_to_the_operators_collection(member_client, operator, terms):
    import json

    data = {
        **{k: v for k, v in PROPOSAL.items() if k not in ("reward_tiers", "budget_lines")},
        "operator": operator.pk,
        "reward_tiers": json.dumps(PROPOSAL["reward_tiers"]),
        "cover_image": png_file(),
        "cover_alt": "Une cuve en cuivre",
    }
    response = member_client.post("/api/v1/projects/", data)
    assert response.status_code == 201, response.content
    campaign = CampaignPage.objects.get(pk=response.json()["id"])
    assert campaign.hero_image.collection_id == operator.collection_id
    assert campaign.hero_image.description == "Une cuve en cuivre"


def test_cover_image_needs_alt_text_and_an_image(member_client, operator, terms):
    base = {"operator": operator.pk, "title": "Titre", "summary": "Résumé", "goal_eur": "100"}
    base.update(funding_model="flexible", duration_days=10)
    response = member_client.post("/api/v1/projects/", {**base, "cover_image": png_file()})
    assert response.status_code == 400
    assert "cover_alt" in response.json()["errors"]
    fake = png_file()
    fake.file.write(b"not an image")
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = SimpleUploadedFile("cover.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = member_client.post(
        "/api/v1/projects/", {**base, "cover_image": text, "cover_alt": "x"}
    )
    assert response.status_code == 400
    assert "cover_image" in response.json()["errors"]
    gif = png_file("cover.gif", image_format="GIF")
    response = member_client.post(
        "/api/v1/projects/", {**base, "cover_image": gif, "cover_alt": "x"}
    )
    assert response.status_code == 400
    assert "cover_image" in response.json()["errors"]


def _live_campaign(member_client, operator, moderator):
    campaign_id = propose(member_client, operator).json()["id"]
    campaign = CampaignPage.objects.get(pk=campaign_id)
    assert moderate(moderator, campaign, "approve").status_code == 302
    campaign.refresh_from_db()
    assert campaign.live
    return campaign


def test_moderation_round_trip(
    member, member_client, operator, terms, moderator, django_capture_on_commit_callbacks
):
    member.preferred_language = "nl"
    member.save()
    campaign_id = propose(member_client, operator).json()["id"]
    campaign = CampaignPage.objects.get(pk=campaign_id)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(moderator, campaign, "reject", "Précisez le budget.")
    assert response.status_code == 302
    url = f"/api/v1/me/projects/{campaign_id}/"
    body = member_client.get(url).json()
    assert (body["state"], body["comment"]) == ("rejected", "Précisez le budget.")
    told = [m for m in mail.outbox if m.to == [member.email]]
    assert len(told) == 1
    assert "Précisez le budget." in told[0].body
    assert "Uw campagne moet worden aangepast" in told[0].subject

    response = member_client.patch(
        url, {"goal_eur": "3000", "summary": "Mieux dit."}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "in_moderation"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert moderate(moderator, campaign, "approve").status_code == 302
    campaign.refresh_from_db()
    assert campaign.live and campaign.goal == 300_000 and campaign.summary == "Mieux dit."
    now = timezone.now()
    assert abs(campaign.starts_at - now) < datetime.timedelta(minutes=1)
    assert campaign.deadline - campaign.starts_at == datetime.timedelta(days=30)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Uw campagne staat online" in mail.outbox[0].subject


def test_live_campaign_locks_money_and_edits_wait_for_moderation(
    member, member_client, operator, terms, moderator
):
    campaign = _live_campaign(member_client, operator, moderator)
    url = f"/api/v1/me/projects/{campaign.pk}/"
    tiers = member_client.get(url).json()["reward_tiers"]
    for changes, field in [
        ({"goal_eur": "9999"}, "goal_eur"),
        ({"duration_days": 45}, "duration_days"),
        ({"funding_model": "flexible"}, "funding_model"),
    ]:
        response = member_client.patch(url, changes, content_type="application/json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
    changed_price = [{**tiers[0], "minimum_eur": "5"}]
    response = member_client.patch(
        url, {"reward_tiers": changed_price}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "reward_tiers" in response.json()["errors"]

    new_tier = {"title": "Une visite", "minimum_eur": "40"}
    response = member_client.patch(
        url,
        {"story": "Nouvelle histoire.", "reward_tiers": [new_tier], "goal_eur": "2500"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "published" and body["changes_waiting"] is True
    campaign.refresh_from_db()
    assert "Nouvelle histoire" not in str(campaign.body)  # the live page stays until approved
    assert campaign.reward_tiers.count() == 2
    assert moderate(moderator, campaign, "approve").status_code == 302
    campaign.refresh_from_db()
    assert "Nouvelle histoire" in str(campaign.body)
    assert [t.title for t in campaign.reward_tiers.all()] == [
        "Une bière",
        "Un brassin",
        "Une visite",
    ]
    assert [t.minimum_amount for t in campaign.reward_tiers.all()] == [1000, 15050, 4000]


def test_ended_campaign_is_409(member_client, operator, terms, moderator):
    campaign = _live_campaign(member_client, operator, moderator)
    CampaignPage.objects.filter(pk=campaign.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    response = member_client.patch(
        f"/api/v1/me/projects/{campaign.pk}/",
        {"story": "Trop tard"},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_walls_of_the_api(member_client, operator, other_operator, terms, moderator):
    campaign = _live_campaign(member_client, operator, moderator)
    url = f"/api/v1/me/projects/{campaign.pk}/"
    for outsider in (MemberFactory(), staff_of(other_operator, "moderator"), moderator):
        client = client_for(outsider)
        assert client.get(url).status_code == 404
        patch = client.patch(url, {"story": "pirate"}, content_type="application/json")
        assert patch.status_code == 404
