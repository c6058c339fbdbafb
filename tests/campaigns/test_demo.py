from django.core.management.base import BaseCommand

import pytest

from campaigns import demo
from campaigns.models import CampaignIndexPage, CampaignPage, MatchFund, Pledge

pytestmark = pytest.mark.django_db


def test_demo_seeds_six_translated_campaigns_once(site, client):
    demo.seed(BaseCommand())
    demo.seed(BaseCommand())

    french = CampaignPage.objects.filter(locale__language_code="fr")
    assert french.count() == 6
    for campaign in french:
        for language in ("nl", "de", "en"):
            copy = CampaignPage.objects.get(
                translation_key=campaign.translation_key, locale__language_code=language
            )
            assert copy.alias_of_id is None
            assert copy.title != campaign.title or language == "en"
    statuses = {campaign.status for campaign in french}
    assert {"live", "successful", "unsuccessful"} <= statuses
    assert any(c.is_live and c.days_left <= 1 for c in french)
    assert MatchFund.objects.count() == 1
    assert any(c.matched > 0 for c in french)
    assert any(c.reward_tiers.exists() for c in french)
    assert Pledge.objects.count() == 14
    assert CampaignIndexPage.objects.count() == 4

    dutch_index = CampaignIndexPage.objects.get(locale__language_code="nl")
    html = client.get(dutch_index.url).content.decode()
    assert "Solidaire fietswerkplaats in Namen" in html
    german = CampaignPage.objects.get(slug="solidarische-fahrradwerkstatt-in-namur")
    assert "Mitgliedskarte" in client.get(german.url).content.decode()
