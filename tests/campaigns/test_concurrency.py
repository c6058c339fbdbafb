"""Money under concurrency, on PostgreSQL: threads pledging, changing, cancelling at once."""

import json
import random
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.db.models import Sum
from django.test import Client

import pytest

from campaigns.models import COUNTED_STATUSES, CampaignPage, Pledge, PledgeMatch
from tests.campaigns.conftest import post_event
from tests.factories.campaigns import MatchFundFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def on_postgres(postgres_threads):
    """Skips off PostgreSQL; restores the migrations' data (see conftest)."""


def in_threads(function, arguments, workers=25):
    def run(argument):
        try:
            return function(argument)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, arguments))


def post_pledge(body):
    return Client().post("/api/v1/pledges/", json.dumps(body), content_type="application/json")


def body(campaign, n, **fields):
    return {
        "campaign": campaign.pk,
        "amount": 5_000,
        "email": f"backer{n}@example.org",
        "name": f"Backer {n}",
        **fields,
    }


def assert_totals_match_pledges(campaign):
    counted = Pledge.objects.filter(
        campaign_key=campaign.translation_key, status__in=COUNTED_STATUSES
    )
    expected_raised = sum(p.amount - p.refunded_amount for p in counted)
    expected_matched = (
        PledgeMatch.objects.filter(pledge__in=counted, released_at__isnull=True).aggregate(
            total=Sum("amount")
        )["total"]
        or 0
    )
    page = CampaignPage.objects.get(pk=campaign.pk)
    assert page.raised == expected_raised
    assert page.matched == expected_matched
    assert (
        not PledgeMatch.objects.filter(released_at__isnull=True)
        .exclude(pledge__in=counted)
        .exists()
    )
    return page


def test_fifty_concurrent_pledges_on_ten_places(campaign, limited_tier):
    responses = in_threads(
        post_pledge, [body(campaign, n, reward_tier=limited_tier.pk) for n in range(50)]
    )
    codes = sorted(response.status_code for response in responses)
    assert codes.count(201) == 10
    assert codes.count(409) == 40
    assert Pledge.objects.filter(tier_key=limited_tier.translation_key).count() == 10


def test_a_pot_of_100_eur_never_pays_out_more(campaign):
    fund = MatchFundFactory(
        operator=campaign.get_parent().specific, total=10_000, campaigns=[campaign]
    )
    responses = in_threads(
        post_pledge,
        [body(campaign, n, amount=3_000, payment_method="pm_card_visa") for n in range(30)],
    )
    assert all(response.status_code == 201 for response in responses)
    paid_out = PledgeMatch.objects.filter(fund=fund, released_at__isnull=True).aggregate(
        total=Sum("amount")
    )["total"]
    assert paid_out == 10_000
    page = assert_totals_match_pledges(campaign)
    assert (page.raised, page.matched) == (90_000, 10_000)


def test_totals_hold_after_a_storm_of_pledges_changes_cancels_and_webhooks(campaign, limited_tier):
    MatchFundFactory(
        operator=campaign.get_parent().specific,
        total=20_000,
        cap_per_pledge=1_500,
        campaigns=[campaign],
    )
    created = in_threads(
        post_pledge,
        [
            body(
                campaign,
                n,
                reward_tier=limited_tier.pk if n % 3 == 0 else None,
                payment_method="pm_card_visa" if n % 2 else "",
            )
            for n in range(30)
        ],
    )
    made = [response.json() for response in created if response.status_code == 201]
    random.seed(7)

    def act(data):
        client = Client()
        headers = {"x-pledge-token": data["token"]}
        url = f"/api/v1/pledges/{data['id']}/"
        choice = random.choice(["raise", "cancel", "webhook", "nothing"])
        if choice == "raise":
            client.patch(
                url, json.dumps({"amount": 8_000}), content_type="application/json", headers=headers
            )
        elif choice == "cancel":
            client.delete(url, headers=headers)
        elif choice == "webhook":
            pledge = Pledge.objects.get(pk=data["id"])
            intent = {
                "id": pledge.stripe_setup_intent,
                "object": "setup_intent",
                "status": "succeeded",
                "payment_method": "pm_card_visa",
                "metadata": {},
            }
            for _twice in range(2):
                post_event(client, "setup_intent.succeeded", intent, event_id=f"evt_{pledge.pk}")
        return choice

    in_threads(act, made * 2, workers=20)
    assert_totals_match_pledges(campaign)
    (tier,) = CampaignPage.objects.get(pk=campaign.pk).tiers_with_stock()
    assert tier.claimed <= tier.limit
