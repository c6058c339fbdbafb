"""E-mails to backers, each rendered in the backer's own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from portal.formatting import format_money


def _campaign_in(language, campaign):
    """The campaign as it reads in `language`, or the copy the backer pledged on."""
    copy = (
        Page.objects.filter(
            translation_key=campaign.translation_key, locale__language_code=language
        )
        .specific()
        .first()
    )
    return copy or campaign


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def pledge_link(pledge, view_name):
    with translation.override(pledge.language):
        return absolute(reverse(view_name, args=[pledge.token]))


def send_to_backer(pledge, template, extra=None):
    """Render templates/emails/campaigns/<template>_{subject,body}.txt in the backer's language."""
    if not pledge.email:  # the backer erased their account (campaigns.member_data)
        return
    with translation.override(pledge.language):
        context = {
            "pledge": pledge,
            "campaign": _campaign_in(pledge.language, pledge.campaign),
            "amount": format_money(pledge.net_amount),
            "manage_url": pledge_link(pledge, "campaigns:pledge_detail"),
            **(extra or {}),
        }
        subject = render_to_string(f"emails/campaigns/{template}_subject.txt", context)
        body = render_to_string(f"emails/campaigns/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [pledge.email])


def send_update(recipient, campaign, update):
    """A campaign update, framed in the recipient's language, linking to the campaign there."""
    with translation.override(recipient.language):
        context = {
            "recipient": recipient,
            "campaign": campaign,
            "update": update,
            "campaign_url": campaign.get_full_url(),
        }
        subject = render_to_string("emails/campaigns/update_subject.txt", context)
        body = render_to_string("emails/campaigns/update_body.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
