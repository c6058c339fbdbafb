"""Tax fixtures: an approved beneficiary of Nest'up, its campaign, and paid gifts to it."""

import datetime
import zoneinfo

import pytest

from campaigns.models import PledgeStatus
from tax import gifts
from tests.campaigns.conftest import localstripe, stripe_settings, threads_db  # noqa: F401
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory
from tests.factories.tax import BeneficiaryFactory

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# Valid national register numbers: born 30 July 1985; born 3 February 2001 ("2" rule).
ALICE = "85073003328"
BOB = "01020312345"


@pytest.fixture
def beneficiary(operator):
    return BeneficiaryFactory(operator=operator)


@pytest.fixture
def gift_campaign(operator, beneficiary):
    return CampaignPageFactory(
        parent=operator,
        title="Repair Café de Namur",
        slug="repair-cafe",
        funding_model="flexible",
        beneficiary=beneficiary,
    )


def identity(first_name="Alice", last_name="Lambert", **fields):
    return {
        "first_name": first_name,
        "last_name": last_name,
        "street": "Rue des Brasseurs 12",
        "postcode": "5000",
        "city": "Namur",
        "country": "BE",
        **fields,
    }


def paid_gift(
    campaign,
    cents,
    national_number=ALICE,
    when=datetime.datetime(2025, 6, 1, 12, tzinfo=BRUSSELS),
    status=PledgeStatus.PAID,
    refunded=0,
    language="fr",
    backer=None,
    reward_tier=None,
    **names,
):
    """A paid pledge made as a deductible gift, `when` (paid at the same moment)."""
    pledge = PledgeFactory(
        campaign=campaign,
        amount=cents,
        refunded_amount=refunded,
        status=status,
        created_at=when,
        counted_at=when,
        language=language,
        backer=backer,
        reward_tier=reward_tier,
        funding_model=campaign.funding_model,
    )
    details = identity(**names)
    gifts.record(pledge, gifts.GiftRequest(campaign.beneficiary, details, national_number))
    return pledge
