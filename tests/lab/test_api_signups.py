import datetime
import threading

from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

import pytest

from lab.models import LabBriefPage, VolunteerSignup
from portal.translation import translate
from tests.factories import MemberFactory
from tests.factories.lab import LabBriefPageFactory, VolunteerSignupFactory, VolunteerTaskFactory
from tests.lab.conftest import client_for
from tests.lab.test_models import BRIEF_NL

pytestmark = pytest.mark.django_db

SIGNUPS = "/api/v1/signups/"


def test_sign_up_confirms_while_places_remain_then_waitlists(
    task, django_capture_on_commit_callbacks
):
    task.places = 2
    task.save()
    statuses = []
    for _i in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(MemberFactory()).post(
                SIGNUPS, {"task": task.pk}, "application/json"
            )
        assert response.status_code == 201, response.content
        body = response.json()
        assert set(body) >= {"id", "task", "status"}
        assert body["task"] == task.pk
        statuses.append(body["status"])
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert len(mail.outbox) == 3


def test_signing_up_twice_is_a_conflict(member_client, task):
    assert member_client.post(SIGNUPS, {"task": task.pk}, "application/json").status_code == 201
    response = member_client.post(
        SIGNUPS, {"task": task.pk}, "application/json", headers={"accept-language": "en"}
    )
    assert response.status_code == 409
    assert response.json() == {"errors": {"task": ["You have already signed up for this task."]}}
    assert VolunteerSignup.objects.count() == 1


def test_past_task_is_a_conflict_in_the_visitors_language(member_client, brief):
    past = VolunteerTaskFactory(brief=brief, starts_at=timezone.now() - datetime.timedelta(days=1))
    response = member_client.post(
        SIGNUPS, {"task": past.pk}, "application/json", headers={"accept-language": "fr"}
    )
    assert response.status_code == 409
    assert "déjà commencé" in response.json()["errors"]["task"][0]
    assert not VolunteerSignup.objects.exists()


@pytest.mark.parametrize("payload", [{}, {"task": 999999}, {"task": "abc"}])
def test_bad_or_unknown_task_is_a_400(member_client, brief, payload):
    response = member_client.post(SIGNUPS, payload, "application/json")
    assert response.status_code == 400
    assert "task" in response.json()["errors"]
    assert not VolunteerSignup.objects.exists()


def test_closed_or_draft_brief_tasks_are_unknown(member_client, operator):
    closed = LabBriefPageFactory(parent=operator, status=LabBriefPage.Status.CLOSED)
    draft = LabBriefPageFactory(parent=operator, live=False)
    for brief in (closed, draft):
        task = VolunteerTaskFactory(brief=brief)
        response = member_client.post(SIGNUPS, {"task": task.pk}, "application/json")
        assert response.status_code == 400
    assert not VolunteerSignup.objects.exists()


def test_anonymous_sign_up_is_refused(client, task):
    response = client.post(SIGNUPS, {"task": task.pk}, "application/json")
    assert response.status_code in (401, 403)
    assert not VolunteerSignup.objects.exists()


def test_cancel_promotes_the_first_waitlisted_member_and_tells_them(
    member, member_client, task, django_capture_on_commit_callbacks
):
    task.places = 1
    task.save()
    signup_id = member_client.post(SIGNUPS, {"task": task.pk}, "application/json").json()["id"]
    first = MemberFactory(preferred_language="de")
    second = MemberFactory()
    client_for(first).post(SIGNUPS, {"task": task.pk}, "application/json")
    client_for(second).post(SIGNUPS, {"task": task.pk}, "application/json")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.delete(f"{SIGNUPS}{signup_id}/")

    assert response.status_code == 204
    assert VolunteerSignup.objects.get(member=first).status == "confirmed"
    assert VolunteerSignup.objects.get(member=second).status == "waitlisted"
    assert VolunteerSignup.objects.get(pk=signup_id).status == "cancelled"
    assert [m.to for m in mail.outbox] == [[first.email]]
    assert "Porter la terre" in mail.outbox[0].subject
    assert mail.outbox[0].body.count("Porter la terre") == 1


def test_cannot_cancel_someone_elses_sign_up(member_client, task):
    other = VolunteerSignupFactory(task=task)
    assert member_client.delete(f"{SIGNUPS}{other.pk}/").status_code == 404
    assert VolunteerSignup.objects.get(pk=other.pk).status == "confirmed"


def test_cancelled_member_can_sign_up_again(member_client, task):
    signup_id = member_client.post(SIGNUPS, {"task": task.pk}, "application/json").json()["id"]
    member_client.delete(f"{SIGNUPS}{signup_id}/")
    assert member_client.delete(f"{SIGNUPS}{signup_id}/").status_code == 409
    assert member_client.post(SIGNUPS, {"task": task.pk}, "application/json").status_code == 201


def test_sign_up_through_a_translation_counts_on_the_original(member_client, brief, task):
    dutch = translate(brief, "nl", BRIEF_NL)
    dutch_task = dutch.tasks.get()
    response = member_client.post(SIGNUPS, {"task": dutch_task.pk}, "application/json")
    assert response.status_code == 201
    assert response.json()["task"] == task.pk
    assert LabBriefPage.objects.get(pk=brief.pk).counters.places_taken == 1


def test_list_is_the_members_own_and_bounded_in_queries(
    member, member_client, task, django_assert_max_num_queries
):
    VolunteerSignupFactory(task=task, member=member)
    VolunteerSignupFactory(task=task)
    with django_assert_max_num_queries(6):
        response = member_client.get(SIGNUPS)
    assert response.status_code == 200
    assert [row["task"] for row in response.json()["results"]] == [task.pk]


@pytest.mark.django_db(transaction=True)
def test_thirty_members_at_once_never_overbook_five_places(task):
    task.places = 5
    task.save()
    clients = []
    for _i in range(30):
        client = Client()
        client.force_login(MemberFactory())
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    codes = []

    def sign_up(client):
        try:
            barrier.wait()
            response = client.post(SIGNUPS, {"task": task.pk}, "application/json")
            codes.append((response.status_code, response.json().get("status")))
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(codes).count((201, "confirmed")) == 5
    assert sorted(codes).count((201, "waitlisted")) == 25
    assert VolunteerSignup.objects.filter(task=task, status="confirmed").count() == 5
    assert VolunteerSignup.objects.filter(task=task, status="waitlisted").count() == 25
