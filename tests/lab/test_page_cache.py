"""A brief's counters on the cached page follow sign-ups at once."""

import pytest

from tests.factories import MemberFactory
from tests.factories.lab import VolunteerSignupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_TIMEOUT = 600


def test_a_sign_up_refreshes_the_cached_brief(client, brief, task, django_assert_num_queries):
    counter = f'data-task-counter="{task.pk}">'
    assert f"{counter}0 / 5" in client.get(brief.url).content.decode()
    with django_assert_num_queries(0):
        client.get(brief.url)
    VolunteerSignupFactory(task=task, member=MemberFactory())
    assert f"{counter}1 / 5" in client.get(brief.url).content.decode()
