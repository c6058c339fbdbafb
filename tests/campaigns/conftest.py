"""Campaign fixtures: a live campaign in Nest'up's section, its tiers, and a local Stripe."""

from wagtail.models import Locale

import pytest

from tests.factories.campaigns import CampaignPageFactory, RewardTierFactory


@pytest.fixture
def campaign(operator):
    return CampaignPageFactory(parent=operator, title="Vélo-atelier de Namur", slug="velo-atelier")


@pytest.fixture
def limited_tier(campaign):
    return RewardTierFactory(
        campaign=campaign, title="Atelier privé", minimum_amount=5_000, limit=10
    )


def translate_snippet(snippet, language_code, **fields):
    """A translated copy of a category or territory (wagtail-localize links it by its key)."""
    copy = snippet.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy
