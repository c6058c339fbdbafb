"""Elasticsearch 8 through elasticsearch-dsl: the one module that talks to the cluster.

One index per language, behind an alias (`<prefix>-fr`, `<prefix>-nl`…), each with that
language's analyzer plus ASCII folding. Documents are made from the same `SearchEntry` rows
the database backend indexes; `rebuild()` fills fresh indexes and swaps the aliases in one
atomic call, so searches never see a half-built index.
"""

from functools import cached_property

from django.conf import settings
from django.utils import timezone

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import Index, Mapping, Q, Search, analyzer, token_filter

from search.backends.base import SearchHits, Suggestion
from search.highlight import highlight
from search.models import SearchEntry

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu"]
# Folding comes before stemming so that "energie" and "énergie" reach the stemmer alike.
LANGUAGE_FILTERS = {
    "fr": [
        token_filter("maillon_fr_elision", "elision", articles=FRENCH_ELISIONS, articles_case=True),
        "lowercase",
        token_filter("maillon_fr_stop", "stop", stopwords="_french_"),
        "asciifolding",
        token_filter("maillon_fr_stemmer", "stemmer", language="light_french"),
    ],
    "nl": [
        "lowercase",
        token_filter("maillon_nl_stop", "stop", stopwords="_dutch_"),
        "asciifolding",
        token_filter("maillon_nl_stemmer", "stemmer", language="dutch"),
    ],
    "de": [
        "lowercase",
        token_filter("maillon_de_stop", "stop", stopwords="_german_"),
        "german_normalization",
        "asciifolding",
        token_filter("maillon_de_stemmer", "stemmer", language="light_german"),
    ],
    "en": [
        token_filter("maillon_en_possessive", "stemmer", language="possessive_english"),
        "lowercase",
        token_filter("maillon_en_stop", "stop", stopwords="_english_"),
        "asciifolding",
        token_filter("maillon_en_stemmer", "stemmer", language="english"),
    ],
}
AUTOCOMPLETE = analyzer(
    "maillon_autocomplete",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("maillon_edge_ngram", "edge_ngram", min_gram=2, max_gram=15),
    ],
)
AUTOCOMPLETE_SEARCH = analyzer(
    "maillon_autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
FACET_FIELDS = {
    "kind": "kind",
    "operator": "operator",
    "category": "category",
    "territory": "territory",
    "need": "needs",
}
FACET_SIZE = 50


def language_analyzer(language):
    return analyzer(f"maillon_{language}", tokenizer="standard", filter=LANGUAGE_FILTERS[language])


def mapping(language):
    text = language_analyzer(language)
    body = Mapping()
    body.field(
        "title",
        "text",
        analyzer=text,
        fields={
            "autocomplete": {
                "type": "text",
                "analyzer": AUTOCOMPLETE,
                "search_analyzer": AUTOCOMPLETE_SEARCH,
            }
        },
    )
    body.field("summary", "text", analyzer=text)
    body.field("body", "text", analyzer=text)
    for name in ("language", "kind", "translation_key", "status", "text_language", "needs"):
        body.field(name, "keyword")
    for name in ("page_id", "operator", "category", "territory"):
        body.field(name, "long")
    body.field("fallback", "boolean")
    body.field("url", "keyword", index=False)
    for name in ("opens_at", "closes_at", "published_at"):
        body.field(name, "date")
    return body


def alias_name(language):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{language}"


def index_definition(name, language):
    """The index's settings and mappings, an elasticsearch-dsl Index (`.to_dict()` offline)."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(language_analyzer(language))
    index.analyzer(AUTOCOMPLETE)
    index.analyzer(AUTOCOMPLETE_SEARCH)
    index.mapping(mapping(language))
    return index


def document(entry):
    return {
        "language": entry.language,
        "kind": entry.kind,
        "translation_key": str(entry.translation_key),
        "page_id": entry.page_id,
        "fallback": entry.fallback,
        "text_language": entry.text_language,
        "title": entry.title,
        "summary": entry.summary,
        "body": entry.body,
        "url": entry.url,
        "status": entry.status,
        "operator": entry.operator_id,
        "category": entry.category_id,
        "territory": entry.territory_id,
        "needs": entry.needs,
        "opens_at": entry.opens_at,
        "closes_at": entry.closes_at,
        "published_at": entry.published_at,
    }


def _open_now():
    now = timezone.now()
    return [
        Q(
            "bool",
            should=[Q("range", opens_at={"lte": now}), ~Q("exists", field="opens_at")],
            minimum_should_match=1,
        ),
        Q(
            "bool",
            should=[Q("range", closes_at={"gt": now}), ~Q("exists", field="closes_at")],
            minimum_should_match=1,
        ),
    ]


def search_body(query):
    """The elasticsearch-dsl Search for a SearchQuery (`.to_dict()` gives the request body)."""
    search = Search(index=alias_name(query.language)).filter("bool", filter=_open_now())
    if query.text and query.prefix:
        search = search.query(
            "match", **{"title.autocomplete": {"query": query.text, "operator": "and"}}
        )
    elif query.text:
        search = search.query(
            "multi_match",
            query=query.text,
            fields=["title^3", "summary^2", "body"],
            operator=query.terms_operator,
            type="cross_fields",
        )
    if query.kind:
        search = search.filter("term", kind=query.kind)
    for field, ids in (
        ("operator", query.operator_ids),
        ("category", query.category_ids),
        ("territory", query.territory_ids),
    ):
        if ids is not None:
            search = search.filter("terms", **{field: list(ids)})
    if query.need:
        search = search.filter("term", needs=query.need)
    for facet, field in FACET_FIELDS.items():
        search.aggs.bucket(facet, "terms", field=field, size=FACET_SIZE)
    if query.sort == "ending":
        search = search.sort(
            {"closes_at": {"order": "asc", "missing": "_last"}}, {"published_at": {"order": "desc"}}
        )
    elif query.sort == "newest" or not query.text:
        search = search.sort({"published_at": {"order": "desc"}})
    search = search.highlight_options(
        pre_tags=["<mark>"],
        post_tags=["</mark>"],
        encoder="html",
        fragment_size=200,
        number_of_fragments=1,
        no_match_size=200,
    ).highlight("summary", "body")
    search = search.extra(track_total_hits=True)
    return search[query.offset : query.offset + query.page_size]


def suggest_body(language, prefix, limit):
    return (
        Search(index=alias_name(language))
        .filter("bool", filter=_open_now())
        .query("match", **{"title.autocomplete": {"query": prefix, "operator": "and"}})
        .source(["title", "url", "kind", "fallback"])[:limit]
    )


class ElasticsearchEngine:
    name = "elasticsearch"
    bulk_chunk_size = 500

    @cached_property
    def client(self):
        return Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)

    def search(self, query):
        response = search_body(query).using(self.client).execute()
        keys = [hit.meta.id for hit in response]
        rows = {
            str(entry.translation_key): entry
            for entry in SearchEntry.objects.filter(
                language=query.language, translation_key__in=keys
            ).select_related("operator")
        }
        entries = []
        for hit in response:
            entry = rows.get(hit.meta.id)
            if entry is None:
                continue
            fragments = getattr(hit.meta, "highlight", None)
            marked = [
                list(getattr(fragments, field))[0]
                for field in ("summary", "body")
                if fragments is not None and field in fragments
            ]
            entry.snippet = (
                marked[0]
                if marked
                else highlight(query.text, entry.summary, language=query.language)
            )
            entries.append(entry)
        facets = {
            facet: {str(bucket.key): bucket.doc_count for bucket in response.aggregations[facet]}
            for facet in FACET_FIELDS
        }
        return SearchHits(count=response.hits.total.value, entries=entries, facets=facets)

    def suggest(self, language, prefix, limit):
        response = suggest_body(language, prefix, limit).using(self.client).execute()
        return [
            Suggestion(title=hit.title, url=hit.url, kind=hit.kind, fallback=hit.fallback)
            for hit in response
        ]

    def _actions(self, entries, index=None):
        for entry in entries:
            yield {
                "_op_type": "index",
                "_index": index or alias_name(entry.language),
                "_id": str(entry.translation_key),
                "_source": document(entry),
            }

    def ensure_indexes(self):
        """Create each language's first index and alias when the cluster has none."""
        for language, _name in settings.LANGUAGES:
            if not self.client.indices.exists_alias(name=alias_name(language)):
                self._create_index(language)

    def _create_index(self, language):
        name = f"{alias_name(language)}-{timezone.now():%Y%m%d%H%M%S%f}"
        index_definition(name, language).create(using=self.client)
        self.client.indices.put_alias(index=name, name=alias_name(language))
        return name

    def index(self, entries):
        if entries:
            self.ensure_indexes()
            helpers.bulk(self.client, self._actions(entries), refresh="wait_for")

    def unindex(self, entries):
        for entry in entries:
            try:
                self.client.delete(
                    index=alias_name(entry.language),
                    id=str(entry.translation_key),
                    refresh="wait_for",
                )
            except NotFoundError:
                continue

    def rebuild(self, entries, progress=None):
        """Fill a fresh index per language, then swap every alias at once and drop the old."""
        fresh = {}
        for language, _name in settings.LANGUAGES:
            name = f"{alias_name(language)}-{timezone.now():%Y%m%d%H%M%S%f}"
            index_definition(name, language).create(using=self.client)
            fresh[language] = name
        total = entries.count()
        done = 0
        for start in range(0, total, self.bulk_chunk_size):
            chunk = list(entries[start : start + self.bulk_chunk_size])
            actions = (
                action
                for language, name in fresh.items()
                for action in self._actions(
                    [e for e in chunk if e.language == language], index=name
                )
            )
            helpers.bulk(self.client, actions)
            done += len(chunk)
            if progress:
                progress(done, total)
        self.client.indices.refresh(index=",".join(fresh.values()))
        self._swap_aliases(fresh)

    def _swap_aliases(self, fresh):
        actions = []
        stale = []
        for language, name in fresh.items():
            alias = alias_name(language)
            current = (
                list(self.client.indices.get_alias(name=alias))
                if self.client.indices.exists_alias(name=alias)
                else []
            )
            actions += [{"remove": {"index": old, "alias": alias}} for old in current]
            actions.append({"add": {"index": name, "alias": alias}})
            stale += current
        self.client.indices.update_aliases(actions=actions)
        if stale:
            self.client.indices.delete(index=",".join(stale))
