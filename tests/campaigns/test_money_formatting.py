"""Amounts read as each language writes them: on the page, in the API and in the e-mails."""

import json

from django.test import Client

from wagtail.models import Page
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from campaigns import emails
from campaigns.models import PledgeStatus
from tests.factories.campaigns import PledgeFactory

pytestmark = pytest.mark.django_db

NNBSP, NBSP = "\u202f", "\xa0"
RAISED = {
    "fr": f"1{NNBSP}234,50{NBSP}€",
    "nl": f"€{NBSP}1.234,50",
    "de": f"1.234,50{NBSP}€",
    "en": "€1,234.50",
}
GOAL = {"fr": f"1{NNBSP}000{NBSP}€", "nl": f"€{NBSP}1.000", "de": f"1.000{NBSP}€", "en": "€1,000"}


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_campaign_page_shows_money_in_its_language(client, campaign, language):
    campaign.save_revision().publish()
    create_aliases_for_new_page(campaign)
    PledgeFactory(campaign=campaign, amount=123_450, status=PledgeStatus.PAID)
    copy = Page.objects.get(
        translation_key=campaign.translation_key, locale__language_code=language
    ).specific
    html = client.get(copy.url).content.decode()
    assert f'data-testid="raised">{RAISED[language]}</dd>' in html
    assert GOAL[language] in html


@pytest.mark.parametrize("language", ["fr", "nl", "de", "en"])
def test_the_pledge_api_displays_amounts_in_the_requests_language(campaign, language):
    response = Client(headers={"accept-language": language}).post(
        "/api/v1/pledges/",
        json.dumps(
            {"campaign": campaign.pk, "amount": 123_450, "email": "a@example.org", "name": "A"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["amount"], data["amount_display"]) == (123_450, RAISED[language])
    assert (
        data["matched_display"]
        == {"fr": f"0{NBSP}€", "nl": f"€{NBSP}0", "de": f"0{NBSP}€", "en": "€0"}[language]
    )


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", f"votre promesse de 1{NNBSP}234,50{NBSP}€ à"),
        ("nl", f"uw toezegging van €{NBSP}1.234,50 aan"),
        ("de", f"Ihre Zusage von 1.234,50{NBSP}€ für"),
        ("en", "your pledge of €1,234.50 to"),
    ],
)
def test_the_receipt_writes_the_amount_in_the_backers_language(
    campaign, mailoutbox, language, sentence
):
    pledge = PledgeFactory(campaign=campaign, amount=123_450, language=language)
    emails.send_to_backer(pledge, "receipt")
    body = mailoutbox[-1].body
    assert sentence in body
    assert "EUR" not in body
