"""Search follows the page tree: publish, unpublish, translate, move, restrict, close, delete."""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from portal.translation import translate
from search.indexing import refresh_entries
from search.models import SearchEntry
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.lab import LabBriefPageFactory, VolunteerTaskFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("engine")]

SEARCH = "/api/v1/search/"


def found(client, q, lang="fr", **params):
    body = client.get(SEARCH, {"q": q, "lang": lang, **params}).json()
    return {result["title"]: result for result in body["results"]}


@pytest.fixture
def campaign(operator):
    page = CampaignPageFactory(
        parent=operator,
        title="Atelier vélo de Namur",
        slug="atelier-velo",
        summary="Réparer les vélos du quartier ensemble.",
        live=False,
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_published_campaign_is_found_in_every_language(client, campaign):
    french = found(client, "vélo")["Atelier vélo de Namur"]
    assert french["fallback"] is False
    assert french["kind"] == "campaign"
    assert french["url"] == "http://testserver/fr/nestup/atelier-velo/"
    assert french["operator"] == "Nest'up"
    assert french["snippet"] == "Réparer les <mark>vélos</mark> du quartier ensemble."
    dutch = found(client, "vélo", lang="nl")["Atelier vélo de Namur"]
    assert dutch["fallback"] is True
    assert dutch["language"] == "fr"


def test_a_translation_replaces_the_fallback(client, campaign):
    translate(
        campaign,
        "nl",
        {
            "Atelier vélo de Namur": "Fietsatelier in Namen",
            "atelier-velo": "fietsatelier",
            "Réparer les vélos du quartier ensemble.": "Samen de fietsen van de wijk herstellen.",
        },
    )
    results = client.get(SEARCH, {"lang": "nl"}).json()["results"]
    assert [(r["title"], r["fallback"], r["language"]) for r in results] == [
        ("Fietsatelier in Namen", False, "nl")
    ]
    assert results[0]["url"].endswith("/nl/nestup/fietsatelier/")


def test_unpublishing_removes_it(client, campaign):
    campaign.unpublish()
    assert found(client, "vélo") == {}
    assert found(client, "vélo", lang="de") == {}
    assert not SearchEntry.objects.exists()


def test_a_draft_never_appears_even_by_id(client, operator):
    draft = CampaignPageFactory(parent=operator, title="Projet secret vélo", live=False)
    draft.save_revision()
    for q in ("secret", str(draft.pk), ""):
        assert "Projet secret vélo" not in found(client, q)
    assert client.get(SEARCH, {"q": str(draft.pk)}).json()["count"] == 0


def test_a_page_awaiting_moderation_shows_only_its_published_version(client, campaign, editor):
    campaign.title = "Atelier vélo confidentiel"
    revision = campaign.save_revision(user=editor)
    campaign.get_workflow().start(campaign, editor)
    assert revision.content["title"] == "Atelier vélo confidentiel"
    assert found(client, "confidentiel") == {}
    assert "Atelier vélo de Namur" in found(client, "vélo")


def test_a_private_page_disappears(client, campaign):
    PageViewRestriction.objects.create(page=campaign, restriction_type="password", password="x")
    assert found(client, "vélo") == {}
    PageViewRestriction.objects.filter(page=campaign).delete()
    assert "Atelier vélo de Namur" in found(client, "vélo")


def test_a_closed_brief_disappears_and_its_tasks_are_searchable(client, operator):
    brief = LabBriefPageFactory(parent=operator, title="Potager partagé", live=False)
    VolunteerTaskFactory(brief=brief, title="Porter la terre au jardin")
    brief.save_revision().publish()
    assert "Potager partagé" in found(client, "terre")
    brief.refresh_from_db()
    brief.status = "closed"
    brief.save()
    assert found(client, "terre") == {}


def test_a_campaign_past_its_deadline_disappears_without_reindexing(client, campaign):
    # Time passes: the entry still exists, but its deadline is now behind us.
    SearchEntry.objects.update(closes_at=timezone.now() - datetime.timedelta(seconds=1))
    assert found(client, "vélo") == {}
    assert client.get("/api/v1/search/suggest/", {"q": "atel"}).json()["results"] == []


def test_an_upcoming_campaign_appears_when_it_starts(client, operator):
    upcoming = CampaignPageFactory(
        parent=operator,
        title="Vélo de demain",
        live=False,
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    upcoming.save_revision().publish()
    assert found(client, "vélo") == {}
    SearchEntry.objects.update(opens_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "Vélo de demain" in found(client, "vélo")


def test_moving_a_page_updates_its_address(client, campaign, other_operator):
    campaign.move(other_operator, pos="last-child")
    result = found(client, "vélo")["Atelier vélo de Namur"]
    assert result["url"] == "http://testserver/fr/gre-liege/atelier-velo/"
    assert result["operator"] == "GRE Liège"


def test_deleting_a_page_removes_its_entries(client, campaign):
    campaign.delete()
    assert not SearchEntry.objects.exists()
    assert found(client, "vélo") == {}


def test_a_live_page_added_before_its_first_publish_is_indexed_by_the_publish(client, operator):
    """The demo seed adds campaigns live with add_child and publishes them next: the save in
    between has no publication date and must not break indexing (it raised ValueError)."""
    page = CampaignPageFactory.build(title="Fête des voisins", slug="fete-voisins")
    operator.add_child(instance=page)
    assert page.live and page.first_published_at is None

    saved, dropped = refresh_entries("campaigns.campaignpage", str(page.translation_key))
    assert (saved, dropped) == ([], [])
    assert "Fête des voisins" not in found(client, "voisins")

    page.save_revision().publish()
    assert "Fête des voisins" in found(client, "voisins")
