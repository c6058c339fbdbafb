"""Wagtail's database search backend, one alias per language, and the engine built on it.

`SearchBackend(params)` is what WAGTAILSEARCH_BACKENDS names: the vendor's database backend
(SQLite FTS5, PostgreSQL full text…) that indexes a `SearchEntry` only into the alias of its
own language (the `LANGUAGE` parameter), so each entry is stemmed by the right configuration;
the alias without a language ("default", the admin's) indexes everything else.

On SQLite, whose FTS5 does not stem, a language's alias stores and searches the stems of that
language, computed in Python as PostgreSQL computes them (search.backends.sqlite).

`DatabaseEngine` searches entries through those aliases: the engine on SQLite, the embedded
default. On PostgreSQL, search.backends.postgres.PostgresEngine replaces it with vectors
stored on the entries (Wagtail's index table costs a join on a text id per match: 200 ms at
100,000 items against 30 ms); the aliases then index only what the admin searches.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as vendor_database_backend

from search.backends.base import FacetCounts, SearchHits, Suggestion
from search.highlight import highlight
from search.models import NEEDS, SearchEntry


class LanguageRoutingMixin:
    def __init__(self, params):
        super().__init__(params)
        self.language = params.get("LANGUAGE")
        if self.language and params.get("AUTOCOMPLETE_CONFIG"):
            self.autocomplete_config = params["AUTOCOMPLETE_CONFIG"]

    def accepts(self, obj):
        if isinstance(obj, SearchEntry):
            return obj.language == self.language
        return self.language is None

    def add(self, obj):
        if self.accepts(obj):
            super().add(obj)

    def add_bulk(self, model, obj_list):
        accepted = [obj for obj in obj_list if self.accepts(obj)]
        if accepted:
            super().add_bulk(model, accepted)


_routing_classes = {}


def SearchBackend(params):
    """The vendor's backend, routing by language; on SQLite, a language's alias also stems."""
    base_class = type(vendor_database_backend(params))
    mixins = (LanguageRoutingMixin,)
    if connection.vendor == "sqlite":
        from search.backends.sqlite import StemmingMixin, stems

        if stems(base_class, params):
            mixins += (StemmingMixin,)
    key = (base_class, mixins)
    if key not in _routing_classes:
        _routing_classes[key] = type(
            f"LanguageRouting{base_class.__name__}", (*mixins, base_class), {}
        )
    return _routing_classes[key](params)


def index_entries(entries):
    """Index entries, each into its language's alias."""
    by_language = {}
    for entry in entries:
        by_language.setdefault(entry.language, []).append(entry)
    for language, language_entries in by_language.items():
        get_search_backend(language).add_bulk(SearchEntry, language_entries)


def unindex_entries(entries):
    for entry in entries:
        get_search_backend(entry.language).delete(entry)


def forget_stale_entries():
    """Drop index rows whose entry no longer exists (after a bulk rebuild)."""
    backend = get_search_backend("default")
    backend.get_index_for_model(SearchEntry).delete_stale_model_entries(SearchEntry)


FACET_COLUMNS = {"operator": "operator_id", "category": "category_id", "territory": "territory_id"}


class DatabaseEngine:
    """Searches the entries of one language through that language's database backend alias."""

    name = "database"
    rebuild_chunk_size = 500

    def index(self, entries):
        index_entries(entries)

    def unindex(self, entries):
        unindex_entries(entries)

    def rebuild(self, entries, progress=None):
        """Index every entry again into its language's alias, then drop stale index rows."""
        total = entries.count()
        done = 0
        for start in range(0, total, self.rebuild_chunk_size):
            chunk = list(entries[start : start + self.rebuild_chunk_size])
            index_entries(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
        forget_stale_entries()

    def _entries(self, query):
        entries = (
            SearchEntry.objects.open_now()
            .filter(language=query.language)
            .select_related("operator")
        )
        if query.kind:
            entries = entries.filter(kind=query.kind)
        if query.operator_ids is not None:
            entries = entries.filter(operator__in=query.operator_ids)
        if query.category_ids is not None:
            entries = entries.filter(category__in=query.category_ids)
        if query.territory_ids is not None:
            entries = entries.filter(territory__in=query.territory_ids)
        if query.need:
            entries = entries.filter(**{f"needs_{query.need}": True})
        return entries

    @staticmethod
    def _ordered(entries, sort):
        if sort == "ending":
            return entries.order_by(F("closes_at").asc(nulls_last=True), "-published_at", "-id")
        return entries.order_by("-published_at", "-id")

    def search(self, query):
        entries = self._entries(query)
        if query.text:
            backend = get_search_backend(query.language)
            by_relevance = query.sort == "relevance"
            method = backend.autocomplete if query.prefix else backend.search
            results = method(
                query.text,
                entries if by_relevance else self._ordered(entries, query.sort),
                operator=query.terms_operator,
                order_by_relevance=by_relevance,
            )
            compiler = results.query_compiler
            matched = compiler.search(compiler.get_config(backend), None, None)
            page = list(results[query.offset : query.offset + query.page_size])
        else:
            matched = self._ordered(entries, query.sort)
            page = list(matched[query.offset : query.offset + query.page_size])
        count, facets = _count_and_facets(matched)
        for entry in page:
            entry.snippet = highlight(
                query.text, entry.summary, entry.body, language=query.language
            )
        return SearchHits(count=count, entries=page, facets=facets)

    def suggest(self, language, prefix, limit):
        entries = SearchEntry.objects.open_now().filter(language=language)
        results = get_search_backend(language).autocomplete(prefix, entries)
        return [
            Suggestion(title=e.title, url=e.url, kind=e.kind, fallback=e.fallback)
            for e in results[:limit]
        ]


def _count_and_facets(matched):
    """The number of matching entries and the facet counts, in one statement over them."""
    columns = matched.order_by().values_list(
        "id", "kind", *FACET_COLUMNS.values(), *[f"needs_{need}" for need in NEEDS]
    )
    try:
        sql, params = columns.query.sql_with_params()
    except EmptyResultSet:
        return 0, FacetCounts()
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    branches = ["SELECT 'total', '', COUNT(*) FROM matched", _group("kind", "kind")]
    branches += [_group(facet, column) for facet, column in FACET_COLUMNS.items()]
    branches += [
        f"SELECT 'need', '{need}', COUNT(*) FROM matched WHERE needs_{need}"  # noqa: S608
        for need in NEEDS
    ]
    statement = f"WITH matched AS {materialized}({sql}) " + " UNION ALL ".join(branches)  # noqa: S608
    facets = FacetCounts()
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for facet, value, number in cursor.fetchall():
            if facet == "total":
                count = number
            elif number:
                facets.setdefault(facet, {})[str(value)] = number
    return count, facets


def _group(facet, column):
    return (
        f"SELECT '{facet}', CAST({column} AS TEXT), COUNT(*) FROM matched "  # noqa: S608
        f"WHERE {column} IS NOT NULL GROUP BY {column}"
    )
