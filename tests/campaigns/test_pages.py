"""Campaign pages and the index as visitors see them, in a constant number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from campaigns.models import PledgeStatus
from tests.factories import CategoryFactory
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MatchFundFactory,
    PledgeFactory,
    RewardTierFactory,
)

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return page


def test_campaign_page_shows_money_apart_tiers_and_the_form(client, campaign, limited_tier):
    publish(campaign)
    fund = MatchFundFactory(operator=campaign.get_parent().specific, campaigns=[campaign])
    PledgeFactory(campaign=campaign, amount=6_000, reward_tier=limited_tier, name="Léa D.")
    PledgeFactory(campaign=campaign, amount=1_500, anonymous=True, name="Caché")
    response = client.get(campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="raised">75\xa0€' in html
    assert 'data-testid="backers">2' in html
    assert "Atelier privé" in html
    assert f'data-testid="tier-{limited_tier.pk}-left">9 ' in html
    assert "Léa D." in html
    assert "Caché" not in html
    assert fund.name in html
    assert 'id="pledge-form"' in html
    assert "/js.stripe.com/v3/" in html


def test_matched_money_is_shown_apart(client, campaign):
    publish(campaign)
    PledgeFactory(campaign=campaign, amount=4_000, matched_amount=4_000)
    html = client.get(campaign.url).content.decode()
    assert 'data-testid="raised">40\xa0€' in html
    assert 'data-testid="matched">40\xa0€' in html


def test_ended_campaign_has_no_form(client, operator):
    now = timezone.now()
    ended = CampaignPageFactory(
        parent=operator,
        starts_at=now - datetime.timedelta(days=20),
        deadline=now - datetime.timedelta(days=1),
    )
    html = client.get(ended.url).content.decode()
    assert 'id="pledge-form"' not in html
    assert "Unsuccessful" in html or "Non financée" in html or "unsuccessful" in html


def _populate(campaign, tiers, pledges):
    made = [RewardTierFactory(campaign=campaign, limit=50) for _n in range(tiers)]
    for n in range(pledges):
        PledgeFactory(campaign=campaign, reward_tier=made[n % tiers] if made else None)
    publish(campaign)


def test_campaign_page_queries_do_not_grow(client, operator, django_assert_max_num_queries):
    """Rendered again in the same generation of the site (portal.pagecache), at most 12
    queries; rendered afresh after a pledge, the same number whatever the page's size."""
    small = CampaignPageFactory(parent=operator)
    _populate(small, tiers=1, pledges=1)
    big = CampaignPageFactory(parent=operator)
    _populate(big, tiers=8, pledges=40)
    create_aliases_for_new_page(big)
    client.get(small.url)
    client.get(big.url)
    with django_assert_max_num_queries(12) as small_queries:
        assert client.get(small.url).status_code == 200
    with django_assert_max_num_queries(len(small_queries)) as big_queries:
        assert client.get(big.url).status_code == 200
    assert len(big_queries) == len(small_queries)
    PledgeFactory(campaign=small)
    with django_assert_max_num_queries(30) as small_afresh:
        assert client.get(small.url).status_code == 200
    PledgeFactory(campaign=big)
    with django_assert_max_num_queries(len(small_afresh)) as big_afresh:
        assert client.get(big.url).status_code == 200
    assert len(big_afresh) == len(small_afresh)


