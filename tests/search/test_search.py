"""The search API and page over real campaigns and briefs: languages, fallbacks, facets,
snippets, sorting, suggestions and stemming. Runs on the active engine, and on Elasticsearch
too when ELASTICSEARCH_URL is set (see tests/search/conftest.py)."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from portal.translation import translate
from tests.factories import CategoryFactory, TerritoryFactory
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.lab import LabBriefPageFactory, TeamRoleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("engine")]

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def catalogue(operator, other_operator):
    energy = CategoryFactory(name="Énergie", slug="energie")
    namur = TerritoryFactory(name="Namur", slug="namur")
    horses = publish(
        CampaignPageFactory(
            parent=operator,
            title="Chevaux de trait au bois",
            slug="chevaux",
            summary="Des chevaux débardent le bois de la commune.",
            category=energy,
            territory=namur,
            deadline=timezone.now() + datetime.timedelta(days=3),
            live=False,
        )
    )
    translate(energy, "nl", {"Énergie": "Energie", "energie": "energie"})
    translate(namur, "nl", {"Namur": "Namen", "namur": "namur"})
    translate(
        horses,
        "nl",
        {
            "Chevaux de trait au bois": "Trekpaarden in het bos",
            "chevaux": "paarden",
            "Des chevaux débardent le bois de la commune.": (
                "Paarden slepen het hout van de gemeente."
            ),
        },
    )
    solar = publish(
        CampaignPageFactory(
            parent=other_operator,
            title="Brasserie solaire",
            slug="brasserie",
            summary="Une brasserie qui tourne à l'énergie du soleil.",
            category=energy,
            deadline=timezone.now() + datetime.timedelta(days=30),
            live=False,
        )
    )
    garden = LabBriefPageFactory(
        parent=operator,
        title="Jardin des chevaux",
        slug="jardin",
        summary="Un potager partagé près du manège.",
        territory=namur,
        live=False,
    )
    TeamRoleFactory(brief=garden, title="Maraîcher bénévole")
    garden = publish(garden)
    return {"horses": horses, "solar": solar, "garden": garden}


def search(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(body):
    return [result["title"] for result in body["results"]]


def test_results_are_in_the_visitors_language_each_item_once(client, catalogue):
    body = search(client, lang="nl")
    assert body["count"] == 3
    by_title = {r["title"]: r for r in body["results"]}
    assert by_title["Trekpaarden in het bos"]["fallback"] is False
    assert by_title["Brasserie solaire"]["fallback"] is True
    assert by_title["Brasserie solaire"]["language"] == "fr"
    assert "Chevaux de trait au bois" not in by_title


def test_facets_count_what_was_found_with_labels(client, catalogue):
    body = search(client, q="chevaux", lang="fr")
    assert sorted(titles(body)) == ["Chevaux de trait au bois", "Jardin des chevaux"]
    facets = body["facets"]
    assert sorted((b["value"], b["count"]) for b in facets["kind"]) == [
        ("brief", 1),
        ("campaign", 1),
    ]
    assert facets["operator"] == [{"value": "nestup", "label": "Nest'up", "count": 2}]
    assert facets["territory"] == [{"value": "namur", "label": "Namur", "count": 2}]
    assert facets["category"] == [{"value": "energie", "label": "Énergie", "count": 1}]
    assert {bucket["value"] for bucket in facets["need"]} <= {"team", "money", "knowledge", "acts"}


def test_filters_narrow_the_results(client, catalogue):
    assert titles(search(client, lang="fr", kind="brief")) == ["Jardin des chevaux"]
    assert titles(search(client, lang="fr", operator="gre-liege")) == ["Brasserie solaire"]
    assert sorted(titles(search(client, lang="fr", category="energie"))) == [
        "Brasserie solaire",
        "Chevaux de trait au bois",
    ]
    assert titles(search(client, lang="fr", territory="namur", kind="campaign")) == [
        "Chevaux de trait au bois"
    ]
    assert titles(search(client, lang="fr", need="team")) == ["Jardin des chevaux"]


def test_snippets_mark_the_words_found(client, catalogue):
    result = search(client, q="brasseries energie", lang="fr")["results"][0]
    assert result["snippet"] == (
        "Une <mark>brasserie</mark> qui tourne à l&#x27;<mark>énergie</mark> du soleil."
    )


def test_sorting_ending_soon_and_newest(client, catalogue):
    ending = titles(search(client, lang="fr", sort="ending"))
    assert ending[:2] == ["Chevaux de trait au bois", "Brasserie solaire"]
    assert ending[-1] == "Jardin des chevaux"  # briefs have no deadline: last
    assert titles(search(client, lang="fr", sort="newest"))[0] == "Jardin des chevaux"
    assert titles(search(client, q="chevaux", lang="fr", sort="ending"))[0] == (
        "Chevaux de trait au bois"
    )


def test_pages(client, catalogue):
    first = search(client, lang="fr")
    assert len(first["results"]) == 3
    past = search(client, lang="fr", page=2)
    assert past["count"] == 3 and past["results"] == []


def test_suggestions_complete_titles_as_one_types(client, catalogue):
    response = client.get(SUGGEST, {"q": "bra", "lang": "fr"})
    assert [s["title"] for s in response.json()["results"]] == ["Brasserie solaire"]
    response = client.get(SUGGEST, {"q": "trek", "lang": "nl"})
    assert [s["title"] for s in response.json()["results"]] == ["Trekpaarden in het bos"]
    assert client.get(SUGGEST, {"q": "b", "lang": "fr"}).json()["results"] == []


def test_query_counts_stay_flat(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        search(client, q="chevaux", lang="fr", category="energie")
    with django_assert_max_num_queries(10):
        search(client, lang="nl")
    with django_assert_max_num_queries(3):
        client.get(SUGGEST, {"q": "cha", "lang": "fr"})


def test_the_search_page_shows_results_facets_and_marks(client, catalogue, search_page):
    response = client.get("/fr/recherche/", {"q": "chevaux"})
    html = response.content.decode()
    assert "Chevaux de trait au bois" in html
    assert "<mark>chevaux</mark>" in html
    assert "?q=chevaux&amp;territory=namur" in html or "?q=chevaux&territory=namur" in html
    dutch = client.get("/nl/zoeken/", {"q": "paarden"}).content.decode()
    assert "Trekpaarden in het bos" in dutch


def item_in(operator, language, title, summary):
    """A campaign whose `language` version has this title and summary."""
    page = publish(
        CampaignPageFactory(
            parent=operator,
            title="Projet",
            slug="projet",
            summary="Un projet.",
            live=False,
        )
    )
    if language == "fr":
        page.title, page.summary = title, summary
        return publish(page)
    return translate(page, language, {"Projet": title, "projet": "project", "Un projet.": summary})


# (language, text in the item, query): another form of the word, or without its accents.
STEMMING = [
    ("fr", "Des chevaux pour le débardage", "cheval"),
    ("fr", "L'énergie du soleil", "energie"),
    ("fr", "Un jardin partagé", "jardins"),
    ("fr", "Au cœur du village", "coeur"),
    ("nl", "Een fiets voor iedereen", "fietsen"),
    ("nl", "Fietsen voor iedereen", "fiets"),
    ("nl", "De tuinen van de wijk", "tuin"),
    ("de", "Eine Brauerei im Dorf", "Brauereien"),
    ("de", "Ein Garten im Dorf", "Gärten"),
    ("de", "Die Gärten im Dorf", "Garten"),
    ("de", "Eine Straße für alle", "Strasse"),
    ("en", "A garden on the roof", "gardens"),
    ("en", "Gardens on the roof", "garden"),
]


@pytest.mark.parametrize(("language", "text", "query"), STEMMING)
def test_stemming_and_accents_per_language(client, operator, language, text, query):
    item_in(operator, language, text, text)
    assert titles(search(client, q=query, lang=language)) == [text]


# Words in the text only, where the prefix fallback (titles only) cannot find them: the
# stemmers alone. Not "fiets" and "fietsen": Snowball's Dutch stems them apart (fiet, fiets),
# on PostgreSQL too, and only the fallback finds them, in titles.
STEMMED_TEXT = [
    ("fr", "Un jardin partagé près de la gare.", "jardins"),
    ("fr", "Des écoles pour tous.", "ecole"),
    ("fr", "Un vélo pour chacun.", "velo"),
    ("nl", "Paarden in het bos.", "paard"),
    ("de", "Zwei Gärten hinter der Schule.", "Garten"),
    ("de", "Ein Garten hinter der Schule.", "Gärten"),
    ("de", "Eine Straße für alle.", "Strasse"),
    ("en", "Two gardens behind the school.", "garden"),
    ("en", "A library for the village.", "libraries"),
]


@pytest.mark.parametrize(("language", "text", "query"), STEMMED_TEXT)
def test_stemmed_words_are_found_in_the_text(client, operator, language, text, query):
    item_in(operator, language, "Quartier", text)
    body = search(client, q=query, lang=language)
    assert titles(body) == ["Quartier"]
    assert "<mark>" in body["results"][0]["snippet"]


def test_stop_words_are_neither_required_nor_marked(client, operator, other_operator):
    publish(
        CampaignPageFactory(
            parent=operator,
            title="Jardins partagés",
            slug="jardins",
            summary="Des jardins partagés pour tous.",
            live=False,
        )
    )
    publish(
        CampaignPageFactory(
            parent=other_operator,
            title="Le marché du quartier",
            slug="marche",
            summary="Le marché a lieu le samedi.",
            live=False,
        )
    )
    body = search(client, q="le jardin", lang="fr")
    assert titles(body) == ["Jardins partagés"]
    assert body["results"][0]["snippet"] == "Des <mark>jardins</mark> partagés pour tous."


def test_wagtails_update_index_keeps_each_language_to_its_stems(client, operator):
    """Wagtail's `update_index` hands every entry to every language's alias."""
    item_in(operator, "fr", "Quartier", "Des chevaux de trait.")
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    assert titles(search(client, q="cheval", lang="fr")) == ["Quartier"]
