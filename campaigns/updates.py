"""Campaign updates: who may post one, the page's list, and e-mailing each update once.

An update is announced once, when it is first published; each backer address gets it once
(`UpdateDelivery` is claimed before the e-mail leaves), so a re-published page, a translation
being published or a retried task never e-mails anyone twice.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from campaigns import emails
from campaigns.models import (
    CampaignPage,
    CampaignUpdate,
    Pledge,
    PostedUpdate,
    UpdateAnnouncement,
    UpdateDelivery,
)
from portal import walls

BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote|ol|ul)>|<br\s*/?>)", re.IGNORECASE)


def can_post_update(user, campaign, section):
    """The campaign's project holder, its operator's editors and moderators, superusers."""
    if not user.is_authenticated:
        return False
    if user.pk == campaign.project_holder_id:
        return True
    return walls.is_staff(user, section)


def updates_of(campaign):
    """The operator's updates in this language and the posted ones, newest first."""
    written = list(campaign.updates.all())
    posted = list(PostedUpdate.objects.filter(campaign_key=campaign.translation_key))
    return sorted(written + posted, key=lambda update: update.posted_at, reverse=True)


def post_update(campaign, author, language, title, body):
    """Store an update posted from the site and queue its e-mails to the backers."""
    from campaigns.tasks import announce_posted_update

    with transaction.atomic():
        update = PostedUpdate.objects.create(
            campaign=campaign,
            campaign_key=campaign.translation_key,
            author=author,
            language=language,
            title=title,
            body=body,
        )
        announce_posted_update.enqueue(update.pk)
    return update


def announce_page_updates(sender, instance, **kwargs):
    """page_published: queue the e-mails of the page's updates not yet announced."""
    from campaigns.tasks import announce_page_update

    keys = set(instance.updates.values_list("translation_key", flat=True))
    announced = set(
        UpdateAnnouncement.objects.filter(
            update_key__in=keys, finished_at__isnull=False
        ).values_list("update_key", flat=True)
    )
    for key in sorted(keys - announced):
        announce_page_update.enqueue(str(key))


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def recipients(campaign_key):
    """One recipient per address among the counted pledges, in the backer's language.

    A member gets the e-mail at their account's address in their preferred language; a guest
    at the address and in the language of their latest pledge.
    """
    by_email = {}
    pledges = (
        Pledge.objects.counted()
        .filter(campaign_key=campaign_key)
        .select_related("backer")
        .order_by("-created_at")
    )
    for pledge in pledges:
        if pledge.backer is not None:
            backer = pledge.backer
            recipient = Recipient(backer.email, backer.display_name, backer.preferred_language)
        else:
            recipient = Recipient(pledge.email, pledge.name, pledge.language)
        if recipient.email:  # empty once the backer erased their account
            by_email.setdefault(recipient.email.lower(), recipient)
    return list(by_email.values())


@dataclass(frozen=True)
class UpdateText:
    title: str
    body: str
    posted_at: object


def plain_text(rich_text):
    return unescape(strip_tags(BLOCK_END.sub(lambda match: match.group(0) + "\n", rich_text)))


def announce_posted(update_id):
    update = PostedUpdate.objects.filter(pk=update_id).first()
    if update is None:
        return 0
    text = UpdateText(update.title, update.body, update.posted_at)
    return announce(update.key, update.campaign_key, lambda language: text)


def announce_page(translation_key):
    copies = {
        update.locale.language_code: update
        for update in CampaignUpdate.objects.filter(translation_key=translation_key)
        .select_related("locale", "campaign")
        .order_by("pk")
    }
    if not copies:
        return 0
    original = next(iter(copies.values()))

    def text_in(language):
        update = copies.get(language, original)
        return UpdateText(update.title, plain_text(update.body), update.posted_at)

    return announce(translation_key, original.campaign.translation_key, text_in)


def announce(update_key, campaign_key, text_in):
    """E-mail the update to every backer not yet e-mailed it; returns how many were sent."""
    announcement, _created = UpdateAnnouncement.objects.get_or_create(
        update_key=update_key, defaults={"campaign_key": campaign_key}
    )
    if announcement.finished_at is not None:
        return 0
    campaigns = {
        page.locale.language_code: page
        for page in CampaignPage.objects.live()
        .filter(translation_key=campaign_key)
        .select_related("locale")
        .order_by("pk")
    }
    sent = 0
    if campaigns:
        fallback = next(iter(campaigns.values()))
        for recipient in recipients(campaign_key):
            campaign = campaigns.get(recipient.language, fallback)
            sent += _deliver(announcement, recipient, campaign, text_in(recipient.language))
    UpdateAnnouncement.objects.filter(pk=announcement.pk).update(finished_at=timezone.now())
    return sent


def _deliver(announcement, recipient, campaign, text):
    """Claim the address, then send: a concurrent run waits on the claim, then skips it."""
    try:
        with transaction.atomic():
            UpdateDelivery.objects.create(
                announcement=announcement,
                email=recipient.email.lower(),
                language=recipient.language,
            )
            emails.send_update(recipient, campaign, text)
    except IntegrityError:
        return 0
    return 1
