"""Stemming for Wagtail's SQLite backend (FTS5), the way PostgreSQL's configurations stem.

FTS5 folds case and accents but has no stemmer: "garden" would not find "gardens". A language's
alias stores the terms of an entry (search.text: stop words dropped, the rest stemmed) in the
index's `title` and `body` columns and searches by the terms of the query, so both sides meet on
the same stems. The `autocomplete` column keeps the title as written: suggestions and the prefix
fallback (search.service.run_search) match the starts of real words.

The language's `search.text.Analyzer` travels as the backend's `config`, the value the vendor
hands to its query compiler (SQLite's backend has no configuration of its own), as PostgreSQL's
backend hands over a text search configuration.
"""

from django.utils.functional import cached_property

from wagtail.search.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from wagtail.search.query import PlainText
from wagtail.search.utils import get_content_type_pk

from search.text import analyzer


class StemmedObjectIndexer(ObjectIndexer):
    """An object's title and body as the terms of the backend's language."""

    @cached_property
    def title(self):
        return " ".join(self.config.terms(ObjectIndexer.title.func(self)))

    @cached_property
    def body(self):
        return " ".join(self.config.terms(ObjectIndexer.body.func(self)))


class StemmingIndex(SQLiteIndex):
    def add_items(self, model, objs):
        """The vendor's `add_items`, with titles and bodies stored as terms.

        Only the objects of the backend's language: Wagtail's `update_index` hands every
        alias's index every entry, and another language's stems would overwrite the right ones.
        """
        if not model.get_search_fields():
            return
        rows = {}
        for obj in filter(self.backend.accepts, objs):
            indexer = StemmedObjectIndexer(obj, self.backend)
            rows[indexer.id] = {
                "title": indexer.title,
                "autocomplete": indexer.autocomplete,
                "body": indexer.body,
            }
        if not rows:
            return
        content_type = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type)
        indexed = set(entries.filter(object_id__in=rows).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**rows[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type, object_id=object_id, **fields)
            for object_id, fields in rows.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class StemmingQueryCompiler(SQLiteSearchQueryCompiler):
    """Searches by the terms of the words, `config` being the language's analyzer."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = " ".join(config.terms(query.query_string))
            query = PlainText(terms, operator=query.operator, boost=query.boost)
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        """Nothing for words that are all stop words, as on PostgreSQL."""
        if isinstance(self.query, PlainText) and not config.terms(self.query.query_string):
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class StemmingMixin:
    """For a language's alias of SQLiteSearchBackend."""

    index_class = StemmingIndex
    query_compiler_class = StemmingQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.config = analyzer(params["LANGUAGE"])


def stems(backend_class, params):
    """Whether an alias of this vendor backend stems in Python: a language's, on FTS5."""
    language = params.get("LANGUAGE")
    return issubclass(backend_class, SQLiteSearchBackend) and analyzer(language) is not None
