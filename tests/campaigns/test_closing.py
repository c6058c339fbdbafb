"""close_campaigns: charge once, recover, remind, lapse, release, whatever the repetition."""

import datetime
import json
from concurrent.futures import ThreadPoolExecutor

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from campaigns.closing import run_closing
from campaigns.models import CampaignPage, Pledge, PledgeStatus

pytestmark = pytest.mark.django_db


def pledge_via_api(client, campaign, email, payment_method, amount=40_000):
    response = client.post(
        "/api/v1/pledges/",
        json.dumps(
            {
                "campaign": campaign.pk,
                "amount": amount,
                "email": email,
                "name": email.split("@")[0],
                "payment_method": payment_method,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return Pledge.objects.get(pk=response.json()["id"])


def end(campaign):
    CampaignPage.objects.filter(pk=campaign.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_successful_campaign_charges_each_pledge_once(client, campaign):
    good = [
        pledge_via_api(client, campaign, f"ok{n}@example.org", "pm_card_visa") for n in range(2)
    ]
    failing = pledge_via_api(client, campaign, "fail@example.org", "pm_card_chargeCustomerFail")
    end(campaign)
    mail.outbox.clear()

    call_command("close_campaigns")

    for pledge in good:
        pledge.refresh_from_db()
        assert pledge.status == PledgeStatus.PAID
        assert pledge.stripe_payment_intent.startswith("pi_")
    failing.refresh_from_db()
    assert failing.status == PledgeStatus.ACTION_REQUIRED
    assert failing.recovery_deadline > timezone.now() + datetime.timedelta(days=6)
    assert [m.to for m in mail.outbox] == [["fail@example.org"]]
    assert f"/fr/pledges/{failing.token}/pay/" in mail.outbox[0].body
    page = CampaignPage.objects.get(pk=campaign.pk)
    assert page.closed_at is not None
    assert page.raised == 120_000

    first_intents = {p.pk: p.stripe_payment_intent for p in Pledge.objects.all()}
    again = run_closing()
    assert again["charged"] == again["closed"] == 0
    assert {p.pk: p.stripe_payment_intent for p in Pledge.objects.all()} == first_intents


def test_recovery_reminders_then_lapse(client, campaign):
    pledge_via_api(client, campaign, "ok@example.org", "pm_card_visa", amount=100_000)
    failing = pledge_via_api(client, campaign, "fail@example.org", "pm_card_chargeCustomerFail")
    end(campaign)
    now = timezone.now()
    run_closing(now)
    mail.outbox.clear()
    assert run_closing(now + datetime.timedelta(hours=24))["reminded"] == 0
    assert run_closing(now + datetime.timedelta(hours=49))["reminded"] == 1
    assert run_closing(now + datetime.timedelta(hours=50))["reminded"] == 0
    assert run_closing(now + datetime.timedelta(hours=98))["reminded"] == 1
    assert run_closing(now + datetime.timedelta(days=8))["lapsed"] == 1
    failing.refresh_from_db()
    assert failing.status == PledgeStatus.LAPSED
    assert CampaignPage.objects.get(pk=campaign.pk).raised == 100_000
    assert len(mail.outbox) == 3


def test_backer_recovers_a_failed_charge_with_another_card(client, campaign):
    pledge_via_api(client, campaign, "ok@example.org", "pm_card_visa", amount=100_000)
    failing = pledge_via_api(client, campaign, "fail@example.org", "pm_card_chargeCustomerFail")
    end(campaign)
    run_closing()
    url = f"/fr/pledges/{failing.token}/pay/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'id="recovery-form"' in page.content.decode()
    bad = client.post(url, json.dumps({"payment_method": "nope"}), content_type="application/json")
    assert bad.status_code == 400
    paid = client.post(
        url, json.dumps({"payment_method": "pm_card_visa"}), content_type="application/json"
    )
    assert paid.json()["status"] == "succeeded"
    failing.refresh_from_db()
    assert failing.status == PledgeStatus.PAID


def test_unsuccessful_campaign_charges_nobody_and_tells_backers(client, campaign):
    pledge = pledge_via_api(client, campaign, "lea@example.org", "pm_card_visa", amount=2_500)
    end(campaign)
    mail.outbox.clear()
    report = run_closing()
    assert (report["charged"], report["released"]) == (0, 1)
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RELEASED
    assert pledge.stripe_payment_intent == ""
    assert mail.outbox[0].to == ["lea@example.org"]
    assert CampaignPage.objects.get(pk=campaign.pk).raised == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_closes_charge_nobody_twice(threads_db, client, campaign):
    for n in range(6):
        pledge_via_api(client, campaign, f"b{n}@example.org", "pm_card_visa", amount=20_000)
    end(campaign)

    def close(_n):
        try:
            return run_closing()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(close, range(3)))
    assert sum(report["charged"] for report in reports) == 6
    assert Pledge.objects.filter(status=PledgeStatus.PAID).count() == 6
    assert len(set(Pledge.objects.values_list("stripe_payment_intent", flat=True))) == 6
