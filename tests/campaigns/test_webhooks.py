"""/stripe/webhook/: signatures, one processing per event id, any order, a 400 for odd shapes."""

import hashlib
import hmac
import json
import time

import pytest

from campaigns.models import CampaignPage, PaymentEvent, Pledge, PledgeStatus
from tests.campaigns.conftest import WEBHOOK_SECRET, post_event
from tests.factories.campaigns import PledgeFactory

pytestmark = pytest.mark.django_db


def test_unsigned_or_forged_events_are_refused(client, campaign):
    pledge = PledgeFactory(
        campaign=campaign, status=PledgeStatus.PENDING, stripe_setup_intent="seti_1"
    )
    unsigned = client.post(
        "/stripe/webhook/",
        '{"id": "evt_1", "type": "setup_intent.succeeded"}',
        content_type="application/json",
    )
    assert unsigned.status_code == 400
    forged = client.post(
        "/stripe/webhook/",
        '{"id": "evt_1", "type": "setup_intent.succeeded"}',
        content_type="application/json",
        headers={"Stripe-Signature": "t=1,v1=00"},
    )
    assert forged.status_code == 400
    assert not PaymentEvent.objects.exists()
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PENDING


def test_setup_succeeded_commits_the_pledge_once(client, campaign):
    pledge = PledgeFactory(
        campaign=campaign, status=PledgeStatus.PENDING, stripe_setup_intent="seti_1"
    )
    intent = {
        "id": "seti_1",
        "object": "setup_intent",
        "status": "succeeded",
        "payment_method": "pm_123",
        "metadata": {"pledge": str(pledge.pk)},
    }
    first = post_event(client, "setup_intent.succeeded", intent, event_id="evt_setup")
    again = post_event(client, "setup_intent.succeeded", intent, event_id="evt_setup")
    assert first.status_code == again.status_code == 200
    assert again.json()["duplicate"] is True
    assert PaymentEvent.objects.filter(stripe_id="evt_setup").count() == 1
    pledge.refresh_from_db()
    assert (pledge.status, pledge.stripe_payment_method) == (PledgeStatus.COMMITTED, "pm_123")
    assert CampaignPage.objects.get(pk=campaign.pk).raised == pledge.amount


def test_events_out_of_order_never_move_a_pledge_back(client, flexible_campaign):
    pledge = PledgeFactory(
        campaign=flexible_campaign, status=PledgeStatus.PENDING, stripe_payment_intent="pi_1"
    )
    intent = {"id": "pi_1", "object": "payment_intent", "metadata": {}}
    post_event(client, "payment_intent.succeeded", {**intent, "status": "succeeded"})
    post_event(client, "payment_intent.canceled", {**intent, "status": "canceled"})
    post_event(
        client, "payment_intent.payment_failed", {**intent, "status": "requires_payment_method"}
    )
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PAID
    assert PaymentEvent.objects.filter(processed_at__isnull=False).count() == 3


def test_refund_events_reduce_raised_idempotently(client, flexible_campaign):
    pledge = PledgeFactory(
        campaign=flexible_campaign,
        amount=5_000,
        status=PledgeStatus.PAID,
        stripe_payment_intent="pi_2",
    )
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_2",
        "amount": 5_000,
        "amount_refunded": 2_000,
        "metadata": {},
    }
    post_event(client, "charge.refunded", charge)
    post_event(client, "charge.refunded", charge)
    campaign = CampaignPage.objects.get(pk=flexible_campaign.pk)
    assert campaign.raised == 3_000
    post_event(client, "charge.refunded", {**charge, "amount_refunded": 1_000})
    pledge.refresh_from_db()
    assert pledge.refunded_amount == 2_000
    post_event(client, "charge.refunded", {**charge, "amount_refunded": 5_000})
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.REFUNDED
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 0


def test_unknown_objects_and_event_types_are_acknowledged(client):
    response = post_event(client, "customer.created", {"id": "cus_1", "object": "customer"})
    assert response.status_code == 200
    response = post_event(client, "payment_intent.succeeded", {"id": "pi_unknown", "metadata": {}})
    assert response.status_code == 200
    assert not Pledge.objects.exists()


def _signed(body, timestamp=None):
    payload = json.dumps(body)
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return payload, {"Stripe-Signature": f"t={timestamp},v1={signature}"}


