"""The members' app's part in the GDPR export and erasure (see branch `gdpr`'s hooks)."""

from wagtail import hooks

from members.models import (
    DigestRun,
    EventDelivery,
    FeedEvent,
    Follow,
    NotificationSetting,
    PublicProfile,
)


@hooks.register("register_member_data_export")
def export_member_data(user):
    profile = PublicProfile.objects.filter(member=user).first()
    return {
        "public_profile": [
            {
                "is_public": profile.is_public,
                "slug": profile.slug or "",
                "display_name": profile.display_name,
                "avatar": profile.avatar.name if profile.avatar else "",
                "bio": profile.bio,
                "territory": str(profile.territory) if profile.territory_id else "",
                "expertise": profile.expertise,
                "show_pledges": profile.show_pledges,
            }
        ]
        if profile
        else [],
        "follows": [
            {"target": row.target, "key": row.key, "created_at": row.created_at.isoformat()}
            for row in Follow.objects.filter(member=user).order_by("pk")
        ],
        "notification_settings": list(
            NotificationSetting.objects.filter(member=user).values("kind", "frequency")
        ),
        "digests": [
            {"frequency": run.frequency, "window_start": run.window_start.isoformat()}
            for run in DigestRun.objects.filter(member=user).order_by("pk")
        ],
    }


@hooks.register("register_member_erase")
def erase_member_data(user):
    """The profile (and its picture), follows, settings and e-mail records go; events the
    member caused stay in others' feeds without naming them."""
    for profile in PublicProfile.objects.filter(member=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    Follow.objects.filter(member=user).delete()
    Follow.objects.filter(target="member", key=str(user.pk)).delete()
    NotificationSetting.objects.filter(member=user).delete()
    DigestRun.objects.filter(member=user).delete()
    EventDelivery.objects.filter(member=user).delete()
    FeedEvent.objects.filter(recipient=user).delete()
    FeedEvent.objects.filter(actor=user).update(actor=None)


@hooks.register("register_member_profile_url")
def public_profile_url(user):
    """The holder's card on a campaign page links to their profile, when they made it public."""
    from members.views import profile_url

    profile = PublicProfile.objects.filter(member=user, is_public=True).first()
    return profile_url(profile) if profile else None


@hooks.register("register_member_pages")
def followed_pages(user):
    """Pages whose follow button shows the member's own state (portal.pagecache.MemberEdition)."""
    from wagtail.models import Page

    keys = Follow.objects.filter(member=user).exclude(target="member").values_list("key", flat=True)
    return Page.objects.filter(translation_key__in=list(keys)).values_list("pk", flat=True)
