from .financing import COMPUTED_KINDS, FinancingSource, SourceKind, SourceStatus
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
    "COMPUTED_KINDS",
    "COUNTED_STATUSES",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignStatus",
    "CampaignUpdate",
    "FinancingSource",
    "FundingModel",
    "MatchFund",
    "PaymentEvent",
    "Pledge",
    "PledgeMatch",
    "PledgeStatus",
    "PostedUpdate",
    "RewardTier",
    "SourceKind",
    "SourceStatus",
    "Totals",
    "UpdateAnnouncement",
    "UpdateDelivery",
]
