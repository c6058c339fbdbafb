"""The Elasticsearch path without a cluster: index definitions and request bodies.

With ELASTICSEARCH_URL set, tests/search/test_search.py runs the same suite against a real
cluster too (see docs/operations.md).
"""

from django.utils import timezone

import pytest

from search.backends.base import SearchQuery
from search.backends.elasticsearch import alias_name, index_definition, search_body, suggest_body


def _analysis(language):
    return index_definition(f"maillon-{language}-1", language).to_dict()["settings"]["analysis"]


@pytest.mark.parametrize(
    ("language", "stemmer"),
    [("fr", "light_french"), ("nl", "dutch"), ("de", "light_german"), ("en", "english")],
)
def test_each_language_has_its_analyzer_with_ascii_folding_before_stemming(language, stemmer):
    analysis = _analysis(language)
    filters = analysis["analyzer"][f"maillon_{language}"]["filter"]
    assert "asciifolding" in filters
    stemmer_name = filters[-1]
    assert analysis["filter"][stemmer_name] == {"type": "stemmer", "language": stemmer}
    assert filters.index("asciifolding") < filters.index(stemmer_name)
    assert "lowercase" in filters


def test_french_drops_elisions_and_german_normalises_umlauts():
    assert _analysis("fr")["filter"]["maillon_fr_elision"]["type"] == "elision"
    assert "german_normalization" in _analysis("de")["analyzer"]["maillon_de"]["filter"]


def test_mapping_indexes_texts_with_the_language_and_facets_as_keywords():
    properties = index_definition("maillon-nl-1", "nl").to_dict()["mappings"]["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["analyzer"] == "maillon_nl"
    assert properties["title"]["fields"]["autocomplete"]["analyzer"] == "maillon_autocomplete"
    assert properties["needs"]["type"] == "keyword"
    assert properties["kind"]["type"] == "keyword"
    assert properties["operator"]["type"] == "long"
    assert properties["closes_at"]["type"] == "date"
    assert properties["url"] == {"type": "keyword", "index": False}


def test_search_body_filters_open_items_and_asks_for_facets_and_highlights(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "maillon"
    query = SearchQuery(
        language="de", text="Brauereien", kind="brief", category_ids=(4, 7), need="team", page=3
    )
    search = search_body(query)
    body = search.to_dict()
    assert search._index == ["maillon-de"]
    assert body["query"]["bool"]["must"] == [
        {
            "multi_match": {
                "query": "Brauereien",
                "fields": ["title^3", "summary^2", "body"],
                "operator": "and",
                "type": "cross_fields",
            }
        }
    ]
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"kind": "brief"}} in filters
    assert {"terms": {"category": [4, 7]}} in filters
    assert {"term": {"needs": "team"}} in filters
    opens, closes = filters[0]["bool"]["filter"]
    assert opens["bool"]["should"][0]["range"]["opens_at"]["lte"] <= timezone.now()
    assert closes["bool"]["should"][0]["range"]["closes_at"]["gt"] <= timezone.now()
    assert closes["bool"]["should"][1] == {
        "bool": {"must_not": [{"exists": {"field": "closes_at"}}]}
    }
    assert set(body["aggs"]) == {"kind", "operator", "category", "territory", "need"}
    assert body["aggs"]["need"] == {"terms": {"field": "needs", "size": 50}}
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert (body["from"], body["size"]) == (40, 20)
    assert "sort" not in body


@pytest.mark.parametrize(
    ("sort", "text", "expected"),
    [
        (
            "ending",
            "vélo",
            [
                {"closes_at": {"order": "asc", "missing": "_last"}},
                {"published_at": {"order": "desc"}},
            ],
        ),
        ("newest", "vélo", [{"published_at": {"order": "desc"}}]),
        ("relevance", "", [{"published_at": {"order": "desc"}}]),
    ],
)
def test_sorting(sort, text, expected):
    body = search_body(SearchQuery(language="fr", text=text, sort=sort)).to_dict()
    assert body["sort"] == expected


def test_an_empty_query_matches_everything_open():
    body = search_body(SearchQuery(language="en")).to_dict()
    assert "must" not in body["query"]["bool"]


def test_suggest_body_completes_titles_with_edge_ngrams(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "maillon"
    search = suggest_body("fr", "bra", 8)
    body = search.to_dict()
    assert search._index == [alias_name("fr")] == ["maillon-fr"]
    assert body["query"]["bool"]["must"] == [
        {"match": {"title.autocomplete": {"query": "bra", "operator": "and"}}}
    ]
    assert body["size"] == 8
