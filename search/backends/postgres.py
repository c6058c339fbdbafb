"""The database engine on PostgreSQL: search vectors stored on the entries themselves.

Wagtail's database backend keeps its vectors in its own table (`wagtailsearch_indexentry`),
joined to the searched model on a text id: at 100,000 items a three-word search with thousands
of matches took 200 ms, most of it in that join and in ranking full vectors. Here every
`SearchEntry` row carries generated `tsvector` columns (migration 0004), built with the row's
language configuration (stemmer after unaccent) and indexed by one partial GIN index per
language, so a search is one index scan of the right language, and one pass over the matches
gives the page, the count and the facets together. Saving an entry is indexing it.

Trade-off: on PostgreSQL Wagtail's backend no longer indexes search entries (it still serves
the admin's search through the "default" alias), and these columns exist outside Django's
model state, written by PostgreSQL. SQLite, the embedded default, keeps Wagtail's backend
(`search.backends.database.DatabaseEngine`); both engines answer alike (tests/search runs on
both).
"""

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from search.backends.base import FacetCounts, SearchHits, Suggestion
from search.backends.database import DatabaseEngine, forget_stale_entries
from search.highlight import highlight
from search.models import NEEDS, SearchEntry

# ts_rank weights for D, C, B, A: what Wagtail's backend derives from the boosts of
# SearchEntry.search_fields (title 3 → A, summary 2 → B, body → C).
RANK_WEIGHTS = "{0.03, 0.03, 0.68, 1.0}"
# Titles for suggestions and the prefix fallback: no stemming, accents folded (as title_vector).
TITLE_CONFIG = "maillon_simple"
FACET_COLUMNS = ("kind", "operator_id", "category_id", "territory_id")
# What each match carries into the facets and the ordering; `rank` is selected after them.
MATCHED_COLUMNS = ("id", "published_at", "closes_at", *FACET_COLUMNS) + tuple(
    f"needs_{need}" for need in NEEDS
)
FACET_NAMES = {
    "kind": "kind",
    "operator_id": "operator",
    "category_id": "category",
    "territory_id": "territory",
}
# Qualified: in the page's SELECT a bare `id` would name its text output column.
ORDERINGS = {
    "relevance": "matched.rank DESC, matched.published_at DESC, matched.id DESC",
    "newest": "matched.published_at DESC, matched.id DESC",
    "ending": "matched.closes_at ASC NULLS LAST, matched.published_at DESC, matched.id DESC",
}


def text_config(language):
    return settings.SEARCH_TEXT_CONFIGS.get(language, TITLE_CONFIG)


def words_tsquery(config, words, operator):
    """Each word through plainto_tsquery (no query syntax reaches PostgreSQL), joined by
    && or ||: the stemmer drops stop words, whatever the operator."""
    joiner = " && " if operator == "and" else " || "
    sql = joiner.join(["plainto_tsquery(%s::regconfig, %s)"] * len(words))
    params = [value for word in words for value in (config, word)]
    return f"({sql})", params


def prefix_tsquery(words):
    """Every word as the start of a title word. Words are letters and digits only
    (search.service.clean_query), so quoting each one keeps the syntax out."""
    terms = " & ".join(f"'{word}':*" for word in words if "'" not in word and "\\" not in word)
    return f"to_tsquery('{TITLE_CONFIG}', %s)", [terms]


def _sql(expression, params, output_field):
    """A SQL expression made of this module's constants (columns, configurations, weights)
    and %s placeholders: the visitor's words only ever travel as `params`."""
    return RawSQL(expression, params, output_field=output_field)  # noqa: S611