INTENT = {"id": "pi_1", "object": "payment_intent", "metadata": {}}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "payment_intent.succeeded", "data": {"object": INTENT}}, "id"),
        ({"id": "", "type": "payment_intent.succeeded", "data": {"object": INTENT}}, "id"),
        ({"id": "evt_" + "x" * 300, "type": "charge.refunded", "data": {"object": INTENT}}, "id"),
        ({"id": ["evt_1"], "type": "charge.refunded", "data": {"object": INTENT}}, "id"),
        ({"id": "evt_1", "type": "payment_intent.succeeded", "data": None}, "data"),
        ({"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": []}}, "data"),
        ({"id": "evt_1", "type": "payment_intent.succeeded"}, "data"),
        (
            {"id": "evt_1", "type": "charge.refunded", "data": {"object": {"metadata": [1]}}},
            "data",
        ),
        (
            {
                "id": "evt_1",
                "type": "charge.refunded",
                "data": {"object": {"payment_intent": "pi_1", "amount_refunded": "beaucoup"}},
            },
            "data",
        ),
        (
            {
                "id": "evt_1",
                "type": "charge.refunded",
                "data": {"object": {"payment_intent": {"id": "pi_1"}, "amount_refunded": 5}},
            },
            "data",
        ),
        ({"id": "evt_1", "type": 5, "data": {"object": INTENT}}, "type"),
        ({"id": "evt_1", "created": "hier", "data": {"object": INTENT}}, "created"),
        ({"id": "evt_1", "created": 10**30, "data": {"object": INTENT}}, "created"),
    ],
)
def test_signed_events_of_the_wrong_shape_are_400(client, flexible_campaign, body, field):
    PledgeFactory(
        campaign=flexible_campaign, status=PledgeStatus.PAID, stripe_payment_intent="pi_1"
    )
    payload, headers = _signed(body)
    response = client.post(
        "/stripe/webhook/",
        payload,
        content_type="application/json",
        headers={**headers, "accept-language": "en"},
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not PaymentEvent.objects.exists()


@pytest.mark.parametrize("payload", ["[" * 5000 + "]" * 5000, "[1, 2]", '"evt"', "\udcff"])
def test_signed_payloads_that_are_no_event_are_400(client, payload):
    timestamp = int(time.time())
    signature = hmac.new(
        WEBHOOK_SECRET.encode(),
        f"{timestamp}.{payload}".encode(errors="surrogatepass"),
        hashlib.sha256,
    ).hexdigest()
    response = client.post(
        "/stripe/webhook/",
        payload.encode(errors="surrogatepass"),
        content_type="application/json",
        headers={"Stripe-Signature": f"t={timestamp},v1={signature}"},
    )
    assert response.status_code == 400
    assert not PaymentEvent.objects.exists()


@pytest.mark.parametrize("offset", [-3600, 3600])
def test_events_signed_too_long_ago_or_in_the_future_are_refused(client, flexible_campaign, offset):
    pledge = PledgeFactory(
        campaign=flexible_campaign, status=PledgeStatus.PENDING, stripe_payment_intent="pi_1"
    )
    body = {
        "id": "evt_late",
        "type": "payment_intent.succeeded",
        "data": {"object": {**INTENT, "status": "succeeded"}},
    }
    payload, headers = _signed(body, timestamp=int(time.time()) + offset)
    response = client.post(
        "/stripe/webhook/",
        payload,
        content_type="application/json",
        headers={**headers, "accept-language": "fr"},
    )
    assert response.status_code == 400
    assert response.json() == {"errors": {"signature": ["Signature invalide ou expirée."]}}
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PENDING
    payload, headers = _signed(body)
    assert (
        client.post(
            "/stripe/webhook/", payload, content_type="application/json", headers=headers
        ).status_code
        == 200
    )
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PAID


def test_a_saved_card_does_not_count_a_flexible_pledge_before_its_charge(client, flexible_campaign):
    pledge = PledgeFactory(
        campaign=flexible_campaign,
        funding_model="flexible",
        status=PledgeStatus.PENDING,
        stripe_setup_intent="seti_flex",
    )
    intent = {
        "id": "seti_flex",
        "object": "setup_intent",
        "status": "succeeded",
        "payment_method": "pm_123",
        "metadata": {"pledge": str(pledge.pk)},
    }
    assert post_event(client, "setup_intent.succeeded", intent).status_code == 200
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.PENDING
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 0
