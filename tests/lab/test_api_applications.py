from django.core import mail

import pytest

from lab.models import LabBriefPage, TeamApplication
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.lab import TeamApplicationFactory
from tests.lab.conftest import client_for

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/applications/"


def apply(client, role, motivation="Je connais bien les toitures vertes.", **headers):
    return client.post(
        APPLICATIONS,
        {"role": role.pk, "motivation": motivation},
        "application/json",
        headers=headers,
    )


def test_apply_is_pending_and_tells_both_sides(
    member, member_client, brief, role, django_capture_on_commit_callbacks
):
    owner = MemberFactory(preferred_language="nl")
    LabBriefPage.objects.filter(pk=brief.pk).update(proposed_by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(member_client, role)
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert response.json()["role"] == role.pk
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, owner.email])
    to_owner = next(m for m in mail.outbox if m.to == [owner.email])
    assert "Nieuwe kandidatuur" in to_owner.subject


def test_applying_twice_is_a_conflict(member_client, role):
    assert apply(member_client, role).status_code == 201
    response = apply(member_client, role, **{"accept-language": "de"})
    assert response.status_code == 409
    assert response.json()["errors"]["role"] == ["Sie haben sich bereits für diese Rolle beworben."]
    assert TeamApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("motivation", "field"),
    [("", "motivation"), ("   ", "motivation"), ("x" * 100_000, "motivation")],
)
def test_empty_or_huge_motivation_is_a_400(member_client, role, motivation, field):
    response = apply(member_client, role, motivation)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not TeamApplication.objects.exists()


def test_unknown_role_is_a_400_in_dutch(member_client, brief):
    response = member_client.post(
        APPLICATIONS,
        {"role": 424242, "motivation": "Hallo"},
        "application/json",
        headers={"accept-language": "nl"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["role"] == ["Er bestaat geen open rol met id 424242."]


def test_anonymous_cannot_apply(client, role):
    assert apply(client, role).status_code in (401, 403)


def test_operator_editor_accepts_and_role_fills(
    operator, role, brief, django_capture_on_commit_callbacks
):
    applicants = [MemberFactory(preferred_language="en") for _i in range(3)]
    applications = [TeamApplicationFactory(role=role, member=m) for m in applicants]
    editor_client = client_for(staff_of(operator, "editor"))
    with django_capture_on_commit_callbacks(execute=True):
        for application in applications[:2]:
            response = editor_client.post(f"{APPLICATIONS}{application.pk}/accept/")
            assert response.status_code == 200
            assert response.json()["status"] == "accepted"
    assert [m.subject for m in mail.outbox] == ["Welcome to the team: Jardinier"] * 2
    response = editor_client.post(f"{APPLICATIONS}{applications[2].pk}/accept/")
    assert response.status_code == 409
    assert LabBriefPage.objects.get(pk=brief.pk).counters.team_filled == 2
    assert "team" not in LabBriefPage.objects.get(pk=brief.pk).needs


def test_owner_declines_and_cannot_decide_twice(role, brief):
    owner = MemberFactory()
    LabBriefPage.objects.filter(pk=brief.pk).update(proposed_by=owner)
    application = TeamApplicationFactory(role=role)
    owner_client = client_for(owner)
    assert owner_client.post(f"{APPLICATIONS}{application.pk}/decline/").status_code == 200
    assert owner_client.post(f"{APPLICATIONS}{application.pk}/accept/").status_code == 409
    assert TeamApplication.objects.get(pk=application.pk).status == "declined"


def test_other_operator_and_applicant_cannot_decide(other_operator, role, member):
    application = TeamApplicationFactory(role=role, member=member)
    other = client_for(staff_of(other_operator, "moderator"))
    assert other.post(f"{APPLICATIONS}{application.pk}/accept/").status_code == 404
    assert other.get(APPLICATIONS).json()["results"] == []
    assert client_for(member).post(f"{APPLICATIONS}{application.pk}/accept/").status_code == 403
    assert TeamApplication.objects.get(pk=application.pk).status == "pending"


def test_list_is_bounded_in_queries(operator, role, django_assert_max_num_queries):
    for _i in range(5):
        TeamApplicationFactory(role=role)
    editor_client = client_for(staff_of(operator, "editor"))
    with django_assert_max_num_queries(8):
        response = editor_client.get(APPLICATIONS)
    assert len(response.json()["results"]) == 5


def test_schema_documents_the_lab_endpoints(client, site):
    response = client.get("/api/v1/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    paths = response.content.decode()
    for path in ("/api/v1/signups/", "/api/v1/applications/", "/api/v1/applications/{id}/accept/"):
        assert path in paths
