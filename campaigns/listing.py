"""The campaign index: filters, sorting and pagination in a fixed number of queries."""

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import (
    COUNTED_STATUSES,
    CampaignPage,
    CampaignStatus,
    FundingModel,
    Pledge,
)
from portal.models import Category, OperatorPage, Territory
from portal.pagecache import remember

PER_PAGE = 12
SORTS = {
    "ending": (_("Ending soon"), ["deadline", "pk"]),
    "funded": (_("Most funded"), ["-funding", "deadline", "pk"]),
    "newest": (_("Newest"), ["-starts_at", "-pk"]),
}
STATUS_CHOICES = [(CampaignStatus.LIVE, CampaignStatus.LIVE.label)] + [
    choice for choice in CampaignStatus.choices if choice[0] != CampaignStatus.LIVE
]


def _with_funding(campaigns):
    counted = Pledge.objects.filter(
        campaign_key=OuterRef("translation_key"), status__in=COUNTED_STATUSES
    ).values("campaign_key")
    crowd = counted.annotate(total=Sum(F("amount") - F("refunded_amount"))).values("total")
    matched = counted.annotate(total=Sum("matched_amount")).values("total")
    return campaigns.annotate(
        funding=Coalesce(Subquery(crowd), Value(0)) + Coalesce(Subquery(matched), Value(0))
    )


def _by_status(campaigns, status):
    now = timezone.now()
    ended = Q(deadline__lte=now)
    reached = Q(funding__gte=F("goal"))
    conditions = {
        CampaignStatus.UPCOMING: Q(starts_at__gt=now),
        CampaignStatus.LIVE: CampaignPage.open_q(now),
        CampaignStatus.SUCCESSFUL: ended & reached,
        CampaignStatus.UNSUCCESSFUL: ended
        & ~reached
        & Q(funding_model=FundingModel.ALL_OR_NOTHING),
        CampaignStatus.CLOSED: ended & ~reached & Q(funding_model=FundingModel.FLEXIBLE),
    }
    return campaigns.filter(conditions[status])


def _filter_choices(locale_id):
    """Categories, territories and operators to filter by, the same for every visitor."""
    return (
        list(Category.objects.filter(locale_id=locale_id)),
        list(Territory.objects.filter(locale_id=locale_id)),
        list(OperatorPage.objects.live().public().filter(locale_id=locale_id).order_by("title")),
    )


def filtered_campaigns(index, params):
    """The page of campaigns to show and the filter choices, for the index's language."""
    locale_id = index.locale_id
    categories, territories, operators = remember(
        None, f"campaign_filters:{locale_id}", lambda: _filter_choices(locale_id)
    )
    chosen = {
        "category": params.get("category", ""),
        "territory": params.get("territory", ""),
        "operator": params.get("operator", ""),
        "status": params.get("status", CampaignStatus.LIVE),
        "sort": params.get("sort", "ending"),
    }
    if chosen["status"] not in CampaignStatus.values:
        chosen["status"] = CampaignStatus.LIVE
    if chosen["sort"] not in SORTS:
        chosen["sort"] = "ending"

    campaigns = _with_funding(index.campaigns().select_related("category", "territory"))
    campaigns = _by_status(campaigns, chosen["status"])
    category = next((c for c in categories if c.slug == chosen["category"]), None)
    if category:
        campaigns = campaigns.filter(category__translation_key=category.translation_key)
    territory = next((t for t in territories if t.slug == chosen["territory"]), None)
    if territory:
        keys = {territory.translation_key}
        keys |= {t.translation_key for t in territories if t.parent_id == territory.pk}
        campaigns = campaigns.filter(territory__translation_key__in=keys)
    operator = next((o for o in operators if o.slug == chosen["operator"]), None)
    if operator:
        campaigns = campaigns.descendant_of(operator)
    campaigns = campaigns.order_by(*SORTS[chosen["sort"]][1])

    page = Paginator(campaigns, PER_PAGE).get_page(params.get("page"))
    items = list(page.object_list)
    totals = Pledge.objects.totals_for([c.translation_key for c in items])
    operators_by_path = {o.path: o for o in operators}
    for campaign in items:
        campaign.set_totals(totals[campaign.translation_key])
        campaign.listed_operator = operators_by_path.get(campaign.path[: -campaign.steplen])
    return {
        "page_obj": page,
        "campaigns": items,
        "categories": categories,
        "territories": territories,
        "operators": operators,
        "statuses": STATUS_CHOICES,
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
        "chosen": chosen,
    }
