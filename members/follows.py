"""Following campaigns, briefs, operators and public members: the one place that decides.

A page is followed through its `translation_key`, so one follow holds for every language's
copy; a member through their id, and only while their profile is public. The models behind
each target are named by label, so that the lab and the campaigns may call this module.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.models import Follow, PublicProfile, Target

PAGE_MODELS = {
    Target.CAMPAIGN: "campaigns.CampaignPage",
    Target.BRIEF: "lab.LabBriefPage",
    Target.OPERATOR: "portal.OperatorPage",
}


class FollowRefused(Exception):
    """Nothing to follow there; `status` is the HTTP status to answer."""

    def __init__(self, field, message, status=400):
        super().__init__(message)
        self.field = field
        self.message = message
        self.status = status


def public_member(member_id):
    profile = (
        PublicProfile.objects.filter(member_id=member_id, is_public=True, member__is_active=True)
        .select_related("member")
        .first()
    )
    return profile.member if profile else None


def key_of(target, object_id):
    """The key a follow stores for a live page or a public member, or FollowRefused."""
    if target not in Target.values:
        raise FollowRefused(
            "target", _("Follow a campaign, a brief, an operator or a member."), status=400
        )
    if target == Target.MEMBER:
        member = public_member(object_id)
        if member is None:
            raise FollowRefused("id", _("There is no public profile with this id."), status=404)
        return str(member.pk)
    model = apps.get_model(PAGE_MODELS[target])
    pages = model.objects.live().public().filter(pk=object_id)
    key = pages.values_list("translation_key", flat=True).first()
    if key is None:
        raise FollowRefused("id", _("There is nothing to follow with this id."), status=404)
    return str(key)


def follow(member, target, object_id):
    """Returns (follow, created): following twice changes nothing."""
    key = key_of(target, object_id)
    if target == Target.MEMBER and key == str(member.pk):
        raise FollowRefused("id", _("You cannot follow yourself."), status=400)
    return follow_key(member, target, key)


def follow_key(member, target, key):
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(member=member, target=target, key=str(key))
    except IntegrityError:  # a concurrent request made the same follow
        return Follow.objects.get(member=member, target=target, key=str(key)), False


def unfollow(member, target, object_id):
    """Returns whether a follow was removed. A page no longer online may be unfollowed too."""
    if target not in Target.values:
        raise FollowRefused(
            "target", _("Follow a campaign, a brief, an operator or a member."), status=400
        )
    if target == Target.MEMBER:
        return unfollow_key(member, target, object_id)
    model = apps.get_model(PAGE_MODELS[target])
    key = model.objects.filter(pk=object_id).values_list("translation_key", flat=True).first()
    if key is None:
        raise FollowRefused("id", _("There is nothing to follow with this id."), status=404)
    return unfollow_key(member, target, key)


def unfollow_key(member, target, key):
    deleted, _rows = Follow.objects.filter(member=member, target=target, key=str(key)).delete()
    return bool(deleted)


def is_following(member, target, key):
    if not member.is_authenticated:
        return False
    return Follow.objects.filter(member=member, target=target, key=str(key)).exists()


def followers(target, key):
    """The active members following the target."""
    return get_user_model().objects.filter(
        is_active=True, follows__target=target, follows__key=str(key)
    )


def follower_count(target, key):
    return Follow.objects.filter(target=target, key=str(key)).count()
