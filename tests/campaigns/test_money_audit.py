"""Money moves are visible: refunds, cancellations, closing charges and match-fund money leave an
entry in the admin's history, with who and how much; a refused Stripe call changes nothing."""

import json
from html import unescape

from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from campaigns import audit
from campaigns.closing import run_closing
from campaigns.models import CampaignPage, Pledge, PledgeStatus
from tests.campaigns.test_closing import end, pledge_via_api
from tests.factories.campaigns import MatchFundFactory, PledgeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/pledges/"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def paid_pledge(campaign, amount=5_000, email="lea@example.org"):
    response = Client().post(
        URL,
        json.dumps(
            {
                "campaign": campaign.pk,
                "amount": amount,
                "email": email,
                "name": "Léa",
                "payment_method": "pm_card_visa",
            }
        ),
        content_type="application/json",
    )
    assert response.json()["status"] == "paid"
    return response.json()


def entries(page, action):
    return [
        (entry.user, entry.data["pledge"], entry.data["amount"])
        for entry in PageLogEntry.objects.filter(page=page, action=action).order_by("pk")
    ]


def page_history(user, page):
    response = logged_in(user).get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_backer_cancelling_a_paid_pledge_shows_in_the_campaigns_history(
    member, moderator, flexible_campaign
):
    client = logged_in(member)
    response = client.post(
        URL,
        json.dumps(
            {"campaign": flexible_campaign.pk, "amount": 5_000, "payment_method": "pm_card_visa"}
        ),
        content_type="application/json",
    )
    pledge_id = response.json()["id"]
    assert client.delete(f"{URL}{pledge_id}/").json()["status"] == "cancelled"

    assert entries(flexible_campaign, audit.REFUND) == [(member, pledge_id, 5_000)]
    assert entries(flexible_campaign, audit.CANCEL) == [(member, pledge_id, 5_000)]
    html = page_history(moderator, flexible_campaign)
    assert f"50\xa0€ remboursés sur la promesse de don n° {pledge_id}" in html
    assert f"Promesse de don n° {pledge_id} de 50\xa0€ annulée" in html


def test_lowering_and_admin_refunds_are_logged_with_their_author(moderator, flexible_campaign):
    data = paid_pledge(flexible_campaign, amount=9_000)
    lowered = Client().patch(
        f"{URL}{data['id']}/?token={data['token']}",
        json.dumps({"amount": 6_000}),
        content_type="application/json",
    )
    assert lowered.json()["amount"] == 6_000
    refund_url = reverse("campaigns_refund", args=[data["id"]])
    assert logged_in(moderator).post(refund_url, {"amount": "20.00"}).status_code == 302

    assert entries(flexible_campaign, audit.REFUND) == [
        (None, data["id"], 3_000),
        (moderator, data["id"], 2_000),
    ]
    assert Pledge.objects.get(pk=data["id"]).refunded_amount == 5_000
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 4_000


def test_a_refund_seen_on_stripe_is_logged_once(flexible_campaign):
    from tests.campaigns.conftest import post_event

    data = paid_pledge(flexible_campaign)
    pledge = Pledge.objects.get(pk=data["id"])
    charge = {
        "id": "ch_seen",
        "object": "charge",
        "payment_intent": pledge.stripe_payment_intent,
        "amount": 5_000,
        "amount_refunded": 1_500,
        "metadata": {},
    }
    for _twice in range(2):
        post_event(Client(), "charge.refunded", charge, event_id="evt_refund_seen")
    assert entries(flexible_campaign, audit.REFUND) == [(None, pledge.pk, 1_500)]


def test_a_refund_stripe_refuses_leaves_the_pledge_as_it_was(flexible_campaign):
    """The payment was made elsewhere (say, on another Stripe account): Stripe does not know
    it, so cancelling fails — and nothing is recorded, nor held, nor logged."""
    pledge = PledgeFactory(
        campaign=flexible_campaign,
        status=PledgeStatus.PAID,
        amount=5_000,
        stripe_payment_intent="pi_unknown_to_stripe",
    )
    url = f"{URL}{pledge.pk}/?token={pledge.token}"
    for _attempt in range(2):
        refused = Client().delete(url, headers={"accept-language": "de"})
        assert refused.status_code == 502
        (message,) = refused.json()["errors"]["non_field_errors"]
        assert "Zahlungsdienst" in message
    lowered = Client().patch(url, json.dumps({"amount": 2_000}), content_type="application/json")
    assert lowered.status_code == 502

    pledge.refresh_from_db()
    assert (pledge.status, pledge.refunded_amount, pledge.amount) == ("paid", 0, 5_000)
    assert pledge.stripe_call_started_at is None
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 5_000
    assert not PageLogEntry.objects.filter(action__startswith="maillon.").exists()


def test_a_pledge_waiting_on_stripe_cannot_be_changed_meanwhile(flexible_campaign):
    data = paid_pledge(flexible_campaign)
    url = f"{URL}{data['id']}/?token={data['token']}"
    Pledge.objects.filter(pk=data["id"]).update(
        stripe_call_started_at=Pledge.objects.get(pk=data["id"]).created_at
    )
    busy = Client().delete(url)
    assert busy.status_code == 409
    assert Pledge.objects.get(pk=data["id"]).status == PledgeStatus.PAID


def test_closing_charges_and_failed_charges_are_logged(client, campaign):
    good = pledge_via_api(client, campaign, "ok@example.org", "pm_card_visa", amount=80_000)
    failing = pledge_via_api(
        client, campaign, "fail@example.org", "pm_card_chargeCustomerFail", amount=20_000
    )
    end(campaign)
    run_closing()
    run_closing()

    assert entries(campaign, audit.CHARGE) == [(None, good.pk, 80_000)]
    (failed,) = PageLogEntry.objects.filter(page=campaign, action=audit.CHARGE_FAILED)
    assert (failed.data["pledge"], failed.data["amount"]) == (failing.pk, 20_000)
    assert failed.data["reason"]


def test_match_fund_money_shows_in_the_funds_history(moderator, operator, flexible_campaign):
    fund = MatchFundFactory(operator=operator, total=10_000, campaigns=[flexible_campaign])
    data = paid_pledge(flexible_campaign, amount=3_000)
    Client().delete(f"{URL}{data['id']}/?token={data['token']}")

    logged = [
        (entry.action, entry.data["pledge"], entry.data["amount"])
        for entry in ModelLogEntry.objects.for_instance(fund).order_by("pk")
    ]
    assert logged == [
        (audit.MATCH_ADDED, data["id"], 3_000),
        (audit.MATCH_RELEASED, data["id"], 3_000),
    ]
    response = logged_in(moderator).get(reverse("campaigns_matchfund:history", args=[fund.pk]))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f"30\xa0€ de l'enveloppe ajoutés à la promesse de don n° {data['id']}" in html
    assert f"30\xa0€ rendus à l'enveloppe depuis la promesse de don n° {data['id']}" in html
