"""The members' app answers the GDPR hooks: export every row about the member, then erase them."""

import json

from wagtail import hooks

import pytest

from members.follows import follow_key
from members.models import FeedEvent, Follow, PublicProfile, Target
from members.wagtail_hooks import erase_member_data, export_member_data
from tests.members.conftest import public_profile

pytestmark = pytest.mark.django_db


def test_export_then_erase(member, holder, live_campaign):
    public_profile(member, bio="Cycliste.")
    follow_key(member, Target.CAMPAIGN, live_campaign.translation_key)
    assert export_member_data in hooks.get_hooks("register_member_data_export")
    assert erase_member_data in hooks.get_hooks("register_member_erase")

    exported = export_member_data(member)
    json.dumps(exported)
    assert exported["public_profile"][0]["bio"] == "Cycliste."
    assert exported["follows"][0]["key"] == str(live_campaign.translation_key)

    erase_member_data(holder)
    assert FeedEvent.objects.filter(kind="new_project").get().actor is None
    erase_member_data(member)
    assert not PublicProfile.objects.filter(member=member).exists()
    assert not Follow.objects.filter(member=member).exists()
