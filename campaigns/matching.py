"""Match funding: how much each pot adds to a pledge once it counts, within every rule and cap.

Each fund's row is locked while its matches are computed, so concurrent pledges see each other's
matches and no pot or cap is ever exceeded.

A fund that unlocks only when the goal is reached sets its match aside as the crowd gives (a
*conditional* match: it holds its place in the pot and its caps, and the page shows it as
unlocked so far) but leaves it out of the pledge's `matched_amount`, so it neither counts towards
the goal it depends on nor shows as matched money. The closing run settles it: added to the
pledges when the campaign has reached its goal, given back to the pot when it has not.
"""

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from campaigns import audit
from campaigns.models import CampaignPage, CampaignStatus, MatchFund, Pledge, PledgeMatch


def _sum(queryset):
    return queryset.aggregate(total=Sum("amount"))["total"] or 0


def _eligible(fund, campaign):
    category_keys = {category.translation_key for category in fund.categories.all()}
    if category_keys and (
        not campaign.category or campaign.category.translation_key not in category_keys
    ):
        return False
    territory_keys = {territory.translation_key for territory in fund.territories.all()}
    if territory_keys:
        territory = campaign.territory
        places = set()
        while territory is not None:
            places.add(territory.translation_key)
            territory = territory.parent
        if not places & territory_keys:
            return False
    return True


def _funds_for(campaign_key):
    fund_ids = list(
        MatchFund.objects.filter(active=True, campaigns__translation_key=campaign_key)
        .values_list("pk", flat=True)
        .distinct()
    )
    return (
        MatchFund.objects.select_for_update(no_key=True)
        .filter(pk__in=fund_ids)
        .order_by("pk")
        .prefetch_related("categories", "territories")
    )


def _crowd_raised_with(pledge):
    """The crowd's money including this pledge (which is being counted right now)."""
    others = (
        Pledge.objects.counted()
        .filter(campaign_key=pledge.campaign_key)
        .exclude(pk=pledge.pk)
        .aggregate(total=Sum(F("amount") - F("refunded_amount")))["total"]
    )
    return (others or 0) + pledge.net_amount


def match_amount(fund, pledge, campaign):
    """What `fund` may add to `pledge` now (the fund's row is locked by the caller)."""
    if not _eligible(fund, campaign):
        return 0
    if fund.trigger_percent:
        threshold = campaign.goal * fund.trigger_percent / 100
        if _crowd_raised_with(pledge) < threshold:
            return 0
    active = PledgeMatch.objects.filter(fund=fund, released_at__isnull=True)
    limits = [
        pledge.net_amount * fund.ratio_fund // fund.ratio_crowd,
        fund.total - _sum(active),
    ]
    if fund.cap_per_pledge is not None:
        limits.append(fund.cap_per_pledge)
    if fund.cap_per_campaign is not None:
        limits.append(fund.cap_per_campaign - _sum(active.filter(campaign_key=pledge.campaign_key)))
    if fund.cap_per_backer is not None:
        limits.append(fund.cap_per_backer - _sum(active.filter(pledge__email__iexact=pledge.email)))
    return max(0, min(limits))


def _closed_successful(campaign):
    """After closing (a refund re-matches a pledge), a conditional fund adds only to a campaign
    that had reached its goal."""
    return campaign.status_at(campaign.closed_at) == CampaignStatus.SUCCESSFUL


def apply_matches(pledge, only=None):
    """Match a pledge that has just started to count (by `only` that fund, if given). Call
    inside its transaction."""
    funds = [fund for fund in _funds_for(pledge.campaign_key) if only in (None, fund)]
    if not funds:
        return
    campaign = CampaignPage.objects.select_related("category", "territory").get(
        pk=pledge.campaign_id
    )
    for fund in funds:
        conditional = fund.unlocks_when_goal_reached and campaign.closed_at is None
        if fund.unlocks_when_goal_reached and not conditional and not _closed_successful(campaign):
            continue
        amount = match_amount(fund, pledge, campaign)
        if amount:
            PledgeMatch.objects.create(
                pledge=pledge,
                fund=fund,
                campaign_key=pledge.campaign_key,
                amount=amount,
                conditional=conditional,
            )
            if not conditional:
                pledge.matched_amount += amount
            audit.fund_money(audit.MATCH_ADDED, fund, pledge, amount)


def release_matches(pledge):
    """Give back to the pots what they added or set aside for a pledge that no longer counts."""
    active = list(pledge.matches.filter(released_at__isnull=True).select_related("fund"))
    PledgeMatch.objects.filter(pk__in=[match.pk for match in active]).update(
        released_at=timezone.now()
    )
    for match in active:
        audit.fund_money(audit.MATCH_RELEASED, match.fund, pledge, match.amount)
    pledge.matched_amount = 0


def settle_conditional_matches(campaign_key, goal_reached, now=None):
    """At closing: add the conditional matches to their pledges if the goal was reached, else
    give them back to the pots. Each match is settled by one conditional UPDATE, so a second or
    concurrent run settles nothing twice. Returns how many matches this run settled."""
    now = now or timezone.now()
    settled = 0
    pending = PledgeMatch.objects.filter(
        campaign_key=campaign_key, conditional=True, released_at__isnull=True
    )
    for match in pending.select_related("fund").order_by("pk"):
        with transaction.atomic():
            # Locked like every status move, so the pledge cannot stop counting meanwhile.
            pledge = Pledge.objects.select_for_update(no_key=True).get(pk=match.pledge_id)
            unsettled = PledgeMatch.objects.filter(
                pk=match.pk, conditional=True, released_at__isnull=True
            )
            if goal_reached and pledge.is_counted:
                if unsettled.update(conditional=False):
                    Pledge.objects.filter(pk=pledge.pk).update(
                        matched_amount=F("matched_amount") + match.amount
                    )
                    settled += 1
            elif unsettled.update(released_at=now):
                audit.fund_money(audit.MATCH_RELEASED, match.fund, pledge, match.amount)
                settled += 1
    return settled
