"""Whatever a visitor or a script sends, search answers 200 or a clear 400, never a 500."""

import pytest

from search.service import MAX_QUERY_CHARS, clean_query

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 1000,
        "vélo " * 200,
        '"atelier vélo"',
        "'",
        "& | ! ( ) : * \\ %",
        "vélo & !jardin | (énergie:*)",
        "'; DROP TABLE search_searchentry; --",
        "1' OR '1'='1",
        "%%%",
        "\\",
        "<script>alert(1)</script>",
    ],
)
@pytest.mark.parametrize("url", [SEARCH, SUGGEST])
def test_odd_queries_answer_200(client, site, url, query, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(url, {"q": query, "lang": "fr"})
    assert response.status_code == 200, response.content
    assert isinstance(response.json()["results"], list)


def test_long_queries_are_capped_before_the_database():
    cleaned = clean_query("énergie " * 500)
    assert len(cleaned) <= MAX_QUERY_CHARS
    assert cleaned.split()[0] == "énergie"
    assert len(cleaned.split()) <= 10


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("l'énergie d'un vélo", "énergie un vélo"),
        ("fiets & !auto", "fiets auto"),
        ('"Brauerei" (Liège):*', "Brauerei Liège"),
        ("50% \\ 100%", "50 100"),
    ],
)
def test_operators_and_quotes_never_reach_the_engine(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_empty_query_lists_everything_open_with_the_full_shape(client, site):
    body = client.get(SEARCH, {"lang": "nl"}).json()
    assert body["count"] == 0
    assert body["results"] == []
    assert set(body["facets"]) == {"kind", "operator", "category", "territory", "need"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lang": "xx"}, "lang"),
        ({"lang": "fr-BE"}, "lang"),
        ({"kind": "petition"}, "kind"),
        ({"need": "love"}, "need"),
        ({"sort": "random"}, "sort"),
        ({"page": "deux"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-3"}, "page"),
        ({"page": "1e9"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"q": "énergie\x00"}, "q"),
    ],
)
def test_unknown_values_are_a_clear_400(client, site, params, field):
    response = client.get(SEARCH, {"q": "vélo"} | params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert errors[field][0]


@pytest.mark.parametrize(
    ("accept", "message"),
    [
        ("nl", "Onbekende taal: kies fr, nl, de of en."),
        ("de", "Unbekannte Sprache: wählen Sie fr, nl, de oder en."),
        ("fr", "Langue inconnue : choisissez fr, nl, de ou en."),
    ],
)
def test_errors_speak_the_visitors_language(client, site, accept, message):
    response = client.get(SEARCH, {"lang": "xx"}, headers={"accept-language": accept})
    assert response.status_code == 400
    assert response.json()["errors"]["lang"] == [message]


@pytest.mark.parametrize(
    "params",
    [
        {"operator": "nobody"},
        {"category": "x" * 1000},
        {"territory": "' OR 1=1 --"},
        {"page": "500"},
    ],
)
def test_unknown_facet_values_and_pages_past_the_end_find_nothing(client, site, params):
    response = client.get(SEARCH, {"q": "vélo", "lang": "fr", **params})
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


def test_language_defaults_to_the_request_language(client, site):
    assert client.get(SEARCH, headers={"accept-language": "de"}).status_code == 200
