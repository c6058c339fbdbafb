"""A campaign's whole financing plan, as the page and both APIs show it.

The operator types the total budget and the grants, loans and own funds; the crowd's line is
the campaign's goal and what it has raised, and a match fund's line is the fund's commitment to
the campaign and what the crowd has unlocked of it so far. A fund that unlocks only when the goal
is reached stays *conditional* until the crowd (with unconditional matches) reaches the goal.
The plan does not refuse a budget its sources do not cover: it shows the gap.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Sum

from campaigns.models import (
    FinancingSource,
    MatchFund,
    PledgeMatch,
    SourceKind,
    SourceStatus,
)
from portal.formatting import format_money


@dataclass(frozen=True)
class PlanLine:
    kind: str
    label: str
    amount: int
    status: str
    # The crowd's line: raised so far; a match fund's line: unlocked so far; else None.
    so_far: int | None = None
    conditional: bool = False
    match_fund: int | None = None

    @property
    def kind_display(self):
        return SourceKind(self.kind).label

    @property
    def status_display(self):
        return SourceStatus(self.status).label

    def as_api_dict(self):
        return {
            "kind": self.kind,
            "kind_display": str(self.kind_display),
            "label": self.label,
            "amount": self.amount,
            "amount_display": format_money(self.amount),
            "status": self.status,
            "status_display": str(self.status_display),
            "so_far": self.so_far,
            "so_far_display": None if self.so_far is None else format_money(self.so_far),
            "conditional": self.conditional,
            "match_fund": self.match_fund,
        }


@dataclass(frozen=True)
class FinancingPlan:
    total_budget: int | None
    lines: list[PlanLine] = field(default_factory=list)

    @property
    def sources_total(self):
        return sum(line.amount for line in self.lines)

    @property
    def gap(self):
        """What the sources leave to find (negative: they exceed the budget); None without one."""
        if self.total_budget is None:
            return None
        return self.total_budget - self.sources_total

    @property
    def gap_beyond(self):
        """How far the sources exceed the budget, as a positive amount (0 if they do not)."""
        return max(0, -(self.gap or 0))

    @property
    def secured(self):
        return sum(line.amount for line in self.lines if line.status == SourceStatus.GRANTED)

    def as_api_dict(self):
        gap = self.gap
        return {
            "total_budget": self.total_budget,
            "total_budget_display": None
            if self.total_budget is None
            else format_money(self.total_budget),
            "sources_total": self.sources_total,
            "sources_total_display": format_money(self.sources_total),
            "secured": self.secured,
            "secured_display": format_money(self.secured),
            "gap": gap,
            "gap_display": None if gap is None else format_money(abs(gap)),
            "sources": [line.as_api_dict() for line in self.lines],
        }


def unlocked_by_fund(campaign_keys):
    """Matched money set aside or added so far, by campaign key and fund, in one query."""
    rows = (
        PledgeMatch.objects.filter(campaign_key__in=campaign_keys, released_at__isnull=True)
        .values("campaign_key", "fund")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    unlocked = {key: {} for key in campaign_keys}
    for row in rows:
        unlocked[row["campaign_key"]][row["fund"]] = row["total"]
    return unlocked


def prepare_plans(campaigns):
    """The sources and unlocked amounts of many campaigns in two queries (API listings)."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        campaigns,
        Prefetch(
            "financing_sources", queryset=FinancingSource.objects.select_related("match_fund")
        ),
    )
    unlocked = unlocked_by_fund([campaign.translation_key for campaign in campaigns])
    for campaign in campaigns:
        campaign._unlocked_by_fund = unlocked[campaign.translation_key]


def _with_funds(sources):
    """Each match fund line's fund, fetched at once unless it is already there."""
    missing = [
        source.match_fund_id
        for source in sources
        if source.match_fund_id and not FinancingSource.match_fund.is_cached(source)
    ]
    if missing:
        funds = MatchFund.objects.in_bulk(missing)
        for source in sources:
            if source.match_fund_id in funds:
                source.match_fund = funds[source.match_fund_id]
    return sources


def commitment(fund):
    """The most a fund may add to one campaign."""
    if fund.cap_per_campaign is None:
        return fund.total
    return min(fund.total, fund.cap_per_campaign)


def plan_of(campaign):
    """The campaign's plan, or None when it has neither a budget nor a source."""
    sources = _with_funds(list(campaign.financing_sources.all()))
    if not sources and campaign.total_budget is None:
        return None
    goal_reached = campaign.total_funding >= campaign.goal
    unlocked = None
    lines = []
    for source in sources:
        label = source.label or str(source.get_kind_display())
        if source.kind == SourceKind.CROWD:
            status = SourceStatus.GRANTED if goal_reached else SourceStatus.REQUESTED
            lines.append(PlanLine(source.kind, label, campaign.goal, status, campaign.raised))
        elif source.kind == SourceKind.MATCH_FUND:
            fund = source.match_fund
            if fund is None:
                continue
            if unlocked is None:
                unlocked = getattr(campaign, "_unlocked_by_fund", None)
                if unlocked is None:
                    unlocked = unlocked_by_fund([campaign.translation_key])[
                        campaign.translation_key
                    ]
            conditional = fund.unlocks_when_goal_reached
            status = (
                SourceStatus.CONDITIONAL
                if conditional and not goal_reached
                else SourceStatus.GRANTED
            )
            lines.append(
                PlanLine(
                    source.kind,
                    source.label or fund.name,
                    commitment(fund),
                    status,
                    unlocked.get(fund.pk, 0),
                    conditional,
                    fund.pk,
                )
            )
        else:
            lines.append(PlanLine(source.kind, label, source.amount or 0, source.status))
    return FinancingPlan(campaign.total_budget, lines)
