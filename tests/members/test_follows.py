"""Following campaigns, briefs, operators and public members: the API, the buttons, the lab's."""

from django.test import Client

import pytest

from members.models import Follow, Target
from tests.factories import MemberFactory
from tests.members.conftest import client_for, public_profile

pytestmark = pytest.mark.django_db


def follow(client, target, object_id, **headers):
    return client.post(
        "/api/v1/follows/",
        {"target": target, "id": object_id},
        content_type="application/json",
        headers=headers,
    )


def test_following_is_idempotent_and_listed(member_client, member, live_campaign, brief, operator):
    first = follow(member_client, "campaign", live_campaign.pk)
    again = follow(member_client, "campaign", live_campaign.pk)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["key"] == str(live_campaign.translation_key)
    assert follow(member_client, "brief", brief.pk).status_code == 201
    assert follow(member_client, "operator", operator.pk).status_code == 201
    assert Follow.objects.filter(member=member).count() == 3

    listed = member_client.get("/api/v1/me/follows/").json()
    assert listed["count"] == 3
    assert {row["target"] for row in listed["results"]} == {"campaign", "brief", "operator"}


def test_a_follow_holds_for_every_language(member_client, live_campaign):
    dutch = live_campaign.get_translation(
        live_campaign.get_translations().filter(locale__language_code="nl").get().locale
    )
    assert follow(member_client, "campaign", dutch.pk).status_code == 201
    assert follow(member_client, "campaign", live_campaign.pk).status_code == 200


def test_unfollowing_by_body_or_by_url(member_client, member, live_campaign, brief):
    follow(member_client, "campaign", live_campaign.pk)
    follow(member_client, "brief", brief.pk)
    response = member_client.delete(
        "/api/v1/follows/",
        {"target": "campaign", "id": live_campaign.pk},
        content_type="application/json",
    )
    assert response.status_code == 204
    assert member_client.delete(f"/api/v1/follows/brief/{brief.pk}/").status_code == 204
    assert not Follow.objects.filter(member=member).exists()


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"target": "planet", "id": 1}, 400, "target"),
        ({"target": "campaign", "id": "1"}, 400, "id"),
        ({"target": "campaign", "id": 2**70}, 400, "id"),
        ({"target": "campaign"}, 400, "id"),
        ({"target": "campaign", "id": 999_999}, 404, "id"),
    ],
)
def test_bad_follows_are_field_errors_in_the_visitors_language(member_client, body, status, field):
    response = member_client.post(
        "/api/v1/follows/", body, content_type="application/json", headers={"Accept-Language": "nl"}
    )
    assert response.status_code == status
    assert field in response.json()["errors"]


def test_members_are_followed_only_while_public(member_client, member):
    other = MemberFactory()
    assert follow(member_client, "member", other.pk).status_code == 404
    public_profile(other)
    assert follow(member_client, "member", other.pk).status_code == 201
    public_profile(member)
    assert follow(member_client, "member", member.pk).status_code == 400


def test_visitors_must_log_in(live_campaign):
    assert follow(Client(), "campaign", live_campaign.pk).status_code == 401
    assert Client().get("/api/v1/me/follows/").status_code == 401
    assert Client().get("/api/v1/feed/").status_code == 401


def test_follow_buttons_on_campaign_and_operator_pages(member, live_campaign, operator):
    client = client_for(member)
    html = client.get(live_campaign.url).content.decode()
    assert f'action="/fr/follow/campaign/{live_campaign.pk}/"' in html
    response = client.post(f"/fr/follow/campaign/{live_campaign.pk}/", {"next": live_campaign.url})
    assert response.status_code == 302
    assert response["Location"] == live_campaign.url
    assert Follow.objects.filter(member=member, target=Target.CAMPAIGN).exists()
    html = client.get(live_campaign.url).content.decode()
    assert 'aria-pressed="true"' in html

    assert (
        f'action="/fr/follow/operator/{operator.pk}/"' in client.get(operator.url).content.decode()
    )
    anonymous = Client().get(live_campaign.url).content.decode()
    assert f'href="/fr/accounts/login/?next={live_campaign.url}"' in anonymous


def test_the_labs_follow_button_uses_the_same_follows(member, brief):
    client = client_for(member)
    client.post(f"/fr/lab/briefs/{brief.pk}/follow/")
    row = Follow.objects.get(member=member)
    assert (row.target, row.key) == (Target.BRIEF, str(brief.translation_key))
    client.post(f"/fr/lab/briefs/{brief.pk}/follow/")
    assert not Follow.objects.filter(member=member).exists()
