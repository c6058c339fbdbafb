"""POST/GET/PATCH/DELETE /api/v1/pledges/ against localstripe, as a headless client would."""

import datetime
import json

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest
import requests

from campaigns.models import CampaignPage, Pledge, PledgeStatus
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory, RewardTierFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/pledges/"


def pledge(client, target, **fields):
    body = {
        "campaign": target.pk,
        "amount": 2_500,
        "currency": "EUR",
        "email": "lea@example.org",
        "name": "Léa Dupont",
        "reward_tier": None,
        "anonymous": False,
        **fields,
    }
    return client.post(URL, json.dumps(body), content_type="application/json")


def card(localstripe, number):
    """A PaymentMethod made as Stripe.js would make it in the browser."""
    response = requests.post(
        f"{localstripe}/v1/payment_methods",
        data={
            "type": "card",
            "card[number]": number,
            "card[exp_month]": "12",
            "card[exp_year]": "2030",
            "card[cvc]": "123",
        },
        auth=("sk_test_maillon", ""),
        timeout=5,
    )
    return response.json()["id"]


def raised(campaign):
    return CampaignPage.objects.get(pk=campaign.pk).raised


def test_all_or_nothing_pledge_without_card_waits_for_stripe_js(client, campaign):
    response = pledge(client, campaign)
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "pending"
    assert data["client_secret"].startswith("seti_")
    assert (data["amount"], data["campaign"], data["reward_tier"]) == (2_500, campaign.pk, None)
    assert raised(campaign) == 0


def test_all_or_nothing_pledge_with_card_is_committed_and_receipted(client, campaign):
    response = pledge(client, campaign, payment_method="pm_card_visa")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "committed"
    stored = Pledge.objects.get()
    assert stored.stripe_setup_intent.startswith("seti_")
    assert stored.stripe_payment_method
    assert stored.stripe_payment_intent == ""
    assert raised(campaign) == 2_500
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lea@example.org"]
    assert f"/fr/pledges/{stored.token}/" in mail.outbox[0].body


def test_receipt_is_in_the_visitors_language(client, campaign):
    response = client.post(
        URL,
        json.dumps(
            {
                "campaign": campaign.pk,
                "amount": 2_500,
                "email": "jan@example.org",
                "name": "Jan",
                "payment_method": "pm_card_visa",
            }
        ),
        content_type="application/json",
        headers={"accept-language": "nl"},
    )
    assert response.status_code == 201
    assert Pledge.objects.get().language == "nl"
    assert "/nl/pledges/" in mail.outbox[0].body


def test_flexible_pledge_is_charged_at_once(client, flexible_campaign):
    response = pledge(client, flexible_campaign, payment_method="pm_card_visa")
    assert response.status_code == 201
    assert response.json()["status"] == "paid"
    assert Pledge.objects.get().stripe_payment_intent.startswith("pi_")
    assert raised(flexible_campaign) == 2_500


