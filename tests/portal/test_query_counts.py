"""Public pages in a constant number of queries (at most 12), whatever the size of the site.

Each page is rendered once (the public parts are then kept for the generation of the site, see
portal.pagecache), then counted with few and with many campaigns, briefs and pledges.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import CategoryFactory, ContentPageFactory
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    PledgeFactory,
    RewardTierFactory,
)
from tests.factories.lab import (
    LabBriefPageFactory,
    LabIndexPageFactory,
    VolunteerSignupFactory,
    VolunteerTaskFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(operator, campaigns, briefs):
    for _n in range(campaigns):
        campaign = CampaignPageFactory(parent=operator, category=CategoryFactory())
        tier = RewardTierFactory(campaign=campaign, limit=20)
        for _p in range(3):
            PledgeFactory(campaign=campaign, reward_tier=tier)
        campaign.save_revision().publish()
    for _n in range(briefs):
        brief = LabBriefPageFactory(parent=operator, category=CategoryFactory())
        VolunteerSignupFactory(task=VolunteerTaskFactory(brief=brief))
        brief.save_revision().publish()


def test_every_public_page_type_costs_the_same_small_or_big(client, home, operator):
    pages = {
        "home": home,
        "operator": operator,
        "content": ContentPageFactory(parent=home, title="À propos", slug="a-propos"),
        "campaign index": CampaignIndexPageFactory(parent=home),
        "lab index": LabIndexPageFactory(parent=home),
    }
    for page in pages.values():
        page.save_revision().publish()
    _grow(operator, campaigns=2, briefs=2)
    small = {name: _queries(client, page.url) for name, page in pages.items()}
    _grow(operator, campaigns=12, briefs=12)
    big = {name: _queries(client, page.url) for name, page in pages.items()}
    assert big == small
    assert max(small.values()) <= 12, small


def test_members_pages_cost_their_session_and_their_user(
    settings, home, operator, member_client, django_assert_max_num_queries
):
    """A member with nothing of their own on a page gets the members' edition of it
    (portal.pagecache.MemberEdition): the page's queries are made once per generation."""
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_TIMEOUT = 600
    _grow(operator, campaigns=3, briefs=3)
    pages = {
        "home": home,
        "operator": operator,
        "content": ContentPageFactory(parent=home, title="À propos", slug="a-propos"),
        "campaign index": CampaignIndexPageFactory(parent=home),
        "lab index": LabIndexPageFactory(parent=home),
        "campaign": operator.get_children()
        .type(CampaignPageFactory._meta.model)
        .specific()
        .first(),
        "brief": operator.get_children().type(LabBriefPageFactory._meta.model).specific().first(),
    }
    for page in pages.values():
        page.save_revision().publish()
    for name, page in pages.items():
        assert member_client.get(page.url).status_code == 200, name
    for name, page in pages.items():
        with django_assert_max_num_queries(2, info=name):
            html = member_client.get(page.url).content.decode()
        assert "csrfmiddlewaretoken" in html, name
