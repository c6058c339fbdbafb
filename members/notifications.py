"""How often each member hears of each kind of event, and the e-mails: at once or in digests.

A member's event e-mail is claimed (`EventDelivery`) and a digest window too (`DigestRun`, one
row per member, frequency and window) in the transaction that sends it: a second run, even a
concurrent one, waits on the claim and then finds it taken, so nobody is e-mailed twice.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from members import feed
from members.models import (
    DigestRun,
    EventDelivery,
    EventKind,
    FeedEvent,
    Follow,
    Frequency,
    NotificationSetting,
)

logger = logging.getLogger(__name__)

DEFAULTS = dict.fromkeys(EventKind.values, Frequency.DAILY) | {
    EventKind.ADVICE_ANSWER: Frequency.AT_ONCE
}


def settings_of(member):
    """{kind: frequency} for every kind, the member's choices over the defaults."""
    chosen = dict(
        NotificationSetting.objects.filter(member=member).values_list("kind", "frequency")
    )
    return {kind: chosen.get(kind, DEFAULTS[kind]) for kind in EventKind.values}


def save_settings(member, frequencies):
    for kind, frequency in frequencies.items():
        NotificationSetting.objects.update_or_create(
            member=member, kind=kind, defaults={"frequency": frequency}
        )


def _kinds_with(member_settings, frequency):
    return [kind for kind, chosen in member_settings.items() if chosen == frequency]


def audience(event):
    """The active members the event is for (its recipient, or the target's followers)."""
    User = get_user_model()
    if event.recipient_id:
        members = User.objects.filter(pk=event.recipient_id)
    else:
        members = User.objects.filter(follows__target=event.target, follows__key=event.key)
    members = members.filter(is_active=True)
    if event.actor_id:
        members = members.exclude(pk=event.actor_id)
    return members


def _wants_at_once(member, kind):
    chosen = (
        NotificationSetting.objects.filter(member=member, kind=kind)
        .values_list("frequency", flat=True)
        .first()
    )
    return (chosen or DEFAULTS[kind]) == Frequency.AT_ONCE


def _send(member, template, context):
    language = member.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "member": member, "base_url": settings.WAGTAILADMIN_BASE_URL}
        subject = render_to_string(f"emails/members/{template}_subject.txt", context)
        body = render_to_string(f"emails/members/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [member.email])


def send_event_at_once(event_id):
    """E-mail the event to the members who want this kind at once; returns how many."""
    event = FeedEvent.objects.filter(pk=event_id).select_related("actor").first()
    if event is None:
        return 0
    sent = 0
    for member in audience(event):
        if not _wants_at_once(member, event.kind):
            continue
        try:
            with transaction.atomic():
                EventDelivery.objects.create(event=event, member=member)
                language = member.preferred_language or settings.LANGUAGE_CODE
                (item,) = feed.present([event], language)
                _send(member, "event", {"item": item})
        except IntegrityError:
            continue
        sent += 1
    return sent


def window_of(frequency, now):
    """The last whole window before `now`: yesterday, or last week (Monday to Monday)."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.DAILY:
        return today - datetime.timedelta(days=1), today
    monday = today - datetime.timedelta(days=today.weekday())
    return monday - datetime.timedelta(days=7), monday


def _digest_readers(frequency):
    """Members who read something in a digest of this frequency, by setting or by default."""
    User = get_user_model()
    readers = User.objects.filter(is_active=True).filter(
        Q(pk__in=Follow.objects.values("member")) | Q(pk__in=FeedEvent.objects.values("recipient"))
    )
    defaulted = [kind for kind, default in DEFAULTS.items() if default == frequency]
    chosen = NotificationSetting.objects.filter(frequency=frequency).values("member")
    if not defaulted:
        readers = readers.filter(pk__in=chosen)
    return readers.distinct().order_by("pk")


def send_digest(member, frequency, start, end):
    """One member's digest of one window, claimed first; returns whether it was sent."""
    kinds = _kinds_with(settings_of(member), frequency)
    if not kinds:
        return False
    events = list(
        feed.events_for(member).filter(kind__in=kinds, created_at__gte=start, created_at__lt=end)
    )
    if not events:
        return False
    try:
        with transaction.atomic():
            DigestRun.objects.create(
                member=member, frequency=frequency, window_start=start, events=len(events)
            )
            language = member.preferred_language or settings.LANGUAGE_CODE
            items = feed.present(events, language)
            _send(member, "digest", {"items": items, "frequency": frequency})
    except IntegrityError:
        return False
    return True


def send_digests(now=None):
    """Every digest of the last whole day and week not yet sent; returns how many."""
    now = now or timezone.now()
    sent = 0
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        start, end = window_of(frequency, now)
        for member in _digest_readers(frequency):
            if send_digest(member, frequency, start, end):
                sent += 1
    return sent
