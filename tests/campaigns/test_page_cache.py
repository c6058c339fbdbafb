"""Whole pages served from the cache to anonymous visitors: exact, and never anyone's own."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from campaigns.models import PledgeStatus
from tests.factories import ContentPageFactory, MemberFactory
from tests.factories.campaigns import CampaignIndexPageFactory, PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_TIMEOUT = 600


def publish(page):
    page.save_revision().publish()
    return page


def test_anonymous_page_is_served_from_the_cache_with_public_headers(
    client, campaign, django_assert_num_queries
):
    publish(campaign)
    first = client.get(campaign.url)
    assert first.status_code == 200
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()
    cache_control = first["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "Cookie" in first["Vary"]
    with django_assert_num_queries(0):
        again = client.get(campaign.url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        unchanged = client.get(campaign.url, headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304


def test_money_moving_refreshes_the_campaign_and_its_listings(
    client, home, campaign, django_capture_on_commit_callbacks
):
    index = CampaignIndexPageFactory(parent=home)
    publish(campaign)
    assert 'data-testid="raised">0\xa0€' in client.get(campaign.url).content.decode()
    client.get(index.url)
    with django_capture_on_commit_callbacks(execute=True):
        pledge = PledgeFactory(campaign=campaign, amount=4_200, name="Léa D.")
    page = client.get(campaign.url).content.decode()
    assert 'data-testid="raised">42\xa0€' in page and "Léa D." in page
    assert "42\xa0€" in client.get(index.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        pledge.status = PledgeStatus.CANCELLED
        pledge.save()
    page = client.get(campaign.url).content.decode()
    assert 'data-testid="raised">0\xa0€' in page and "Léa D." not in page


def test_publishing_refreshes_the_page_and_the_pages_listing_it(client, home, operator, campaign):
    index = CampaignIndexPageFactory(parent=home)
    publish(campaign)
    for url in (campaign.url, index.url, operator.url):
        assert "Vélo-atelier de Namur" in client.get(url).content.decode()
    campaign.title = "Atelier vélo solidaire"
    publish(campaign)
    for url in (campaign.url, index.url, operator.url):
        html = client.get(url).content.decode()
        assert "Atelier vélo solidaire" in html and "Vélo-atelier de Namur" not in html
    campaign.unpublish()
    assert client.get(campaign.url).status_code == 404
    assert "Atelier vélo solidaire" not in client.get(index.url).content.decode()


def test_members_get_their_own_page_never_a_cached_one(client, campaign):
    publish(campaign)
    anonymous_html = client.get(campaign.url).content.decode()
    first, second = MemberFactory(first_name="Aline"), MemberFactory(first_name="Bruno")
    for member, other in ((first, second), (second, first)):
        member_client = Client()
        member_client.force_login(member)
        response = member_client.get(campaign.url)
        html = response.content.decode()
        assert member.display_name in html and other.display_name not in html
        assert "csrfmiddlewaretoken" in html
        assert "private" in response["Cache-Control"]
    assert client.get(campaign.url).content.decode() == anonymous_html
    assert first.display_name not in anonymous_html


def test_pages_with_a_token_or_a_restriction_are_never_stored(client, home):
    page = ContentPageFactory(parent=home, title="Réservé", slug="reserve")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    first = client.get(page.url)
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert "private" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert len(queries) > 0
    assert "csrfmiddlewaretoken" in second.content.decode()


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, campaign):
    publish(campaign)
    client.get(campaign.url)
    member = MemberFactory(first_name="Chloé")
    client.force_login(member)
    assert member.display_name in client.get(campaign.url).content.decode()
    client.logout()
    assert member.display_name not in client.get(campaign.url).content.decode()
