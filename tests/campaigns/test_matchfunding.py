"""Match funding rules: ratio, caps, trigger, eligibility, release."""

import pytest

from campaigns.models import CampaignPage, PledgeMatch, PledgeStatus
from campaigns.pledging import move
from tests.factories import CategoryFactory, TerritoryFactory
from tests.factories.campaigns import CampaignPageFactory, MatchFundFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def count(campaign, amount, email="lea@example.org"):
    pledge = PledgeFactory(
        campaign=campaign, amount=amount, email=email, status=PledgeStatus.PENDING
    )
    return move(pledge.pk, PledgeStatus.COMMITTED)


def fund_for(campaign, **rules):
    return MatchFundFactory(operator=campaign.get_parent().specific, campaigns=[campaign], **rules)


def test_ratio_and_caps(campaign):
    fund_for(campaign, ratio_fund=1, ratio_crowd=2, cap_per_pledge=1_000)
    assert count(campaign, 1_000).matched_amount == 500
    assert count(campaign, 5_000).matched_amount == 1_000


def test_cap_per_backer_and_per_campaign(campaign):
    fund_for(campaign, cap_per_backer=3_000, cap_per_campaign=5_000)
    assert count(campaign, 2_000, "a@example.org").matched_amount == 2_000
    assert count(campaign, 2_000, "A@example.org").matched_amount == 1_000
    assert count(campaign, 4_000, "b@example.org").matched_amount == 2_000
    assert count(campaign, 4_000, "c@example.org").matched_amount == 0
    assert CampaignPage.objects.get(pk=campaign.pk).matched == 5_000


def test_pot_runs_dry(campaign):
    fund_for(campaign, total=3_000)
    assert count(campaign, 2_000).matched_amount == 2_000
    assert count(campaign, 2_000).matched_amount == 1_000
    assert count(campaign, 2_000).matched_amount == 0


def test_trigger_waits_for_a_quarter_of_the_goal(campaign):
    fund_for(campaign, trigger_percent=25)  # goal 1,000 EUR: starts at 250 EUR from the crowd
    assert count(campaign, 20_000).matched_amount == 0
    assert count(campaign, 5_000).matched_amount == 5_000


def test_eligibility_by_category_and_territory(operator):
    energy = CategoryFactory(name="Énergie", slug="energie")
    namur = TerritoryFactory(name="Namur", slug="namur")
    gembloux = TerritoryFactory(name="Gembloux", slug="gembloux", level="commune", parent=namur)
    eligible = CampaignPageFactory(parent=operator, category=energy, territory=gembloux)
    other = CampaignPageFactory(parent=operator, territory=gembloux)
    fund = MatchFundFactory(operator=operator, campaigns=[eligible, other])
    fund.categories.set([energy])
    fund.territories.set([namur])
    assert count(eligible, 1_000).matched_amount == 1_000
    assert count(other, 1_000).matched_amount == 0


def test_match_is_released_with_its_pledge(campaign):
    fund = fund_for(campaign, total=2_000)
    first = count(campaign, 2_000)
    assert first.matched_amount == 2_000
    move(first.pk, PledgeStatus.CANCELLED)
    assert PledgeMatch.objects.get(pledge=first).released_at is not None
    assert CampaignPage.objects.get(pk=campaign.pk).matched == 0
    assert count(campaign, 2_000).matched_amount == 2_000
    assert fund.matches.filter(released_at__isnull=True).count() == 1


def test_inactive_or_uncovered_funds_add_nothing(campaign, operator):
    fund_for(campaign, active=False)
    MatchFundFactory(operator=operator, campaigns=[CampaignPageFactory(parent=operator)])
    assert count(campaign, 2_000).matched_amount == 0
