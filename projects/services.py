"""A member's campaign, from proposal to live edits: one module for every rule.

- A member with a confirmed address proposes a campaign to an operator that takes proposals
  (`ProposalTerms`), at most PROPOSALS_PER_DAY a day. It becomes a draft `CampaignPage` in the
  operator's section (the default locale's copy, aliased into the others), held by the member,
  and enters the section's moderation workflow; nobody sees it before a moderator approves it.
- Until it is live the holder may change everything and resubmit. Once live, the story,
  summary, media and tiers' texts stay editable and tiers may be added, but the goal, the
  duration, the funding model and the existing tiers' prices and places are locked.
- Every edit is a new revision submitted to moderation: the published page stays as it is until
  a moderator approves the change (Wagtail publishes the latest revision on approval).
- The campaign's dates are set when it first goes live (`launch`): it runs `duration_days` from
  the moderator's approval, not from the proposal.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.synctree import create_aliases_for_new_page

from campaigns.models import CampaignPage, RewardTier
from lab.ideas import plain_text, safe_rich_text
from portal import walls
from portal.models import OperatorPage
from projects.models import Project, ProposalTerms

PROPOSALS_PER_DAY = 3
MAX_DURATION_DAYS = 60
MIN_DURATION_DAYS = 1
LOCKED_WHEN_LIVE = ("goal", "funding_model", "duration_days")


class ProjectRefused(Exception):
    """A refusal with the field it concerns, in the member's language; `status` for the API."""

    def __init__(self, errors, status=400):
        if isinstance(errors, str):
            errors = {"non_field_errors": [errors]}
        super().__init__(errors)
        self.errors = errors
        self.status = status

    @property
    def message(self):
        return " ".join(message for messages in self.errors.values() for message in messages)


