"""Money under concurrency, on PostgreSQL and on SQLite: threads pledging, changing, cancelling
at once. Totals are checked against what the API answered, not against the rows `raised` is
summed from."""

import json
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.db import connection
from django.db.models import Sum
from django.test import Client

import pytest
import requests

from campaigns.models import COUNTED_STATUSES, CampaignPage, Pledge, PledgeMatch
from tests.campaigns.conftest import post_event
from tests.factories.campaigns import MatchFundFactory

pytestmark = pytest.mark.django_db(transaction=True)
COUNTED = {str(status) for status in COUNTED_STATUSES}


@pytest.fixture(autouse=True)
def threads(threads_db):
    """Real transactions; restores the migrations' data (see conftest)."""


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


def assert_no_server_errors(responses):
    assert [r.status_code for r in responses if r.status_code >= 500] == []


def assert_totals_are(campaign, answers):
    """The page's totals equal the sums of the API's answers for the pledges that count, and
    no pot money hangs on a pledge that does not count."""
    counted = [data for data in answers if data["status"] in COUNTED]
    page = CampaignPage.objects.get(pk=campaign.pk)
    assert page.raised == sum(data["amount"] for data in counted)
    assert page.matched == sum(data["matched"] for data in counted)
    assert not (
        PledgeMatch.objects.filter(released_at__isnull=True)
        .exclude(pledge__status__in=COUNTED_STATUSES)
        .exists()
    )
    return page


def test_fifty_concurrent_pledges_on_ten_places(campaign, limited_tier):
    responses = in_threads(
        post_pledge,
        [
            body(campaign, n, reward_tier=limited_tier.pk, payment_method="pm_card_visa")
            for n in range(50)
        ],
    )
    assert_no_server_errors(responses)
    codes = sorted(response.status_code for response in responses)
    assert codes.count(201) == 10
    assert codes.count(409) == 40
    assert Pledge.objects.filter(tier_key=limited_tier.translation_key).count() == 10
    made = [response.json() for response in responses if response.status_code == 201]
    assert {data["status"] for data in made} == {"committed"}
    assert assert_totals_are(campaign, made).raised == 50_000


def test_a_pot_of_100_eur_never_pays_out_more(campaign):
    fund = MatchFundFactory(
        operator=campaign.get_parent().specific, total=10_000, campaigns=[campaign]
    )
    responses = in_threads(
        post_pledge,
        [body(campaign, n, amount=3_000, payment_method="pm_card_visa") for n in range(30)],
    )
    assert [response.status_code for response in responses] == [201] * 30
    paid_out = PledgeMatch.objects.filter(fund=fund, released_at__isnull=True).aggregate(
        total=Sum("amount")
    )["total"]
    assert paid_out == 10_000
    page = assert_totals_are(campaign, [response.json() for response in responses])
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
    assert_no_server_errors(created)
    made = [response.json() for response in created if response.status_code == 201]
    random.seed(7)

    def act(data):
        client = Client()
        headers = {"x-pledge-token": data["token"]}
        url = f"/api/v1/pledges/{data['id']}/"
        choice = random.choice(["raise", "cancel", "webhook", "nothing"])
        if choice == "raise":
            return client.patch(
                url, json.dumps({"amount": 8_000}), content_type="application/json", headers=headers
            )
        if choice == "cancel":
            return client.delete(url, headers=headers)
        if choice == "webhook":
            pledge = Pledge.objects.get(pk=data["id"])
            intent = {
                "id": pledge.stripe_setup_intent,
                "object": "setup_intent",
                "status": "succeeded",
                "payment_method": "pm_card_visa",
                "metadata": {},
            }
            for _twice in range(2):
                response = post_event(
                    client, "setup_intent.succeeded", intent, event_id=f"evt_{pledge.pk}"
                )
            return response
        return client.get(url, headers=headers)

    assert_no_server_errors(in_threads(act, made * 2, workers=20))
    final = [
        Client().get(f"/api/v1/pledges/{data['id']}/", headers={"x-pledge-token": data["token"]})
        for data in made
    ]
    assert {response.status_code for response in final} == {200}
    assert_totals_are(campaign, [response.json() for response in final])
    (tier,) = CampaignPage.objects.get(pk=campaign.pk).tiers_with_stock()
    assert tier.claimed <= tier.limit


REFUND_DELAY = 5


@pytest.fixture
def slow_refunds(localstripe, settings):
    """Stripe as seen through a real HTTP hop that holds every refund for REFUND_DELAY
    seconds; yields an event set when a refund has reached it."""
    refund_arrived = threading.Event()

    class Hop(BaseHTTPRequestHandler):
        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            payload = self.rfile.read(length) if length else None
            if self.command == "POST" and self.path.startswith("/v1/refunds"):
                refund_arrived.set()
                time.sleep(REFUND_DELAY)
            upstream = requests.request(
                self.command,
                localstripe + self.path,
                data=payload,
                headers={
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in ("host", "content-length")
                },
                timeout=30,
            )
            self.send_response(upstream.status_code)
            self.send_header("Content-Type", upstream.headers.get("Content-Type", ""))
            self.send_header("Content-Length", str(len(upstream.content)))
            self.end_headers()
            self.wfile.write(upstream.content)

        do_GET = do_POST = do_DELETE = forward

        def log_message(self, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    yield refund_arrived
    server.shutdown()
    server.server_close()


def test_a_slow_refund_keeps_no_other_pledge_waiting(flexible_campaign, slow_refunds):
    paid = post_pledge(body(flexible_campaign, 1, payment_method="pm_card_visa")).json()
    assert paid["status"] == "paid"

    def cancel(data):
        try:
            return Client().delete(
                f"/api/v1/pledges/{data['id']}/", headers={"x-pledge-token": data["token"]}
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        cancelling = pool.submit(cancel, paid)
        assert slow_refunds.wait(timeout=30)
        other = post_pledge(body(flexible_campaign, 2, payment_method="pm_card_visa"))
        assert other.status_code == 201
        assert not cancelling.done(), "the new pledge waited for the refund"
        cancelled = cancelling.result(timeout=60)

    assert cancelled.status_code == 200
    assert_totals_are(flexible_campaign, [cancelled.json(), other.json()])
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 5_000
