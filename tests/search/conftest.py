"""Search fixtures: the search page in four languages, the engine under test."""

import os
import uuid

import pytest

from search.backends import get_engine
from search.demo import seed_search_page


@pytest.fixture
def search_page(site):
    return seed_search_page()


ENGINES = ["database"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=ENGINES)
def engine(request, settings):
    """The database engine, and Elasticsearch too when ELASTICSEARCH_URL points at a cluster."""
    if request.param == "elasticsearch":
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_INDEX_PREFIX = f"maillon-test-{uuid.uuid4().hex[:8]}"
    get_engine.cache_clear()
    yield get_engine()
    if request.param == "elasticsearch":
        get_engine().client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*")
    get_engine.cache_clear()
