"""Limited places cannot be hoarded: a pledge without a card holds its place for the checkout
window only, and each client may open only so many pledges."""

import datetime
import json
import logging

from django.core.cache import cache
from django.db.models import F
from django.test import Client

import pytest

from campaigns.models import CampaignPage, Pledge
from tests.campaigns.conftest import post_event

pytestmark = pytest.mark.django_db
URL = "/api/v1/pledges/"


def pledge(client, campaign, n, **fields):
    body = {
        "campaign": campaign.pk,
        "amount": 5_000,
        "email": f"backer{n}@example.org",
        "name": f"Backer {n}",
        **fields,
    }
    return client.post(URL, json.dumps(body), content_type="application/json")


def minutes_pass(minutes):
    """Time moves on: every pledge made so far was made `minutes` earlier."""
    Pledge.objects.update(created_at=F("created_at") - datetime.timedelta(minutes=minutes))


def claimed(campaign):
    (tier,) = CampaignPage.objects.get(pk=campaign.pk).tiers_with_stock()
    return tier.claimed


def test_cardless_pledges_give_their_places_back_once_the_checkout_window_is_over(
    campaign, limited_tier
):
    hoarders = [
        pledge(Client(REMOTE_ADDR=f"10.0.0.{n}"), campaign, n, reward_tier=limited_tier.pk)
        for n in range(10)
    ]
    assert {(r.status_code, r.json()["status"]) for r in hoarders} == {(201, "pending")}
    backer = Client(REMOTE_ADDR="192.0.2.7")
    refused = pledge(
        backer, campaign, 99, reward_tier=limited_tier.pk, payment_method="pm_card_visa"
    )
    assert refused.status_code == 409
    assert "reward_tier" in refused.json()["errors"]

    minutes_pass(14)
    assert claimed(campaign) == 10
    minutes_pass(2)
    assert claimed(campaign) == 0

    accepted = pledge(
        backer, campaign, 99, reward_tier=limited_tier.pk, payment_method="pm_card_visa"
    )
    assert accepted.status_code == 201
    assert accepted.json()["status"] == "committed"
    assert claimed(campaign) == 1


def test_counted_pledges_keep_their_places_after_the_window(campaign, limited_tier):
    limited_tier.limit = 1
    limited_tier.save()
    first = pledge(
        Client(), campaign, 1, reward_tier=limited_tier.pk, payment_method="pm_card_visa"
    )
    assert first.json()["status"] == "committed"
    minutes_pass(60)
    late = pledge(Client(REMOTE_ADDR="192.0.2.8"), campaign, 2, reward_tier=limited_tier.pk)
    assert late.status_code == 409


@pytest.fixture
def three_an_hour(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"pledges": "3/hour"},
    }
    cache.clear()
    yield
    cache.clear()


def test_a_client_opening_pledges_by_the_dozen_is_throttled_in_its_language(
    campaign, three_an_hour
):
    client = Client(REMOTE_ADDR="198.51.100.4")
    assert [pledge(client, campaign, n).status_code for n in range(3)] == [201] * 3
    throttled = client.post(
        URL,
        json.dumps({"campaign": campaign.pk, "amount": 5_000, "email": "x@example.org"}),
        content_type="application/json",
        headers={"accept-language": "nl"},
    )
    assert throttled.status_code == 429
    (message,) = throttled.json()["errors"]["non_field_errors"]
    assert "te veel" in message
    assert int(throttled.headers["Retry-After"]) > 0
    assert Pledge.objects.count() == 3
    assert pledge(Client(REMOTE_ADDR="198.51.100.5"), campaign, 9).status_code == 201


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(campaign, three_an_hour):
    client = Client(REMOTE_ADDR="198.51.100.4")
    codes = [
        client.post(
            URL,
            json.dumps(
                {"campaign": campaign.pk, "amount": 5_000, "email": "x@example.org", "name": "X"}
            ),
            content_type="application/json",
            headers={"x-forwarded-for": f"203.0.113.{n}, 198.51.100.4"},
        ).status_code
        for n in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_members_are_throttled_by_account(member_client, campaign, three_an_hour):
    codes = [
        member_client.post(
            URL, json.dumps({"campaign": campaign.pk, "amount": 5_000}), "application/json"
        ).status_code
        for _n in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_a_card_coming_after_the_window_still_counts_and_the_overflow_is_reported(
    campaign, limited_tier, caplog
):
    limited_tier.limit = 1
    limited_tier.save()
    late = pledge(Client(REMOTE_ADDR="10.0.1.1"), campaign, 1, reward_tier=limited_tier.pk)
    minutes_pass(16)
    taken = pledge(
        Client(REMOTE_ADDR="10.0.1.2"),
        campaign,
        2,
        reward_tier=limited_tier.pk,
        payment_method="pm_card_visa",
    )
    assert taken.status_code == 201
    intent = {
        "id": Pledge.objects.get(pk=late.json()["id"]).stripe_setup_intent,
        "object": "setup_intent",
        "status": "succeeded",
        "payment_method": "pm_card_visa",
        "metadata": {},
    }
    with caplog.at_level(logging.WARNING, logger="campaigns.pledging"):
        post_event(Client(), "setup_intent.succeeded", intent)

    assert Pledge.objects.get(pk=late.json()["id"]).status == "committed"
    assert claimed(campaign) == 2
    assert [r.getMessage() for r in caplog.records if "over its limit" in r.getMessage()]
