"""What a holder's dashboard shows about one campaign, each part in a bounded number of queries.

Backers appear as they allowed: an anonymous backer is "Anonymous" and a hidden amount hidden;
the e-mail address shows only where a reward must be delivered.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from django_comments_xtd.models import XtdComment

from campaigns.models import Pledge
from lab.graduation import graduation_of_campaign
from lab.models import AdviceQuestion, TeamApplication, VolunteerSignup
from projects.chart import daily_bars
from projects.models import RewardDelivery


def pledges_per_day(campaign):
    rows = (
        Pledge.objects.counted()
        .filter(campaign_key=campaign.translation_key)
        .annotate(day=TruncDate("counted_at"))
        .values("day")
        .annotate(amount=Sum(F("amount") - F("refunded_amount")), count=Count("pk"))
        .order_by("day")
    )
    days = {row["day"]: (row["amount"] or 0, row["count"]) for row in rows if row["day"]}
    today = timezone.localdate()
    last = min(today, timezone.localdate(campaign.deadline))
    first = timezone.localdate(campaign.starts_at) if campaign.live else None
    if first and first > last:
        first = None
    return daily_bars(days, first=first, last=last if first else None)


class BackerRow:
    def __init__(self, pledge):
        self.pledge = pledge
        self.name = _("Anonymous") if pledge.anonymous else pledge.name
        self.amount = None if pledge.hide_amount else pledge.net_amount
        self.tier = pledge.reward_tier
        self.email = pledge.email if pledge.reward_tier_id else ""
        delivery = getattr(pledge, "reward_delivery", None)
        self.delivered_at = delivery.delivered_at if delivery else None
        self.needs_delivery = bool(pledge.reward_tier_id) and delivery is None


def backers(campaign):
    pledges = (
        Pledge.objects.counted()
        .filter(campaign_key=campaign.translation_key)
        .select_related("reward_tier", "reward_delivery")
        .order_by("counted_at", "pk")
    )
    return [BackerRow(pledge) for pledge in pledges]


def questions_awaiting(campaign, holder_id):
    """Advice on the campaign nobody answered yet, and the graduated brief's open questions."""
    comments = list(
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(campaign),
            object_pk=str(campaign.pk),
            is_public=True,
            is_removed=False,
            level=0,
            nested_count=0,
        )
        .exclude(user_id=holder_id)
        .select_related("user")
        .order_by("-submit_date")[:50]
    )
    graduation = graduation_of_campaign(campaign)
    questions = []
    if graduation is not None:
        questions = list(
            AdviceQuestion.objects.filter(brief=graduation.brief, answers__isnull=True).order_by(
                "sort_order"
            )
        )
    return comments, questions


def brief_helpers(campaign):
    """The brief the campaign graduated from, its volunteers and its team applications."""
    graduation = graduation_of_campaign(campaign)
    if graduation is None:
        return None, [], []
    brief = graduation.brief
    signups = list(
        VolunteerSignup.objects.filter(task__brief=brief)
        .exclude(status=VolunteerSignup.Status.CANCELLED)
        .select_related("member", "task")
        .order_by("task__starts_at", "created_at")
    )
    applications = list(
        TeamApplication.objects.filter(role__brief=brief)
        .select_related("member", "role")
        .order_by("role__sort_order", "created_at")
    )
    return brief, signups, applications


def mark_delivered(campaign, pledge_id, user):
    pledge = (
        Pledge.objects.counted()
        .filter(campaign_key=campaign.translation_key, pk=pledge_id, reward_tier__isnull=False)
        .first()
    )
    if pledge is None:
        return None
    delivery, _created = RewardDelivery.objects.get_or_create(
        pledge=pledge, defaults={"marked_by": user}
    )
    return delivery


def days_left(campaign):
    if not campaign.live or campaign.starts_at > timezone.now():
        return None
    return campaign.days_left
