"""Notification settings, at-once e-mails and digests: once per window, in the member's language,
never twice, even when two runs meet."""

import datetime
import threading

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

from members import feed, notifications
from members.follows import follow_key
from members.models import DigestRun, EventKind, FeedEvent, Frequency, Target
from tests.factories import MemberFactory
from tests.members.conftest import client_for

NOW = timezone.make_aware(datetime.datetime(2026, 12, 3, 8, 0))  # a Thursday morning


def update_event(campaign, n=0, at=None):
    event = feed.record(
        EventKind.CAMPAIGN_UPDATE,
        f"digest-test:{n}",
        target=Target.CAMPAIGN,
        key=campaign.translation_key,
        subject=campaign,
        titles={"fr": f"Nouvelle {n}", "de": f"Neuigkeit {n}"},
    )
    FeedEvent.objects.filter(pk=event.pk).update(
        created_at=at or NOW - datetime.timedelta(hours=12)
    )
    return event


@pytest.mark.django_db
def test_settings_are_saved_per_kind(member):
    client = client_for(member)
    assert client.get("/en/me/notifications/").status_code == 200
    choices = dict.fromkeys(EventKind.values, Frequency.WEEKLY)
    choices[EventKind.CAMPAIGN_UPDATE] = Frequency.OFF
    response = client.post("/en/me/notifications/", choices)
    assert response.status_code == 302
    assert notifications.settings_of(member)[EventKind.CAMPAIGN_UPDATE] == Frequency.OFF
    assert notifications.settings_of(member)[EventKind.MILESTONE] == Frequency.WEEKLY
    bad = client.post("/nl/me/notifications/", {**choices, EventKind.MILESTONE: "hourly"})
    assert bad.status_code == 400


@pytest.mark.django_db
def test_daily_digest_once_per_window_in_the_members_language(live_campaign):
    reader = MemberFactory(preferred_language="de")
    follow_key(reader, Target.CAMPAIGN, live_campaign.translation_key)
    update_event(live_campaign, 1)
    update_event(live_campaign, 2, at=NOW - datetime.timedelta(days=3))  # an older window
    mail.outbox.clear()

    assert notifications.send_digests(NOW) == 1
    assert notifications.send_digests(NOW) == 0
    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert message.subject == "Ihr Tag auf Maillon"
    assert "Neuigkeit 1" in message.body
    assert "Neuigkeit 2" not in message.body
    assert "http://testserver/de/" in message.body
    assert DigestRun.objects.get().window_start == NOW.replace(hour=0) - datetime.timedelta(days=1)


@pytest.mark.django_db
def test_weekly_and_off_and_the_command(live_campaign):
    weekly = MemberFactory(preferred_language="en")
    silent = MemberFactory()
    for reader in (weekly, silent):
        follow_key(reader, Target.CAMPAIGN, live_campaign.translation_key)
    notifications.save_settings(weekly, {EventKind.CAMPAIGN_UPDATE: Frequency.WEEKLY})
    notifications.save_settings(silent, {EventKind.CAMPAIGN_UPDATE: Frequency.OFF})
    update_event(live_campaign, 1, at=NOW - datetime.timedelta(days=5))  # last week
    mail.outbox.clear()

    notifications.send_digests(NOW)
    call_command("send_digests")
    notifications.send_digests(NOW)
    assert [message.to for message in mail.outbox] == [[weekly.email]]
    assert mail.outbox[0].subject == "Your week on Maillon"


@pytest.mark.django_db
def test_at_once_sends_each_event_once(live_campaign, django_capture_on_commit_callbacks):
    reader = MemberFactory(preferred_language="en")
    follow_key(reader, Target.CAMPAIGN, live_campaign.translation_key)
    notifications.save_settings(reader, {EventKind.CAMPAIGN_UPDATE: Frequency.AT_ONCE})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = update_event(live_campaign, 1)
    notifications.send_event_at_once(event.pk)
    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert "New update on Vélo-atelier de Namur: Nouvelle 1" in message.body


def test_two_runs_at_once_send_each_digest_once(threads_db, live_campaign):
    readers = [MemberFactory() for _n in range(3)]
    for reader in readers:
        follow_key(reader, Target.CAMPAIGN, live_campaign.translation_key)
    update_event(live_campaign, 1)
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(notifications.send_digests(NOW))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.email for r in readers)
    assert DigestRun.objects.count() == 3
