import datetime

from django.utils import timezone

import pytest

from campaigns.models import CampaignPage, Pledge, PledgeStatus
from portal.models import HomePage, OperatorPage
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory, RewardTierFactory

pytestmark = pytest.mark.django_db


def test_admin_adds_campaigns_under_an_operator_and_the_index_under_home(admin_client, operator):
    """What an editor can add where, through the admin's add view: not the declarations."""
    home = HomePage.objects.get(pk=operator.get_parent().pk)
    add = "/admin/pages/add/campaigns/{}/{}/"
    assert admin_client.get(add.format("campaignpage", operator.pk)).status_code == 200
    # Wagtail answers a page type that may not go there with a redirect to the dashboard.
    for refused in (
        add.format("campaignpage", home.pk),
        add.format("campaignindexpage", operator.pk),
    ):
        response = admin_client.get(refused)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert isinstance(operator.specific, OperatorPage)


@pytest.mark.parametrize(
    ("start_days", "end_days", "raised", "model", "expected"),
    [
        (1, 10, 0, "all_or_nothing", "upcoming"),
        (-1, 10, 0, "all_or_nothing", "live"),
        (-10, -1, 100_000, "all_or_nothing", "successful"),
        (-10, -1, 99_999, "all_or_nothing", "unsuccessful"),
        (-10, -1, 5_000, "flexible", "closed"),
    ],
)
def test_status_is_derived_from_dates_and_money(
    operator, start_days, end_days, raised, model, expected
):
    now = timezone.now()
    campaign = CampaignPageFactory(
        parent=operator,
        starts_at=now + datetime.timedelta(days=start_days),
        deadline=now + datetime.timedelta(days=end_days),
        funding_model=model,
    )
    if raised:
        PledgeFactory(campaign=campaign, amount=raised)
    assert campaign.status == expected


def test_open_queryset_and_protocol_attributes(operator):
    now = timezone.now()
    live = CampaignPageFactory(parent=operator)
    CampaignPageFactory(parent=operator, starts_at=now + datetime.timedelta(days=1))
    CampaignPageFactory(
        parent=operator,
        starts_at=now - datetime.timedelta(days=9),
        deadline=now - datetime.timedelta(days=1),
    )
    assert list(CampaignPage.objects.open()) == [live]
    assert CampaignPage.search_kind == "campaign"
    assert live.needs == ["money"]
    assert live.operator_page == operator


def test_totals_count_only_counted_pledges_and_distinct_backers(campaign):
    PledgeFactory(campaign=campaign, amount=3_000, email="a@example.org")
    PledgeFactory(campaign=campaign, amount=2_000, email="a@example.org", status=PledgeStatus.PAID)
    PledgeFactory(campaign=campaign, amount=9_000, status=PledgeStatus.CANCELLED)
    PledgeFactory(campaign=campaign, amount=7_000, status=PledgeStatus.PENDING)
    PledgeFactory(campaign=campaign, amount=1_000, refunded_amount=400, status=PledgeStatus.PAID)
    campaign = CampaignPage.objects.get(pk=campaign.pk)
    assert campaign.raised == 5_600
    assert campaign.backers == 2
    assert campaign.needs == ["money"]


def test_tier_places_are_counted_across_pending_and_counted_pledges(campaign, limited_tier):
    PledgeFactory.create_batch(3, campaign=campaign, reward_tier=limited_tier)
    PledgeFactory(campaign=campaign, reward_tier=limited_tier, status=PledgeStatus.PENDING)
    PledgeFactory(campaign=campaign, reward_tier=limited_tier, status=PledgeStatus.CANCELLED)
    (tier,) = campaign.tiers_with_stock()
    assert (tier.claimed, tier.available) == (4, 6)
    assert Pledge.objects.claimed_by_tier([tier.translation_key]) == {tier.translation_key: 4}
    assert RewardTierFactory(campaign=campaign, limit=None).available is None


def test_translation_shares_tiers_and_money_and_synchronises_amounts(campaign, limited_tier):
    from portal.translation import translate
    from tests.campaigns.conftest import translate_snippet
    from tests.factories import CategoryFactory

    category = CategoryFactory(name="Mobilité", slug="mobilite")
    translate_snippet(category, "nl", name="Mobiliteit", slug="mobiliteit")
    campaign.category = category
    campaign.save_revision().publish()
    PledgeFactory(campaign=campaign, amount=6_000, reward_tier=limited_tier)

    dutch = translate(
        campaign,
        "nl",
        {
            "Vélo-atelier de Namur": "Fietswerkplaats Namen",
            "velo-atelier": "fietswerkplaats",
            "Un atelier de réparation de vélos pour le quartier.": "Een fietsherstelplaats.",
            "Atelier privé": "Privéworkshop",
            "Une carte postale dessinée par l'équipe.": "Een postkaart van het team.",
        },
    )
    dutch = CampaignPage.objects.get(pk=dutch.pk)
    assert dutch.locale.language_code == "nl"
    assert dutch.category.name == "Mobiliteit"
    campaign.refresh_from_db()
    assert (dutch.goal, dutch.deadline) == (campaign.goal, campaign.deadline)
    (tier,) = dutch.tiers_with_stock()
    assert tier.title == "Privéworkshop"
    assert tier.translation_key == limited_tier.translation_key
    assert (tier.limit, tier.claimed) == (10, 1)
    assert dutch.raised == 6_000
