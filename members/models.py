"""What a member keeps beside the page tree: a public profile, follows, a feed, notifications.

Follows and feed events name pages by `translation_key`, so a follow made in French holds for
the Dutch copy of the same campaign, and every reader sees an event in their own language.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    CAMPAIGN = "campaign", _("campaign")
    BRIEF = "brief", _("brief")
    OPERATOR = "operator", _("operator")
    MEMBER = "member", _("member")


class Follow(models.Model):
    """A member who wants news of a campaign, a brief, an operator or another member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    target = models.CharField(_("target"), max_length=16, choices=Target.choices)
    # A page's translation_key, or a followed member's id.
    key = models.CharField(_("key"), max_length=36)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["member", "target", "key"], name="members_follow_once")
        ]
        indexes = [models.Index(fields=["target", "key"], name="members_followers")]

    def __str__(self):
        return f"{self.member} follows {self.target} {self.key}"


class EventKind(models.TextChoices):
    CAMPAIGN_UPDATE = "campaign_update", _("Campaign updates")
    MILESTONE = "milestone", _("Milestones of campaigns")
    NEW_BRIEF = "new_brief", _("New briefs of operators")
    IDEA_ACCEPTED = "idea_accepted", _("Ideas accepted")
    ADVICE_ANSWER = "advice_answer", _("Answers to my advice")
    NEW_PROJECT = "new_project", _("New projects of members")


class FeedEvent(models.Model):
    """Something that happened to a followed target, recorded once.

    `target`/`key` say whom it concerns (the followers of that target read it); `recipient`
    is set instead for news meant for one member (an answer to their advice). `subject_key` is
    the translation_key of the page to show, `detail` what the event needs besides (an update's
    titles by language, a milestone's percentage). `dedup` makes recording idempotent.
    """

    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    target = models.CharField(_("target"), max_length=16, choices=Target.choices, blank=True)
    key = models.CharField(_("key"), max_length=36, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject_key = models.UUIDField(_("page"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    dedup = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("feed event")
        verbose_name_plural = _("feed events")
        indexes = [models.Index(fields=["target", "key", "-created_at"], name="members_events")]

    def __str__(self):
        return f"{self.kind} {self.target} {self.key}"


def avatar_path(profile, filename):
    return f"avatars/{profile.member_id}-{filename}"


class PublicProfile(models.Model):
    """What a member shows of themselves; nothing is public until `is_public`."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="public_profile",
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Show this profile to everyone at its own address."),
    )
    slug = models.SlugField(_("address"), max_length=60, unique=True, null=True, blank=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    avatar = models.ImageField(_("avatar"), upload_to=avatar_path, blank=True)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    territory = models.ForeignKey(
        "portal.Territory",
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expertise = models.CharField(_("expertise"), max_length=200, blank=True)
    show_pledges = models.BooleanField(
        _("show my pledges"),
        default=False,
        help_text=_("List the campaigns I back on my public profile (never the amounts)."),
    )

    class Meta:
        verbose_name = _("public profile")
        verbose_name_plural = _("public profiles")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.display_name or self.member.display_name


class Frequency(models.TextChoices):
    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class NotificationSetting(models.Model):
    """How often a member hears of one kind of event; without a row, the kind's default."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="members_one_setting_per_kind")
        ]

    def __str__(self):
        return f"{self.member}: {self.kind} {self.frequency}"


class EventDelivery(models.Model):
    """An event e-mailed at once to one member: claimed before the e-mail leaves."""

    event = models.ForeignKey(FeedEvent, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event e-mail")
        verbose_name_plural = _("event e-mails")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="members_event_sent_once")
        ]

    def __str__(self):
        return f"{self.event_id} → {self.member_id}"


class DigestRun(models.Model):
    """One digest of one window for one member, claimed before it is sent: never twice."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)
    window_start = models.DateTimeField(_("window start"))
    events = models.PositiveIntegerField(_("events"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "frequency", "window_start"], name="members_digest_once"
            )
        ]

    def __str__(self):
        return f"{self.member} {self.frequency} {self.window_start:%Y-%m-%d}"