class PostgresEngine(DatabaseEngine):
    """Searches the stored vectors of one language; see the module docstring."""

    def index(self, entries):
        """Nothing to do: PostgreSQL computes the vectors when an entry is saved."""

    def unindex(self, entries):
        """Nothing to do: an entry's vectors go with its row."""

    def rebuild(self, entries, progress=None):
        """The vectors are rebuilt with the entries; only old Wagtail index rows remain."""
        forget_stale_entries()
        if progress:
            total = entries.count()
            progress(total, total)

    def search(self, query):
        entries = self._entries(query)
        rank = _sql("0", [], FloatField())
        words = query.text.split()
        if words:
            if query.prefix:
                tsquery, params = prefix_tsquery(words)
                vector, rank_vector = "title_vector", "title_vector"
            else:
                config = text_config(query.language)
                tsquery, params = words_tsquery(config, words, query.terms_operator)
                vector, rank_vector = "search_vector", "rank_vector"
            entries = entries.filter(_sql(f"{vector} @@ {tsquery}", params, BooleanField()))
            if query.sort == "relevance":
                rank = _sql(
                    f"ts_rank('{RANK_WEIGHTS}', {rank_vector}, {tsquery})", params, FloatField()
                )
        matched = entries.order_by().annotate(rank=rank).values_list(*MATCHED_COLUMNS, "rank")
        sort = query.sort if words or query.sort != "relevance" else "newest"
        ids, count, facets = _page_count_and_facets(
            matched, ORDERINGS[sort], query.offset, query.page_size, materialized=bool(words)
        )
        by_id = SearchEntry.objects.select_related("operator").in_bulk(ids)
        page = [by_id[pk] for pk in ids if pk in by_id]
        for entry in page:
            entry.snippet = highlight(
                query.text, entry.summary, entry.body, language=query.language
            )
        return SearchHits(count=count, entries=page, facets=facets)

    def suggest(self, language, prefix, limit):
        words = prefix.split()
        if not words:
            return []
        tsquery, params = prefix_tsquery(words)
        results = (
            SearchEntry.objects.open_now()
            .filter(language=language)
            .filter(_sql(f"title_vector @@ {tsquery}", params, BooleanField()))
            .annotate(rank=_sql(f"ts_rank(title_vector, {tsquery})", params, FloatField()))
            .order_by("-rank", "-published_at", "-id")
            .only("title", "url", "kind", "fallback")
        )
        return [
            Suggestion(title=e.title, url=e.url, kind=e.kind, fallback=e.fallback)
            for e in results[:limit]
        ]


def _page_count_and_facets(matched, ordering, offset, limit, materialized):
    """One statement over the matches: the ids of the page, the count and every facet.

    The facets and the needs come from one GROUPING SETS aggregate (the needs as filtered
    counts of its grand total row). Matches found by words are read once (a materialized
    CTE: the GIN index scan and its heap visits are the cost); a browse without words is
    better inlined, the page then walks an index backwards and the aggregate scans
    `search_entry_browse` alone.
    """
    try:
        sql, params = matched.query.sql_with_params()
    except EmptyResultSet:
        return [], 0, FacetCounts()
    columns = ", ".join([*MATCHED_COLUMNS, "rank"])
    grouping = " ".join(
        f"WHEN GROUPING({column}) = 0 THEN '{FACET_NAMES[column]}'" for column in FACET_COLUMNS
    )
    value = ", ".join(f"CAST({column} AS TEXT)" for column in FACET_COLUMNS)
    sets = ", ".join(f"({column})" for column in FACET_COLUMNS)
    need_counts = ", ".join(f"COUNT(*) FILTER (WHERE needs_{need})" for need in NEEDS)
    no_needs = ", ".join("0" for _need in NEEDS)
    materialization = "MATERIALIZED" if materialized else "NOT MATERIALIZED"
    # The page's rows come first, in their order (the branches of a UNION ALL are appended).
    statement = f"""
        WITH matched ({columns}) AS {materialization} ({sql})
        (SELECT 'hit', CAST(matched.id AS TEXT), 0, {no_needs} FROM matched
            ORDER BY {ordering} LIMIT {int(limit)} OFFSET {int(offset)})
        UNION ALL
        SELECT CASE {grouping} ELSE 'total' END, COALESCE({value}, ''), COUNT(*), {need_counts}
            FROM matched GROUP BY GROUPING SETS ((), {sets})
    """  # noqa: S608
    ids, count, facets = [], 0, FacetCounts()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for facet, value, number, *needs in cursor.fetchall():
            if facet == "hit":
                ids.append(int(value))
            elif facet == "total":
                count = number
                facets["need"] = {
                    need: needed for need, needed in zip(NEEDS, needs, strict=True) if needed
                }
            elif number and value:
                facets.setdefault(facet, {})[value] = number
    return ids, count, facets
