"""Search fixtures: the search page in four languages."""

import pytest

from search.demo import seed_search_page


@pytest.fixture
def search_page(site):
    return seed_search_page()
