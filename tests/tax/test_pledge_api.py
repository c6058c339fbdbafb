"""A deductible gift through POST /api/v1/pledges/: the tax details checked (400 with field
errors), stored encrypted, kept for members, and the number never in a response or a log."""

import json
import logging

from django.db import connection
from django.test import Client

import pytest

from tax.models import GiftDeclaration, TaxProfile
from tests.factories.campaigns import RewardTierFactory
from tests.tax.conftest import ALICE, identity

pytestmark = pytest.mark.django_db


def pledge(client, campaign, **fields):
    body = {
        "campaign": campaign.pk,
        "amount": 10_000,
        "email": "alice@example.org",
        "name": "Alice Lambert",
        "payment_method": "pm_card_visa",
        **fields,
    }
    return client.post(
        "/api/v1/pledges/",
        json.dumps(body),
        content_type="application/json",
        headers={"accept-language": "fr"},
    )


def tax_receipt(**fields):
    return {**identity(), "national_number": "85.07.30-033.28", **fields}


def test_a_guest_gift_stores_the_details_encrypted_and_never_answers_the_number(
    client, gift_campaign, caplog
):
    caplog.set_level(logging.DEBUG)
    response = pledge(client, gift_campaign, tax_receipt=tax_receipt())
    assert response.status_code == 201, response.content
    assert ALICE not in response.content.decode()
    declaration = GiftDeclaration.objects.get(pledge_id=response.json()["id"])
    assert declaration.national_number == ALICE
    assert declaration.city == "Namur"
    with connection.cursor() as cursor:
        cursor.execute("SELECT national_number_encrypted FROM tax_giftdeclaration")
        (stored,) = cursor.fetchone()
    assert ALICE not in stored and "85.07.30" not in stored
    detail = client.get(
        f"/api/v1/pledges/{declaration.pledge_id}/?token={response.json()['token']}"
    )
    assert ALICE not in detail.content.decode()
    assert ALICE not in caplog.text and "85.07.30-033.28" not in caplog.text


def test_a_bad_national_number_is_a_400_in_the_visitors_language(client, gift_campaign, caplog):
    caplog.set_level(logging.DEBUG)
    response = pledge(
        client, gift_campaign, tax_receipt=tax_receipt(national_number="85.07.30-033.29", city="")
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "chiffres de contrôle" in errors["tax_receipt.national_number"][0]
    assert "tax_receipt.city" in errors
    assert "85.07.30-033.29" not in response.content.decode()
    assert "85073003329" not in caplog.text and "85.07.30-033.29" not in caplog.text
    assert not GiftDeclaration.objects.exists()


def test_a_gift_with_a_reward_or_to_an_unapproved_beneficiary_is_refused(
    client, gift_campaign, beneficiary
):
    tier = RewardTierFactory(campaign=gift_campaign, minimum_amount=1_000)
    response = pledge(client, gift_campaign, reward_tier=tier.pk, tax_receipt=tax_receipt())
    assert response.status_code == 400
    assert "tax_receipt" in response.json()["errors"]

    beneficiary.approved_from = None
    beneficiary.approval_reference = ""
    beneficiary.save()
    response = pledge(client, gift_campaign, tax_receipt=tax_receipt())
    assert response.status_code == 400
    assert "tax_receipt" in response.json()["errors"]
    assert not GiftDeclaration.objects.exists()


def test_a_campaign_with_another_operators_beneficiary_offers_no_deductible_gift(
    client, gift_campaign, other_operator
):
    from tests.factories.tax import BeneficiaryFactory

    gift_campaign.beneficiary = BeneficiaryFactory(operator=other_operator)
    gift_campaign.save()
    response = pledge(client, gift_campaign, tax_receipt=tax_receipt())
    assert response.status_code == 400


def test_a_member_gives_the_details_once_and_they_are_kept(member, gift_campaign):
    client = Client()
    client.force_login(member)
    response = pledge(client, gift_campaign, tax_receipt={})
    assert response.status_code == 400  # nothing kept yet
    assert pledge(client, gift_campaign, tax_receipt=tax_receipt()).status_code == 201
    profile = TaxProfile.objects.get(user=member)
    assert profile.national_number == ALICE
    response = pledge(client, gift_campaign, tax_receipt={})
    assert response.status_code == 201
    declaration = GiftDeclaration.objects.get(pledge_id=response.json()["id"])
    assert declaration.national_number == ALICE
    assert declaration.last_name == "Lambert"


def test_a_pledge_without_tax_receipt_is_unchanged(client, gift_campaign):
    response = pledge(client, gift_campaign)
    assert response.status_code == 201
    assert not GiftDeclaration.objects.exists()
