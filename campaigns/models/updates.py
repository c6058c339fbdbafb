"""News from a campaign: updates posted from the public page, and who was e-mailed which update.

Updates posted from the site are not rows of the page: publishing a page revision rewrites its
orderables, so an operator publishing an older draft would silently delete them. Like pledges,
they carry the campaign's `translation_key` and show on every language's copy.

Updates the operator writes in the page editor stay `CampaignUpdate` orderables; both kinds are
announced through `UpdateAnnouncement`, keyed by a UUID that survives page revisions (the
orderable's `translation_key`, the posted update's `key`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models.pages import CampaignPage


class PostedUpdate(models.Model):
    """An update the project holder (or the operator's staff) posted from the campaign page."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="posted_updates",
    )
    campaign_key = models.UUIDField(db_index=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("text"))
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)

    # The campaign page's template renders both kinds of update from one list.
    is_plain_text = True

    class Meta:
        verbose_name = _("posted update")
        verbose_name_plural = _("posted updates")
        ordering = ["-posted_at"]
        indexes = [models.Index(fields=["campaign_key", "-posted_at"])]

    def __str__(self):
        return self.title


class UpdateAnnouncement(models.Model):
    """One update's e-mailing to the campaign's backers: started once, finished once."""

    update_key = models.UUIDField(unique=True)
    campaign_key = models.UUIDField(db_index=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("update announcement")
        verbose_name_plural = _("update announcements")

    def __str__(self):
        return f"{self.update_key} ({self.started_at:%Y-%m-%d})"


class UpdateDelivery(models.Model):
    """The e-mail of one announcement to one backer address, recorded as it is sent."""

    announcement = models.ForeignKey(
        UpdateAnnouncement, on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.EmailField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("update e-mail")
        verbose_name_plural = _("update e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "email"], name="one_update_email_per_backer"
            )
        ]

    def __str__(self):
        return self.email