def test_index_filters_sorts_and_paginates(client, home, operator, other_operator):
    index = CampaignIndexPageFactory(parent=home)
    energy = CategoryFactory(name="Énergie", slug="energie")
    now = timezone.now()
    soon = CampaignPageFactory(
        parent=operator, title="Bientôt fini", deadline=now + datetime.timedelta(hours=20)
    )
    funded = CampaignPageFactory(parent=other_operator, title="Très soutenu", category=energy)
    PledgeFactory(campaign=funded, amount=90_000)
    CampaignPageFactory(
        parent=operator, title="Futur fournil", starts_at=now + datetime.timedelta(days=3)
    )
    done = CampaignPageFactory(
        parent=operator,
        title="Ancien verger",
        starts_at=now - datetime.timedelta(days=30),
        deadline=now - datetime.timedelta(days=1),
    )
    PledgeFactory(campaign=done, amount=100_000)

    html = client.get(index.url).content.decode()
    assert html.index("Bientôt fini") < html.index("Très soutenu")
    assert "Futur fournil" not in html and "Ancien verger" not in html
    by_funding = client.get(index.url, {"sort": "funded"}).content.decode()
    assert by_funding.index("Très soutenu") < by_funding.index("Bientôt fini")
    energy_only = client.get(index.url, {"category": "energie"}).content.decode()
    assert "Très soutenu" in energy_only and "Bientôt fini" not in energy_only
    by_operator = client.get(index.url, {"operator": other_operator.slug}).content.decode()
    assert "Très soutenu" in by_operator and "Bientôt fini" not in by_operator
    successful = client.get(index.url, {"status": "successful"}).content.decode()
    assert "Ancien verger" in successful and "Bientôt fini" not in successful
    upcoming = client.get(index.url, {"status": "upcoming"}).content.decode()
    assert "Futur fournil" in upcoming
    assert soon.title in client.get(index.url, {"status": "nonsense", "sort": "x"}).content.decode()


def test_index_queries_do_not_grow(client, home, operator):
    index = CampaignIndexPageFactory(parent=home)
    first = CampaignPageFactory(parent=operator)
    _populate(first, tiers=1, pledges=1)
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(index.url)
    for _n in range(14):
        _populate(CampaignPageFactory(parent=operator), tiers=3, pledges=5)
    client.get(index.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(index.url)
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(many) == len(few) <= 12


def test_wagtail_api_exposes_money_and_tiers(
    client, campaign, limited_tier, django_assert_max_num_queries
):
    publish(campaign)
    PledgeFactory(campaign=campaign, amount=6_000, reward_tier=limited_tier)
    PledgeFactory(campaign=campaign, amount=2_000, matched_amount=1_000, status=PledgeStatus.PAID)
    PledgeFactory(campaign=campaign, amount=9_000, status=PledgeStatus.CANCELLED)
    with django_assert_max_num_queries(25):
        response = client.get(f"/api/v2/pages/{campaign.pk}/")
    data = response.json()
    assert data["meta"]["type"] == "campaigns.CampaignPage"
    assert (data["goal"], data["raised"], data["matched"], data["backers"]) == (
        100_000,
        8_000,
        1_000,
        2,
    )
    assert (data["goal_display"], data["raised_display"], data["matched_display"]) == (
        "1\u202f000\xa0€",
        "80\xa0€",
        "10\xa0€",
    )
    assert data["status"] == "live"
    assert data["funding_model"] == "all_or_nothing"
    assert data["reward_tiers"] == [
        {
            "id": limited_tier.pk,
            "title": "Atelier privé",
            "minimum_amount": 5_000,
            "minimum_amount_display": "50\xa0€",
            "limit": 10,
            "claimed": 1,
            "available": 9,
        }
    ]
    listing = client.get(
        "/api/v2/pages/", {"type": "campaigns.CampaignPage", "fields": "raised,status"}
    )
    assert listing.json()["items"][0]["raised"] == 8_000


def test_backer_sees_and_cancels_a_pledge_from_the_emailed_link(client, campaign):
    pledge = PledgeFactory(campaign=campaign, amount=2_500, stripe_setup_intent="")
    url = f"/fr/pledges/{pledge.token}/"
    html = client.get(url).content.decode()
    assert 'data-status="committed"' in html
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.CANCELLED


def test_wagtail_api_listing_costs_the_same_for_2_or_12_campaigns(client, operator):
    def count():
        url = "/api/v2/pages/?type=campaigns.CampaignPage&fields=*"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for _n in range(2):
        _populate(CampaignPageFactory(parent=operator), tiers=1, pledges=1)
    with_two = count()
    for _n in range(10):
        _populate(CampaignPageFactory(parent=operator), tiers=4, pledges=6)
    assert count() == with_two <= 12
