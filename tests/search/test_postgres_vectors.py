"""PostgreSQL's engine: vectors generated on save, and searches that use their indexes.

(Browsing without words reads `search_entry_browse` by an index-only scan once the table is
vacuumed, which a test transaction cannot do: bench/search.py shows it.)"""

import uuid

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from search.backends import get_engine
from search.backends.base import SearchQuery
from search.models import SearchEntry
from search.text import analyzer
from tests.search.corpus import PLACES, SUBJECTS, _texts

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Stored search vectors exist on PostgreSQL only; SQLite uses FTS5.")


def entry(home, language, title, **fields):
    return SearchEntry.objects.create(
        language=language,
        kind="campaign",
        translation_key=uuid.uuid4(),
        page=home,
        text_language=language,
        title=title,
        url=f"/{language}/x/",
        status="live",
        published_at=timezone.now(),
        **fields,
    )


def vectors(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text, rank_vector::text, title_vector::text "
            "FROM search_searchentry WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_vectors_follow_the_row_language_and_its_saves(home):
    french = entry(home, "fr", "Les chevaux", summary="Énergie du bois", body="Une écurie")
    search_vector, rank_vector, title_vector = vectors(french.pk)
    assert "'cheval':2A" in search_vector  # French stemmer, title weight A
    assert "'energ':3B" in search_vector  # accents folded, summary weight B
    assert "'ecur':7C" in search_vector  # body weight C
    assert "ecur" not in rank_vector and "'cheval':2A" in rank_vector
    assert title_vector == "'chevaux':2 'les':1"  # no stemming, no stop words

    german = entry(home, "de", "Die Brauereien")
    assert "'brauerei':2A" in vectors(german.pk)[0]

    french.title = "Les vélos"
    french.save()
    assert "'velos':2" in vectors(french.pk)[2]


def explain(statement):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        return "\n".join(row[0] for row in cursor.fetchall())


def engine_statements(query):
    with CaptureQueriesContext(connection) as captured:
        get_engine().search(query)
    return [q["sql"] for q in captured.captured_queries if "WITH matched" in q["sql"]]


def test_searches_use_their_language_partial_index(home):
    now = timezone.now()
    SearchEntry.objects.bulk_create(
        SearchEntry(
            language=language,
            kind="brief",
            translation_key=uuid.uuid4(),
            page=home,
            text_language=language,
            title=f"Atelier {number}",
            body="Un atelier de quartier " * 20,
            url="/x/",
            status="open",
            published_at=now,
        )
        for number in range(300)
        for language in ("fr", "nl")
    )
    entry(home, "fr", "Chevaux de trait")
    entry(home, "nl", "Trekpaarden")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    (search,) = engine_statements(SearchQuery(language="fr", text="cheval"))
    assert "search_entry_search_fr" in explain(search)
    (prefix,) = engine_statements(SearchQuery(language="nl", text="trek", prefix=True))
    assert "search_entry_title_nl" in explain(prefix)


# Accents, ligatures, elisions, stop words with and without accents, hyphens.
SAMPLES = {
    "fr": "L'été, c'est au cœur du village qu'on a vu les vélos et l'Énergie d'Œuvres-Unies.",
    "nl": "De fietsen van de ideeën: één café, geen paarden, wél molens in 's-Gravenhage.",
    "de": "Für die Straße daß wir die Gärten, Mühlen und Bäume über alles lieben.",
    "en": "The naïve café's co-operative: gardens, libraries and the breweries' Œuvre.",
}


def test_sqlite_terms_are_postgresql_lexemes():
    """search.text, what SQLite's index stores and searches, finds the lexemes of PostgreSQL's
    configurations: both databases match the same words. (PostgreSQL also keeps a hyphenated
    compound whole, which no query can match: search.service.clean_query splits it.)"""
    for language, config in settings.SEARCH_TEXT_CONFIGS.items():
        texts = [SAMPLES[language]] + [
            text
            for number, (_category, vocabularies) in enumerate(SUBJECTS.values())
            if language in vocabularies
            for text in _texts(language, vocabularies[language], PLACES[number % len(PLACES)])
        ]
        for text in texts:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT array_agg(lexeme ORDER BY lexeme) "
                    "FROM unnest(to_tsvector(%s::regconfig, %s)) WHERE lexeme NOT LIKE '%%-%%'",
                    [config, text],
                )
                (lexemes,) = cursor.fetchone()
            assert sorted(set(analyzer(language).terms(text))) == sorted(lexemes or []), text
