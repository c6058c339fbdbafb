import datetime

from django.utils import timezone

import factory
import wagtail_factories

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    FinancingSource,
    FundingModel,
    MatchFund,
    Pledge,
    PledgeStatus,
    RewardTier,
)


def _now_to_the_second():
    """Revisions store times to the millisecond: keep factories' times comparable after one."""
    return timezone.now().replace(microsecond=0)


class CampaignPageFactory(wagtail_factories.PageFactory):
    """A live all-or-nothing campaign of 1,000 EUR ending in ten days; give it a `parent`."""

    class Meta:
        model = CampaignPage

    title = factory.Sequence(lambda n: f"Campagne {n}")
    summary = "Un atelier de réparation de vélos pour le quartier."
    goal = 100_000
    starts_at = factory.LazyFunction(lambda: _now_to_the_second() - datetime.timedelta(days=5))
    deadline = factory.LazyFunction(lambda: _now_to_the_second() + datetime.timedelta(days=10))
    funding_model = FundingModel.ALL_OR_NOTHING


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CampaignIndexPage

    title = "Campagnes"
    slug = "campagnes"
    intro = "Tous les projets à soutenir."


class RewardTierFactory(factory.django.DjangoModelFactory):
    """A tier saved on its campaign's row; publish the campaign again to put it in a revision."""

    class Meta:
        model = RewardTier

    campaign = factory.SubFactory(CampaignPageFactory)
    title = factory.Sequence(lambda n: f"Contrepartie {n}")
    description = "Une carte postale dessinée par l'équipe."
    minimum_amount = 2_000
    limit = None
    locale = factory.SelfAttribute("campaign.locale")


class PledgeFactory(factory.django.DjangoModelFactory):
    """A pledge already counted (committed), as if its card had been saved."""

    class Meta:
        model = Pledge

    campaign = factory.SubFactory(CampaignPageFactory)
    campaign_key = factory.SelfAttribute("campaign.translation_key")
    reward_tier = None
    tier_key = factory.LazyAttribute(
        lambda pledge: pledge.reward_tier.translation_key if pledge.reward_tier else None
    )
    email = factory.Sequence(lambda n: f"backer{n}@example.org")
    name = factory.Faker("name", locale="fr_BE")
    language = "fr"
    amount = 2_500
    funding_model = factory.SelfAttribute("campaign.funding_model")
    status = PledgeStatus.COMMITTED


class MatchFundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchFund
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Fonds {n}")
    total = 100_000
    ratio_fund = 1
    ratio_crowd = 1

    @factory.post_generation
    def campaigns(self, create, extracted, **kwargs):
        if create and extracted:
            self.campaigns.set(extracted)


class FinancingSourceFactory(factory.django.DjangoModelFactory):
    """A typed line of a campaign's plan (a grant of 500 EUR unless told otherwise)."""

    class Meta:
        model = FinancingSource

    campaign = factory.SubFactory(CampaignPageFactory)
    kind = "grant"
    label = factory.Sequence(lambda n: f"Subside {n}")
    amount = 50_000
    status = "granted"
    locale = factory.SelfAttribute("campaign.locale")
