"""The admin's pledges and match funds, walled per operator; refunds by moderators."""

import json

from django.test import Client

import pytest

from campaigns.models import CampaignPage, Pledge, PledgeStatus
from tests.factories.campaigns import CampaignPageFactory, MatchFundFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_sections(campaign, other_operator):
    theirs = CampaignPageFactory(parent=other_operator, title="Campagne liégeoise")
    mine = PledgeFactory(campaign=campaign, email="mine@example.org")
    other = PledgeFactory(campaign=theirs, email="theirs@example.org")
    return mine, other


def test_staff_see_only_their_sections_pledges(editor, other_editor, two_sections):
    html = logged_in(editor).get("/admin/campaigns/pledges/").content.decode()
    assert "mine@example.org" in html
    assert "theirs@example.org" not in html
    html = logged_in(other_editor).get("/admin/campaigns/pledges/").content.decode()
    assert "theirs@example.org" in html
    assert "mine@example.org" not in html


def test_csv_export_is_walled_too(editor, two_sections):
    response = logged_in(editor).get("/admin/campaigns/pledges/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "mine@example.org" in body
    assert "theirs@example.org" not in body


def test_filters_and_members_without_a_section(editor, member_client, two_sections):
    mine, _other = two_sections
    filtered = logged_in(editor).get("/admin/campaigns/pledges/", {"status": "paid"})
    assert "mine@example.org" not in filtered.content.decode()
    assert member_client.get("/admin/campaigns/pledges/").status_code in (302, 403)
    own_page = logged_in(editor).get(f"/admin/campaigns/pledges/inspect/{mine.pk}/")
    assert own_page.status_code == 200
    other_pledge_page = logged_in(editor).get(
        f"/admin/campaigns/pledges/inspect/{_other.pk}/", follow=True
    )
    assert other_pledge_page.status_code == 404
    assert "theirs@example.org" not in other_pledge_page.content.decode()


def test_moderator_refunds_part_of_a_paid_pledge(client, moderator, editor, flexible_campaign):
    response = client.post(
        "/api/v1/pledges/",
        json.dumps(
            {
                "campaign": flexible_campaign.pk,
                "amount": 5_000,
                "email": "a@example.org",
                "name": "A",
                "payment_method": "pm_card_visa",
            }
        ),
        content_type="application/json",
    )
    pledge = Pledge.objects.get(pk=response.json()["id"])
    url = f"/admin/campaigns/pledges/{pledge.pk}/refund/"
    refused = logged_in(editor).post(url, {"amount": "10"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    too_much = logged_in(moderator).post(url, {"amount": "60"})
    assert too_much.status_code == 400
    done = logged_in(moderator).post(url, {"amount": "20.00"})
    assert done.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.refunded_amount, pledge.status) == (2_000, PledgeStatus.PAID)
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 3_000
    logged_in(moderator).post(url, {"amount": "30"})
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.REFUNDED
    assert CampaignPage.objects.get(pk=flexible_campaign.pk).raised == 0


def test_other_operators_moderator_cannot_refund(other_operator, flexible_campaign):
    from tests.conftest import staff_of

    pledge = PledgeFactory(campaign=flexible_campaign, status=PledgeStatus.PAID)
    outsider = staff_of(other_operator, "moderator")
    response = logged_in(outsider).post(
        f"/admin/campaigns/pledges/{pledge.pk}/refund/", {"amount": "5"}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    pledge.refresh_from_db()
    assert pledge.refunded_amount == 0


def test_match_funds_are_walled(moderator, other_editor, operator, other_operator):
    MatchFundFactory(operator=operator, name="Pot namurois")
    MatchFundFactory(operator=other_operator, name="Pot liégeois")
    html = logged_in(moderator).get("/admin/campaigns/match-funds/").content.decode()
    assert "Pot namurois" in html and "Pot liégeois" not in html
    html = logged_in(other_editor).get("/admin/campaigns/match-funds/").content.decode()
    assert "Pot liégeois" in html and "Pot namurois" not in html
    assert logged_in(other_editor).get("/admin/campaigns/match-funds/new/").status_code in (
        302,
        403,
    )
