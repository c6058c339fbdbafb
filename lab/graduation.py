"""Graduation: an operator moderator turns a brief whose needs are met into a draft campaign.

The campaign is created in the same section, from the brief's title, summary, story, category,
territory and owner; the brief becomes *graduated* in every language and shows the campaign,
which shows where it came from. Followers of the brief hear when the campaign goes live.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug
from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from lab.models import BriefGraduation, LabBriefPage, TeamApplication
from lab.notifications import notify
from lab.services import LabConflict
from members.follows import followers
from members.models import Target
from portal import walls

CAMPAIGN_STARTS_IN = datetime.timedelta(days=7)
CAMPAIGN_LASTS = datetime.timedelta(days=45)


def campaign_model():
    return apps.get_model("campaigns", "CampaignPage")


def _in_default_locale(snippet):
    if snippet is None:
        return None
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    return snippet.get_translation_or_none(default) or snippet


def can_graduate(user, brief):
    return walls.is_staff(user, brief, walls.MODERATOR)


@transaction.atomic
def graduate(brief, moderator):
    """Create the draft campaign and mark the brief graduated; returns the campaign."""
    original = LabBriefPage.objects.select_for_update().get(pk=brief.original.pk)
    if not can_graduate(moderator, original):
        raise LabConflict(_("Only a moderator of the brief's operator can graduate it."))
    if original.status == LabBriefPage.Status.GRADUATED or hasattr(original, "graduation"):
        raise LabConflict(_("This brief has already graduated."))
    if not original.live or original.status not in (
        LabBriefPage.Status.OPEN,
        LabBriefPage.Status.IN_PROGRESS,
    ):
        raise LabConflict(_("Only an open brief can graduate."))
    if not original.budget:
        raise LabConflict(
            _("Give the brief an estimated budget first: it becomes the campaign's goal."),
            "budget",
        )
    section = original.get_parent().specific
    starts_at = (timezone.now() + CAMPAIGN_STARTS_IN).replace(minute=0, second=0, microsecond=0)
    campaign = campaign_model()(
        title=original.title,
        slug=find_available_slug(section, original.slug),
        summary=original.summary,
        body=original.challenge.get_prep_value(),
        category=_in_default_locale(original.category),
        territory=_in_default_locale(original.territory),
        project_holder=original.proposed_by,
        goal=max(original.budget, 100),
        starts_at=starts_at,
        deadline=starts_at + CAMPAIGN_LASTS,
        live=False,
        owner=moderator,
    )
    section.add_child(instance=campaign)
    campaign.save_revision(user=moderator, log_action=True)
    create_aliases_for_new_page(campaign)
    BriefGraduation.objects.create(brief=original, campaign=campaign, graduated_by=moderator)

    # Every language's copy first, then the publish: its signal reindexes the brief (search
    # reads all the copies), so no translation stays findable as an open brief.
    LabBriefPage.objects.filter(translation_key=original.translation_key).update(
        status=LabBriefPage.Status.GRADUATED
    )
    original.status = LabBriefPage.Status.GRADUATED
    original.save_revision(user=moderator).publish(user=moderator)
    return campaign


def team_of(brief):
    """Accepted team members of a brief, by role: they carry the project into its campaign."""
    return (
        TeamApplication.objects.filter(
            role__brief__translation_key=brief.translation_key,
            status=TeamApplication.Status.ACCEPTED,
        )
        .select_related("member", "role")
        .order_by("role__sort_order", "decided_at")
    )


def graduation_of_campaign(campaign):
    """The graduation a campaign (in any language) came from, or None."""
    return (
        BriefGraduation.objects.filter(campaign__translation_key=campaign.translation_key)
        .select_related("brief", "campaign")
        .first()
    )


def tell_followers_campaign_is_live(campaign):
    """Once, when the graduated brief's campaign is first published."""
    graduation = graduation_of_campaign(campaign)
    if graduation is None or graduation.followers_told_at:
        return 0
    updated = BriefGraduation.objects.filter(
        pk=graduation.pk, followers_told_at__isnull=True
    ).update(followers_told_at=timezone.now())
    if not updated:
        return 0
    members = list(followers(Target.BRIEF, graduation.brief.translation_key))
    for member in members:
        notify(member, "campaign_live", brief=graduation.brief, campaign=graduation.campaign)
    return len(members)
