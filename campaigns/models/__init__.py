from .matchfunding import MatchFund, PledgeMatch
from .pages import (
    CampaignIndexPage,
    CampaignPage,
    CampaignStatus,
    CampaignUpdate,
    FundingModel,
    RewardTier,
)
from .pledges import (
    COUNTED_STATUSES,
    PaymentEvent,
    Pledge,
    PledgeStatus,
    Totals,
)
from .updates import PostedUpdate, UpdateAnnouncement, UpdateDelivery

__all__ = [
    "COUNTED_STATUSES",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignStatus",
    "CampaignUpdate",
    "FundingModel",
    "MatchFund",
    "PaymentEvent",
    "Pledge",
    "PledgeMatch",
    "PledgeStatus",
    "PostedUpdate",
    "RewardTier",
    "Totals",
    "UpdateAnnouncement",
    "UpdateDelivery",
]