def original_section(operator):
    """The default locale's copy of an operator's section: where proposals are created."""
    if operator.alias_of_id:
        operator = operator.alias_of.specific
    if operator.locale.language_code != settings.LANGUAGE_CODE:
        operator = (
            OperatorPage.objects.filter(
                translation_key=operator.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or operator
        )
    return operator


def terms_of(operator):
    return ProposalTerms.objects.filter(operator=original_section(operator)).first()


def operators_taking_proposals():
    return OperatorPage.objects.filter(proposal_terms__accepts_proposals=True, live=True).order_by(
        "title"
    )


def proposals_today(member):
    since = timezone.now() - datetime.timedelta(days=1)
    return Project.objects.filter(holder=member, proposed_at__gte=since).count()


def story_blocks(story):
    cleaned = safe_rich_text(story)
    return [("paragraph", RichText(cleaned))] if cleaned else []


def story_text(campaign):
    """The story's paragraphs as HTML, to edit them again."""
    return "".join(
        str(block.value.source) for block in campaign.body if block.block_type == "paragraph"
    )


def _check_terms(operator, category, territory):
    terms = terms_of(operator)
    if terms is None or not terms.accepts_proposals:
        raise ProjectRefused({"operator": [_("This operator does not take proposals.")]})
    errors = {}
    if not terms.allows_category(category):
        errors["category"] = [_("This operator does not take proposals in this category.")]
    if not terms.allows_territory(territory):
        errors["territory"] = [_("This operator does not take proposals from this territory.")]
    if errors:
        raise ProjectRefused(errors)


def _store_image(image_file, alt_text, section, member):
    from wagtail.images import get_image_model

    image = get_image_model()(
        title=alt_text[:255],
        description=alt_text,
        file=image_file,
        collection=section.collection,
        uploaded_by_user=member,
    )
    image.save()
    return image


def _tier(campaign, data, sort_order):
    return RewardTier(
        locale_id=campaign.locale_id,
        title=plain_text(data["title"]),
        description=plain_text(data.get("description", "")),
        minimum_amount=data["minimum_amount"],
        limit=data.get("limit"),
        estimated_delivery=data.get("estimated_delivery"),
        sort_order=sort_order,
    )


def _placeholder_dates(duration_days):
    """Dates until the launch sets the real ones: the campaign cannot be live before that."""
    starts_at = timezone.now() + datetime.timedelta(days=MAX_DURATION_DAYS)
    return starts_at, starts_at + datetime.timedelta(days=duration_days)


@transaction.atomic
def propose(member, data, language):
    """Create the draft campaign and submit it to the operator's moderators; returns the page.

    `data` holds cleaned values: amounts in cents, `cover_image` an uploaded file or None.
    """
    section = original_section(data["operator"])
    _check_terms(section, data.get("category"), data.get("territory"))
    if proposals_today(member) >= PROPOSALS_PER_DAY:
        raise ProjectRefused(
            _("You have proposed %(count)s campaigns today: please come back tomorrow.")
            % {"count": PROPOSALS_PER_DAY},
            status=429,
        )
    if section.workflow_id is None:
        raise ProjectRefused(_("This operator has no moderators yet: try again later."))
    title = plain_text(data["title"])
    starts_at, deadline = _placeholder_dates(data["duration_days"])
    campaign = CampaignPage(
        title=title,
        slug=find_available_slug(section, slugify(title)[:60] or "projet"),
        summary=plain_text(data["summary"]),
        body=story_blocks(data.get("story", "")),
        category=data.get("category"),
        territory=data.get("territory"),
        goal=data["goal"],
        funding_model=data["funding_model"],
        starts_at=starts_at,
        deadline=deadline,
        project_holder=member,
        owner=member,
        live=False,
        video_url=data.get("video_url", ""),
    )
    if data.get("cover_image"):
        campaign.hero_image = _store_image(data["cover_image"], data["cover_alt"], section, member)
    section.add_child(instance=campaign)
    for order, tier in enumerate(data.get("reward_tiers", [])):
        campaign.reward_tiers.add(_tier(campaign, tier, order))
    campaign.save()
    Project.objects.create(
        campaign=campaign,
        holder=member,
        operator=section,
        language=language,
        video_url=data.get("video_url", ""),
        duration_days=data["duration_days"],
        budget_lines=data.get("budget_lines", []),
    )
    campaign.save_revision(user=member)
    _submit(campaign, member)
    create_aliases_for_new_page(campaign)
    return campaign


def _submit(campaign, member):
    """Put the latest revision before the section's moderators, whatever state it was in."""
    from lab.ideas import _leave_notifications_to_the_lab

    workflow = campaign.get_workflow()
    if workflow is None:
        raise ProjectRefused(_("This operator has no moderators yet: try again later."))
    _leave_notifications_to_the_lab(member)
    state = campaign.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(member)
        return
    if state is not None:
        # A moderator must see what they approve: the revision under review is replaced.
        state.cancel(member)
    workflow.start(campaign, member)


def held_by(member):
    """The original campaigns this member holds, newest first."""
    return (
        CampaignPage.objects.filter(project_holder=member, alias_of__isnull=True)
        .select_related("locale")
        .order_by("-pk")
    )


def project_of(campaign):
    """The campaign's project record; campaigns from the lab or the admin get one when edited."""
    project = Project.objects.filter(campaign=campaign).first()
    if project is not None:
        return project
    return Project.objects.create(
        campaign=campaign,
        holder=campaign.project_holder,
        operator=original_section(campaign.get_parent().specific),
        language=campaign.locale.language_code,
        duration_days=max(1, (campaign.deadline - campaign.starts_at).days),
        proposed_at=campaign.first_published_at or timezone.now(),
        launched_at=campaign.first_published_at,
    )


def campaign_for(user, campaign_id, *, as_holder=False):
    """The original of a campaign this user may manage, or None (the caller answers 404).

    The holder manages their campaign; its operator's staff see it too, unless `as_holder`.
    """
    campaign = CampaignPage.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return None
    if campaign.alias_of_id or campaign.locale.language_code != settings.LANGUAGE_CODE:
        campaign = (
            CampaignPage.objects.filter(translation_key=campaign.translation_key)
            .order_by("pk")
            .first()
        )
    if user.is_authenticated and campaign.project_holder_id == user.pk:
        return campaign
    if not as_holder and walls.is_staff(user, campaign):
        return campaign
    return None


def state_of(campaign):
    """(state, moderator's comment, changes waiting) of a member's campaign.

    state: draft, in_moderation, rejected or published; a published campaign's edits wait in
    moderation (`changes waiting`) or were sent back (state stays published, comment given).
    """
    workflow_state = (
        campaign.workflow_states.order_by("-created_at")
        .select_related("current_task_state")
        .first()
    )
    comment = ""
    status = workflow_state.status if workflow_state else None
    if status == WorkflowState.STATUS_NEEDS_CHANGES and workflow_state.current_task_state:
        comment = workflow_state.current_task_state.comment
    waiting = status == WorkflowState.STATUS_IN_PROGRESS
    if campaign.live:
        return "published", comment, waiting
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "rejected", comment, False
    if waiting:
        return "in_moderation", "", False
    return "draft", "", False


def is_closed(campaign):
    return campaign.live and campaign.deadline <= timezone.now()


def _refuse_locked(campaign, project, data):
    errors = {}
    current = {
        "goal": campaign.goal,
        "funding_model": campaign.funding_model,
        "duration_days": project.duration_days,
    }
    for field in LOCKED_WHEN_LIVE:
        if field in data and data[field] != current[field]:
            errors[field] = [_("This cannot change once the campaign is live.")]
    tiers = {tier.pk: tier for tier in campaign.reward_tiers.all()}
    tier_errors = []
    for index, tier in enumerate(data.get("reward_tiers", [])):
        existing = tiers.get(tier.get("id"))
        if existing is None:
            continue
        if tier["minimum_amount"] != existing.minimum_amount or tier.get("limit") != existing.limit:
            tier_errors.append(
                _("Tier %(number)s: its price and places cannot change once the campaign is live.")
                % {"number": index + 1}
            )
    if tier_errors:
        errors["reward_tiers"] = tier_errors
    if errors:
        raise ProjectRefused(errors)


def _apply_tiers(draft, tiers, live):
    """Tiers with an `id` update that tier; tiers without one are added. Before the launch the
    list replaces the tiers, in its order; once live, every existing tier stays where it was
    (backers may hold it) and new ones come after."""
    current = [tier for tier in draft.reward_tiers.all() if tier.pk]
    existing = {tier.pk: tier for tier in current}
    mentioned, added = [], []
    for data in tiers:
        tier = existing.get(data.get("id"))
        if tier is None:
            added.append(_tier(draft, data, 0))
            continue
        tier.title = plain_text(data["title"])
        tier.description = plain_text(data.get("description", ""))
        tier.estimated_delivery = data.get("estimated_delivery")
        if not live:
            tier.minimum_amount = data["minimum_amount"]
            tier.limit = data.get("limit")
        mentioned.append(tier)
    ordered = (current if live else mentioned) + added
    for order, tier in enumerate(ordered):
        tier.sort_order = order
    draft.reward_tiers = ordered


@transaction.atomic
def edit(member, campaign, data):
    """Apply the holder's changes as a new revision and submit it; returns the draft page.

    `data` holds only the fields sent, cleaned as for `propose`.
    """
    campaign = CampaignPage.objects.select_for_update().get(pk=campaign.pk)
    if campaign.project_holder_id != member.pk:
        raise ProjectRefused(_("Only the project holder can edit this campaign."), status=403)
    if is_closed(campaign):
        raise ProjectRefused(_("This campaign has ended: it can no longer be edited."), status=409)
    project = project_of(campaign)
    live = campaign.live
    if live:
        _refuse_locked(campaign, project, data)
    if "category" in data or "territory" in data:
        _check_terms(
            project.operator,
            data.get("category", campaign.category),
            data.get("territory", campaign.territory),
        )
    draft = campaign.get_latest_revision_as_object()
    for field in ("title", "summary"):
        if field in data:
            setattr(draft, field, plain_text(data[field]))
    if "story" in data:
        draft.body = story_blocks(data["story"])
    for field in ("category", "territory"):
        if field in data:
            setattr(draft, field, data[field])
    if data.get("cover_image"):
        draft.hero_image = _store_image(
            data["cover_image"], data["cover_alt"], project.operator, member
        )
    elif data.get("cover_alt") and draft.hero_image:
        draft.hero_image.description = data["cover_alt"]
        draft.hero_image.save(update_fields=["description"])
    if "reward_tiers" in data:
        _apply_tiers(draft, data["reward_tiers"], live)
    if not live:
        for field in ("goal", "funding_model"):
            if field in data:
                setattr(draft, field, data[field])
        if "duration_days" in data:
            project.duration_days = data["duration_days"]
            draft.starts_at, draft.deadline = _placeholder_dates(project.duration_days)
    else:
        # Locked fields come from the live row, whatever an older revision held.
        for field in ("goal", "funding_model", "starts_at", "deadline"):
            setattr(draft, field, getattr(campaign, field))
    for field in ("video_url", "budget_lines"):
        if field in data:
            setattr(project, field, data[field])
    if "video_url" in data:
        draft.video_url = data["video_url"]  # the page shows it (campaigns.video)
    project.save()
    draft.save_revision(user=member)
    _submit(campaign, member)
    return campaign


def launch(campaign):
    """First publication of a proposed campaign: it runs `duration_days` from now.

    Publishes a revision with the real dates, so that the admin and later edits start from them.
    """
    project = Project.objects.filter(campaign=campaign, launched_at__isnull=True).first()
    if project is None:
        return
    now = timezone.now().replace(microsecond=0)
    Project.objects.filter(pk=project.pk).update(launched_at=now)
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.starts_at = now
    page.deadline = now + datetime.timedelta(days=project.duration_days)
    page.save_revision(log_action=False).publish(log_action=False)


def is_member_proposal(campaign):
    return Project.objects.filter(campaign_id=campaign.pk).exists()
