"""Search engines: Wagtail's database backend (default) and Elasticsearch (at scale).

Each engine answers the same two questions, `search(SearchQuery)` and `suggest(language,
prefix)`, so views never know which one is active (settings.SEARCH_BACKEND picks it).
"""

from functools import cache

from django.conf import settings


@cache
def get_engine(name=None):
    name = name or settings.SEARCH_BACKEND
    if name == "elasticsearch":
        from search.backends.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    from search.backends.database import DatabaseEngine

    return DatabaseEngine()
