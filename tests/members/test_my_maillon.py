"""My Maillon: the member's pledges (changed and cancelled from the page, under the pledge API's
rules), projects, sign-ups, follows, the links other apps register; and logging in back to the
page and language the member came from."""

import json

from django.test import Client

from wagtail import hooks

import pytest

from campaigns.models import Pledge, PledgeStatus
from lab.models import VolunteerSignup
from members.follows import follow_key
from members.models import Target
from portal.formatting import format_money
from tests.factories import MemberFactory
from tests.factories.campaigns import RewardTierFactory
from tests.members.conftest import client_for

pytestmark = pytest.mark.django_db


def pledge_from_api(client, campaign, amount=5_000):
    response = client.post(
        "/api/v1/pledges/",
        json.dumps({"campaign": campaign.pk, "amount": amount, "payment_method": "pm_card_visa"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return Pledge.objects.get(pk=response.json()["id"])


def test_visitors_are_sent_to_log_in():
    response = Client().get("/fr/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=/fr/me/")


def test_my_maillon_lists_what_is_mine(member, holder, live_campaign, brief):
    pledge = pledge_from_api(client_for(member), live_campaign)
    task = brief.tasks.get()
    client_for(member).post(f"/fr/lab/tasks/{task.pk}/signup/")
    follow_key(member, Target.BRIEF, brief.translation_key)

    html = client_for(member).get("/en/me/").content.decode()
    assert "Vélo-atelier de Namur" in html
    assert "€50" in html  # the English page writes English amounts
    assert f"/en/me/pledges/{pledge.pk}/" in html
    assert "Porter la terre" in html
    assert "Un potager sur le toit" in html
    assert "/en/me/feed/" in html
    projects = client_for(holder).get("/en/me/").content.decode()
    assert 'href="/en/nestup/velo-atelier/"' in projects
    assert VolunteerSignup.objects.filter(member=member).exists()


def test_the_header_links_my_maillon(member, home):
    html = client_for(member).get("/nl/").content.decode()
    assert 'href="/nl/me/"' in html
    assert "Mijn Maillon" in html


def test_other_apps_add_their_links(member):
    def tax_link(request):
        return {"url": "/fr/me/tax/", "label": "Attestations fiscales", "order": 5}

    with hooks.register_temporarily("register_my_maillon_link", tax_link):
        html = client_for(member).get("/fr/me/").content.decode()
    assert '<a href="/fr/me/tax/">Attestations fiscales</a>' in html


def test_change_and_cancel_a_pledge_from_the_page(member, live_campaign):
    tier = RewardTierFactory(campaign=live_campaign, minimum_amount=8_000)
    live_campaign.save_revision().publish()
    pledge = pledge_from_api(client_for(member), live_campaign)
    client = client_for(member)
    url = f"/fr/me/pledges/{pledge.pk}/"
    assert client.get(url).status_code == 200

    too_low = client.post(url, {"amount_eur": "60", "reward_tier": tier.pk})
    assert too_low.status_code == 400
    assert f"au moins {format_money(8_000, 'fr')}" in too_low.content.decode()
    assert Pledge.objects.get(pk=pledge.pk).amount == 5_000

    changed = client.post(url, {"amount_eur": "85.50", "reward_tier": tier.pk})
    assert changed.status_code == 302
    pledge.refresh_from_db()
    assert (pledge.net_amount, pledge.tier_key) == (8_550, tier.translation_key)

    assert client.post(f"/fr/me/pledges/{pledge.pk}/cancel/").status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.CANCELLED


def test_someone_elses_pledge_is_a_404(member, live_campaign):
    pledge = pledge_from_api(client_for(member), live_campaign)
    other = client_for(MemberFactory())
    assert other.get(f"/fr/me/pledges/{pledge.pk}/").status_code == 404
    assert other.post(f"/fr/me/pledges/{pledge.pk}/cancel/").status_code == 404
    assert Pledge.objects.get(pk=pledge.pk).status == PledgeStatus.COMMITTED


def test_logging_in_returns_to_the_page_and_its_language(live_campaign, home):
    member = MemberFactory(preferred_language="fr")
    dutch_page = "/nl/nestup/velo-atelier/"
    client = Client(headers={"Accept-Language": "de"})
    html = client.get(dutch_page).content.decode()
    assert f'href="/nl/accounts/login/?next={dutch_page}"' in html
    response = client.post(
        f"/nl/accounts/login/?next={dutch_page}",
        {"login": member.email, "password": "correct horse battery", "next": dutch_page},
    )
    assert response.status_code == 302
    assert response["Location"] == dutch_page
    landed = client.get(dutch_page).content.decode()
    assert "Je bent nu ingelogd als" in landed


@pytest.mark.parametrize("count", [1, 12])
def test_my_maillon_costs_the_same_queries_at_any_size(
    member, operator, count, django_assert_max_num_queries
):
    from tests.factories.campaigns import CampaignPageFactory, PledgeFactory

    for n in range(count):
        campaign = CampaignPageFactory(parent=operator, title=f"Campagne {n}", slug=f"c-{n}")
        PledgeFactory(campaign=campaign, backer=member, email=member.email)
        follow_key(member, Target.CAMPAIGN, campaign.translation_key)
    client = client_for(member)
    client.get("/fr/me/")  # warm the site's caches
    with django_assert_max_num_queries(22):
        html = client.get("/fr/me/").content.decode()
    assert html.count("data-pledge=") == count
