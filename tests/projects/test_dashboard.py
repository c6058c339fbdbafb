import csv
import html
import io

from django.utils import timezone

import pytest

from campaigns.models import Pledge, PostedUpdate
from lab.models import BriefGraduation
from projects.models import RewardDelivery
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory, RewardTierFactory
from tests.factories.lab import (
    AdviceQuestionFactory,
    LabBriefPageFactory,
    VolunteerSignupFactory,
    VolunteerTaskFactory,
)
from tests.projects.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(operator, member):
    campaign = CampaignPageFactory(parent=operator, title="Brasserie", project_holder=member)
    tier = RewardTierFactory(campaign=campaign, title="Une caisse", minimum_amount=3_000)
    now = timezone.now()
    PledgeFactory(
        campaign=campaign,
        name="Alice Visible",
        email="alice@example.org",
        amount=5_000,
        counted_at=now,
    )
    PledgeFactory(
        campaign=campaign,
        name="Bob Caché",
        email="bob@example.org",
        anonymous=True,
        hide_amount=True,
        amount=7_000,
        counted_at=now,
    )
    PledgeFactory(
        campaign=campaign,
        name="=Carla",
        email="carla@example.org",
        amount=3_000,
        reward_tier=tier,
        counted_at=now - timezone.timedelta(days=2),
    )
    return campaign


def url(campaign, tail="dashboard/"):
    return f"/fr/projects/{campaign.pk}/{tail}"


def test_holder_sees_figures_chart_and_backers_as_they_allowed(member_client, held):
    response = member_client.get(url(held))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<svg" in page and '<title id="chart-svg-title">' in page and "<desc" in page
    assert (
        "<table" in page and page.count("<rect") == 6
    )  # every day since the start, pledges or not
    assert "Alice Visible" in page and "Bob Caché" not in page and "Anonyme" in page
    # An e-mail address shows only where a reward must be delivered.
    assert "carla@example.org" in page and "alice@example.org" not in page
    assert "150" in page  # raised: 50 + 70 + 30 EUR
    assert "script" not in page.split("<svg")[1].split("</svg>")[0]


def test_backers_csv_defuses_formulas_and_hides_what_backers_hid(member_client, held):
    response = member_client.get(url(held, "backers.csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    names = [row[0] for row in rows[1:]]
    assert "'=Carla" in names and "Bob Caché" not in names
    carla = next(row for row in rows if row[0] == "'=Carla")
    assert carla[3] == "carla@example.org"
    alice = next(row for row in rows if row[0] == "Alice Visible")
    assert (alice[1], alice[3]) == ("50", "")


def test_holder_marks_a_reward_delivered(member_client, held):
    carla = Pledge.objects.get(name="=Carla")
    alice = Pledge.objects.get(name="Alice Visible")
    assert member_client.post(url(held, f"backers/{alice.pk}/delivered/")).status_code == 404
    response = member_client.post(url(held, f"backers/{carla.pk}/delivered/"))
    assert response.status_code == 302
    assert RewardDelivery.objects.filter(pledge=carla).exists()
    assert "Marquer comme livrée" not in member_client.get(url(held)).content.decode()


def test_walls_of_the_dashboard(held, operator, other_operator, client):
    outsiders = [MemberFactory(), staff_of(other_operator, "editor")]
    for outsider in outsiders:
        for tail in ("dashboard/", "backers.csv", "edit/"):
            assert client_for(outsider).get(url(held, tail)).status_code == 404
    assert client.get(url(held)).status_code == 302  # to log in
    # The operator's own staff see the dashboard, but do not edit as the holder.
    editor = client_for(staff_of(operator, "editor"))
    assert editor.get(url(held)).status_code == 200
    assert editor.get(url(held, "edit/")).status_code == 404


def test_holder_posts_and_edits_an_update(member_client, held, member):
    response = member_client.post(
        url(held, "updates/"), {"title": "Première cuve", "body": "Elle est arrivée."}
    )
    assert response.status_code == 302
    update = PostedUpdate.objects.get(campaign_key=held.translation_key)
    assert update.author == member
    edit_url = url(held, f"updates/{update.pk}/edit/")
    assert client_for(MemberFactory()).get(edit_url).status_code == 404
    response = member_client.post(edit_url, {"title": "Première cuve !", "body": "Arrivée."})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.title == "Première cuve !"
    assert "Première cuve !" in member_client.get(url(held)).content.decode()


def test_brief_helpers_and_questions_show(member_client, held, operator, member):
    brief = LabBriefPageFactory(parent=operator, title="Brasser ensemble", owner=member)
    BriefGraduation.objects.create(brief=brief, campaign=held)
    task = VolunteerTaskFactory(brief=brief, title="Porter les sacs de malt")
    volunteer = MemberFactory(first_name="Vera", last_name="Volontaire")
    VolunteerSignupFactory(task=task, member=volunteer)
    AdviceQuestionFactory(brief=brief, title="Quelle levure choisir ?")
    page = html.unescape(member_client.get(url(held)).content.decode())
    assert "Porter les sacs de malt" in page and "Vera Volontaire" in page
    assert "Quelle levure choisir ?" in page
