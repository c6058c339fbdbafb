"""Search engines: the database engine (default) and Elasticsearch (at scale).

Each engine answers the same two questions, `search(SearchQuery)` and `suggest(language,
prefix)`, so views never know which one is active. settings.SEARCH_BACKEND picks it; the
database engine is Wagtail's database backend (search.backends.database) on SQLite and other
databases, and vectors stored on the entries (search.backends.postgres) on PostgreSQL.
"""

from functools import cache

from django.conf import settings
from django.db import connection


@cache
def get_engine(name=None):
    name = name or settings.SEARCH_BACKEND
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresEngine

        return PostgresEngine()
    from search.backends.database import DatabaseEngine

    return DatabaseEngine()
