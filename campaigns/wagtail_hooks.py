from django.urls import path

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from campaigns import audit, member_data
from campaigns.admin_views import (
    MatchFundPolicy,
    MatchFundViewSet,
    PledgePolicy,
    PledgeViewSet,
    refund_view,
)
from campaigns.models import MatchFund, Pledge

register_permission_policy(Pledge, PledgePolicy(Pledge))
register_permission_policy(MatchFund, MatchFundPolicy(MatchFund))


@hooks.register("register_admin_viewset")
def register_campaign_viewsets():
    return [
        PledgeViewSet("campaigns_pledge", url_prefix="campaigns/pledges"),
        MatchFundViewSet("campaigns_matchfund", url_prefix="campaigns/match-funds"),
    ]


@hooks.register("register_admin_urls")
def register_refund_url():
    return [path("campaigns/pledges/<int:pk>/refund/", refund_view, name="campaigns_refund")]


@hooks.register("register_log_actions")
def register_money_log_actions(actions):
    audit.register_actions(actions)


hooks.register("register_member_data_export", member_data.export)
hooks.register("register_member_erase", member_data.erase)


@hooks.register("register_member_pages")
def campaigns_of_member(user):
    """The campaigns a member holds show them an update form (portal.pagecache.MemberEdition)."""
    from campaigns.models import CampaignPage

    return CampaignPage.objects.filter(project_holder=user).values_list("pk", flat=True)
