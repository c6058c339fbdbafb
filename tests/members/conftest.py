"""Members' fixtures: the campaigns' local Stripe and campaign, the lab's brief, and helpers."""

from django.test import Client

from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from members.models import PublicProfile
from tests.campaigns.conftest import (  # noqa: F401
    campaign,
    localstripe,
    stripe_settings,
    threads_db,
)
from tests.factories import MemberFactory
from tests.lab.conftest import (  # noqa: F401
    brief,
    category,
    community,
    community_moderator,
    territory,
)


def client_for(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def holder(db):
    return MemberFactory(first_name="Inès", last_name="Lambert")


@pytest.fixture
def live_campaign(campaign, holder):  # noqa: F811
    """The campaign published with its project holder, in all four languages."""
    campaign.project_holder = holder
    campaign.save_revision().publish()
    create_aliases_for_new_page(campaign)
    return campaign


def public_profile(member, **fields):
    fields.setdefault("is_public", True)
    profile, _created = PublicProfile.objects.update_or_create(member=member, defaults=fields)
    return profile