def confirm_setup(localstripe, client_secret, number):
    """What Stripe.js's confirmCardSetup does in the browser with the card element."""
    setup_intent = client_secret.split("_secret_")[0]
    return requests.post(
        f"{localstripe}/v1/setup_intents/{setup_intent}/confirm",
        json={
            "key": "pk_test_maillon",
            "client_secret": client_secret,
            "payment_method_data": {
                "type": "card",
                "card": {"number": number, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
            },
        },
        timeout=5,
    )


def pay(client, data, **headers):
    return client.post(
        f"{URL}{data['id']}/pay/",
        content_type="application/json",
        headers={"X-Pledge-Token": data["token"], **headers},
    )


def test_flexible_pledge_without_card_saves_it_then_is_charged(
    client, flexible_campaign, localstripe
):
    data = pledge(client, flexible_campaign).json()
    assert data["status"] == "pending"
    assert data["client_secret"].startswith("seti_")
    early = pay(client, data)
    assert early.status_code == 409
    assert confirm_setup(localstripe, data["client_secret"], "4242424242424242").ok
    paid = pay(client, data)
    assert paid.status_code == 200, paid.content
    assert paid.json()["status"] == "paid"
    stored = Pledge.objects.get()
    assert stored.stripe_payment_intent.startswith("pi_")
    assert raised(flexible_campaign) == 2_500
    assert pay(client, data).json()["status"] == "paid"
    assert raised(flexible_campaign) == 2_500


def test_only_the_owner_pays_a_pledge(client, flexible_campaign, localstripe):
    data = pledge(client, flexible_campaign).json()
    confirm_setup(localstripe, data["client_secret"], "4242424242424242")
    stranger = pay(Client(), {**data, "token": "00000000-0000-0000-0000-000000000000"})
    assert stranger.status_code == 403
    assert Pledge.objects.get().status == PledgeStatus.PENDING


def test_a_declined_charge_fails_the_pledge_in_the_visitors_language(
    client, flexible_campaign, localstripe
):
    data = pledge(client, flexible_campaign).json()
    confirm_setup(localstripe, data["client_secret"], "4000000000000341")
    refused = pay(client, data, **{"Accept-Language": "fr"})
    assert refused.status_code == 402
    assert refused.json()["errors"]["payment_method"] == [
        "Votre carte a été refusée. Essayez une autre carte ou demandez la raison à votre banque."
    ]
    assert Pledge.objects.get().status == PledgeStatus.FAILED
    assert raised(flexible_campaign) == 0


def test_a_three_d_secure_charge_waits_for_the_bank(client, flexible_campaign, localstripe):
    data = pledge(client, flexible_campaign).json()
    confirm_setup(localstripe, data["client_secret"], "4000002760003184")
    requests.post(
        f"{localstripe}/v1/setup_intents/{data['client_secret'].split('_secret_')[0]}/confirm",
        json={"key": "pk_test_maillon", "client_secret": data["client_secret"]},
        timeout=5,
    )
    waiting = pay(client, data).json()
    assert waiting["status"] == "requires_action"
    assert waiting["client_secret"].startswith("pi_")
    assert raised(flexible_campaign) == 0


def test_three_d_secure_card_requires_action(client, flexible_campaign, localstripe):
    response = pledge(
        client, flexible_campaign, payment_method=card(localstripe, "4000002760003184")
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "requires_action"
    assert raised(flexible_campaign) == 0
    stored = Pledge.objects.get()
    authenticated = requests.post(
        f"{localstripe}/v1/payment_intents/{stored.stripe_payment_intent}/_authenticate",
        data={"client_secret": data["client_secret"], "success": "true"},
        auth=("sk_test_maillon", ""),
        timeout=5,
    )
    assert authenticated.status_code == 200
    detail = client.get(f"{URL}{stored.pk}/?token={stored.token}")
    assert detail.json()["status"] == "paid"
    assert raised(flexible_campaign) == 2_500


def test_declined_card_is_refused_and_frees_the_place(client, campaign, limited_tier, localstripe):
    limited_tier.limit = 1
    limited_tier.save()
    response = pledge(
        client,
        campaign,
        amount=5_000,
        reward_tier=limited_tier.pk,
        payment_method=card(localstripe, "4000000000000002"),
    )
    assert response.status_code == 402
    assert "payment_method" in response.json()["errors"]
    assert Pledge.objects.get().status == PledgeStatus.FAILED
    again = pledge(
        client, campaign, amount=5_000, reward_tier=limited_tier.pk, payment_method="pm_card_visa"
    )
    assert again.status_code == 201


def test_tier_pledge_claims_a_place_and_sold_out_tier_is_409(client, campaign, limited_tier):
    limited_tier.limit = 2
    limited_tier.save()
    for _n in range(2):
        ok = pledge(client, campaign, amount=5_000, reward_tier=limited_tier.pk)
        assert ok.status_code == 201
        assert ok.json()["reward_tier"] == limited_tier.pk
    sold_out = pledge(client, campaign, amount=5_000, reward_tier=limited_tier.pk)
    assert sold_out.status_code == 409
    assert "reward_tier" in sold_out.json()["errors"]
    assert Pledge.objects.count() == 2


@pytest.mark.parametrize(("start", "end"), [(1, 10), (-10, -1)], ids=["upcoming", "ended"])
def test_campaign_not_live_is_409(client, operator, start, end):
    now = timezone.now()
    closed = CampaignPageFactory(
        parent=operator,
        starts_at=now + datetime.timedelta(days=start),
        deadline=now + datetime.timedelta(days=end),
    )
    response = pledge(client, closed)
    assert response.status_code == 409
    assert "campaign" in response.json()["errors"]
    assert not Pledge.objects.exists()


BAD_INPUT = [
    ("zero", {"amount": 0}, "amount"),
    ("negative", {"amount": -500}, "amount"),
    ("non-integer", {"amount": 25.5}, "amount"),
    ("float-integral", {"amount": 2500.0}, "amount"),
    ("non-numeric", {"amount": "vingt"}, "amount"),
    ("numeric-string", {"amount": "2500"}, "amount"),
    ("boolean", {"amount": True}, "amount"),
    ("over-a-million", {"amount": 100_000_001}, "amount"),
    ("unknown-campaign", {"campaign": 999_999}, "campaign"),
    ("campaign-not-a-number", {"campaign": "velo"}, "campaign"),
    ("unknown-tier", {"reward_tier": 999_999}, "reward_tier"),
    ("dollars", {"currency": "USD"}, "currency"),
    ("malformed-email", {"email": "lea@"}, "email"),
    ("no-email", {"email": ""}, "email"),
    ("no-name", {"name": "  "}, "name"),
    ("bad-payment-method", {"payment_method": "tok_visa"}, "payment_method"),
]


@pytest.mark.parametrize(("label", "fields", "field"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_is_a_400_and_stores_nothing(client, campaign, label, fields, field):
    response = pledge(client, campaign, **fields)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert errors[field][0]
    assert not Pledge.objects.exists()


def test_amount_below_the_tier_minimum_is_400(client, campaign, limited_tier):
    response = pledge(client, campaign, amount=4_999, reward_tier=limited_tier.pk)
    assert response.status_code == 400
    assert "50\xa0€" in response.json()["errors"]["amount"][0]
    assert not Pledge.objects.exists()


def test_tier_of_another_campaign_is_400(client, campaign, operator):
    other_tier = RewardTierFactory(campaign=CampaignPageFactory(parent=operator))
    response = pledge(client, campaign, reward_tier=other_tier.pk)
    assert response.status_code == 400
    assert "reward_tier" in response.json()["errors"]
    assert not Pledge.objects.exists()


def test_non_json_and_oversized_bodies_are_400(client, campaign):
    form = client.post(URL, {"campaign": campaign.pk, "amount": 2_500})
    assert form.status_code == 400
    assert "non_field_errors" in form.json()["errors"]
    broken = client.post(URL, "{not json", content_type="application/json")
    assert broken.status_code == 400
    assert "non_field_errors" in broken.json()["errors"]
    huge = client.post(
        URL,
        json.dumps({"campaign": campaign.pk, "amount": 2_500, "name": "x" * 20_000}),
        content_type="application/json",
    )
    assert huge.status_code == 400
    assert "non_field_errors" in huge.json()["errors"]
    not_an_object = client.post(URL, "[1, 2]", content_type="application/json")
    assert not_an_object.status_code == 400
    assert not Pledge.objects.exists()


def test_errors_come_in_the_requests_language(client, campaign):
    response = client.post(
        URL,
        json.dumps({"campaign": campaign.pk, "amount": 2_500, "email": "x@", "name": "Jan"}),
        content_type="application/json",
        headers={"accept-language": "nl"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["email"] == ["Voer een geldig e-mailadres in."]


def test_logged_in_member_pledges_without_email_or_name(member_client, member, campaign):
    response = member_client.post(
        URL,
        json.dumps({"campaign": campaign.pk, "amount": 3_000, "payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    stored = Pledge.objects.get()
    assert (stored.backer, stored.email) == (member, member.email)
    assert member_client.get(f"{URL}{stored.pk}/").status_code == 200


def test_only_the_owner_reads_and_changes_a_pledge(client, campaign):
    data = pledge(client, campaign, payment_method="pm_card_visa").json()
    assert client.get(f"{URL}{data['id']}/").status_code == 403
    owner = client.get(f"{URL}{data['id']}/?token={data['token']}")
    assert owner.json()["status"] == "committed"
    stranger = Client()
    assert stranger.get(f"{URL}{data['id']}/").status_code == 403
    assert stranger.delete(f"{URL}{data['id']}/").status_code == 403
    with_token = stranger.get(f"{URL}{data['id']}/", headers={"x-pledge-token": data["token"]})
    assert with_token.status_code == 200
    # An unknown pledge reads like someone else's: ids reveal nothing.
    assert client.get(f"{URL}424242/").status_code == 403


def test_backer_changes_amount_and_tier_then_cancels(client, campaign, limited_tier):
    data = pledge(client, campaign, payment_method="pm_card_visa").json()
    url = f"{URL}{data['id']}/?token={data['token']}"
    changed = client.patch(
        url,
        json.dumps({"amount": 6_000, "reward_tier": limited_tier.pk, "anonymous": True}),
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["amount"], changed.json()["reward_tier"]) == (6_000, limited_tier.pk)
    assert raised(campaign) == 6_000
    (tier,) = CampaignPage.objects.get(pk=campaign.pk).tiers_with_stock()
    assert tier.claimed == 1
    too_low = client.patch(url, json.dumps({"amount": 4_000}), content_type="application/json")
    assert too_low.status_code == 400
    cancelled = client.delete(url)
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert raised(campaign) == 0
    assert client.delete(url).status_code == 409


def test_paid_flexible_pledge_is_refunded_when_lowered_or_cancelled(client, flexible_campaign):
    data = pledge(client, flexible_campaign, amount=5_000, payment_method="pm_card_visa").json()
    url = f"{URL}{data['id']}/?token={data['token']}"
    lowered = client.patch(url, json.dumps({"amount": 3_000}), content_type="application/json")
    assert lowered.status_code == 200
    assert raised(flexible_campaign) == 3_000
    higher = client.patch(url, json.dumps({"amount": 9_000}), content_type="application/json")
    assert higher.status_code == 409
    assert client.delete(url).json()["status"] == "cancelled"
    stored = Pledge.objects.get()
    assert stored.refunded_amount == 5_000
    assert raised(flexible_campaign) == 0


def test_last_day_changes_cannot_drop_below_the_goal(client, operator):
    now = timezone.now()
    closing = CampaignPageFactory(
        parent=operator, goal=10_000, deadline=now + datetime.timedelta(hours=5)
    )
    PledgeFactory(campaign=closing, amount=6_000)
    data = pledge(client, closing, amount=5_000, payment_method="pm_card_visa").json()
    url = f"{URL}{data['id']}/?token={data['token']}"
    assert (
        client.patch(
            url, json.dumps({"amount": 3_000}), content_type="application/json"
        ).status_code
        == 409
    )
    assert client.delete(url).status_code == 409
    raised_more = client.patch(url, json.dumps({"amount": 8_000}), content_type="application/json")
    assert raised_more.status_code == 200
    lowered_but_above = client.patch(
        url, json.dumps({"amount": 4_000}), content_type="application/json"
    )
    assert lowered_but_above.status_code == 200
    assert raised(closing) == 10_000
