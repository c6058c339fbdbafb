"""The feed: events recorded once as they happen, read by each follower in their language.

An event names its page by `translation_key`; reading a page of the feed resolves every page
of that page in the reader's language (or the French original) in one query, whatever the
number of events, so the feed costs the same few queries at any size.
"""

import uuid
from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from members.models import EventKind, FeedEvent, Follow

PAGE_SIZE = 20


def record(
    kind,
    dedup,
    *,
    target="",
    key="",
    recipient=None,
    subject=None,
    actor=None,
    mailed_elsewhere=False,
    **detail,
):
    """Store the event unless `dedup` was recorded before; returns it when new, else None.

    `subject` is the page to show (any language's copy). New events are e-mailed at once to
    the members who asked for it, after the transaction commits, unless `mailed_elsewhere`
    (another app already e-mails it at once: the lab's opt-in advice follow-up).
    """
    try:
        with transaction.atomic():
            event = FeedEvent.objects.create(
                kind=kind,
                dedup=dedup[:120],
                target=target,
                key=str(key),
                recipient=recipient,
                subject_key=subject.translation_key if subject is not None else None,
                actor=actor,
                detail=detail,
            )
    except IntegrityError:
        return None
    if mailed_elsewhere:
        return event
    from members.tasks import send_event_at_once

    transaction.on_commit(partial(send_event_at_once.enqueue, event.pk), robust=True)
    return event


def events_for(member):
    """What the member follows, and what is meant for them, newest first."""
    followed = Follow.objects.filter(member=member, target=OuterRef("target"), key=OuterRef("key"))
    return (
        FeedEvent.objects.filter(Q(recipient=member) | Q(Exists(followed), recipient__isnull=True))
        .select_related("actor", "actor__public_profile")
        .order_by("-created_at", "-pk")
    )


def feed_page(member, number, language):
    paginator = Paginator(events_for(member), PAGE_SIZE)
    page = paginator.get_page(number)
    page.object_list = present(list(page.object_list), language)
    return page


def pages_in(language, keys):
    """The live pages with those translation keys, in `language` or else in French."""
    if not keys:
        return {}
    languages = {language, settings.LANGUAGE_CODE}
    found = {}
    pages = (
        Page.objects.live()
        .filter(translation_key__in=keys, locale__language_code__in=languages)
        .select_related("locale")
    )
    for page in pages:
        if page.translation_key not in found or page.locale.language_code == language:
            found[page.translation_key] = page
    return found


def actor_name(event):
    actor = event.actor
    if actor is None:
        return _("A member")
    profile = getattr(actor, "public_profile", None)
    if profile is not None and profile.is_public:
        return profile.name
    return actor.display_name


MILESTONES = {
    "half": lambda: _("%(page)s has raised half of its goal."),
    "goal": lambda: _("%(page)s has reached its goal!"),
    "closed": lambda: _("%(page)s is closed."),
}


def text_of(event, page_title, operator_title):
    detail = event.detail
    values = {"page": page_title, "operator": operator_title, "member": actor_name(event)}
    if event.kind == EventKind.CAMPAIGN_UPDATE:
        titles = detail.get("titles", {})
        language = translation.get_language()
        values["title"] = (
            titles.get(language)
            or titles.get(settings.LANGUAGE_CODE)
            or next(iter(titles.values()), "")
        )
        return _("New update on %(page)s: %(title)s") % values
    if event.kind == EventKind.MILESTONE:
        return MILESTONES[detail.get("milestone", "closed")]() % values
    if event.kind == EventKind.NEW_BRIEF:
        return _("%(operator)s has a new brief: %(page)s") % values
    if event.kind == EventKind.IDEA_ACCEPTED:
        return _("The idea %(page)s has been accepted.") % values
    if event.kind == EventKind.ADVICE_ANSWER:
        return _("%(member)s answered your advice on %(page)s.") % values
    return _("%(member)s has a new project: %(page)s") % values


def present(events, language):
    """Each event as the reader reads it: text and link in `language`."""
    keys = {event.subject_key for event in events if event.subject_key}
    keys |= {as_uuid(event.key) for event in events if event.kind == EventKind.NEW_BRIEF}
    keys.discard(None)
    with translation.override(language):
        pages = pages_in(language, keys)
        items = []
        for event in events:
            page = pages.get(event.subject_key)
            operator = pages.get(as_uuid(event.key)) if event.kind == EventKind.NEW_BRIEF else None
            page_title = page.title if page else _("a page no longer online")
            items.append(
                {
                    "event": event,
                    "kind": event.kind,
                    "text": text_of(event, page_title, operator.title if operator else ""),
                    "url": page.get_url() if page else "",
                    "created_at": event.created_at,
                }
            )
    return items


def as_uuid(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
