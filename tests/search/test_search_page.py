import pytest

from portal.models import HomePage, OperatorPage
from search.models import SearchPage

pytestmark = pytest.mark.django_db


def test_one_search_page_under_each_home_page_and_nowhere_else(home, operator, search_page):
    home.refresh_from_db()
    assert not SearchPage.can_create_at(home)  # one per home page, and it exists
    assert SearchPage.can_exist_under(home)
    assert not SearchPage.can_exist_under(operator)
    assert "search.SearchPage" in HomePage.subpage_types
    assert "search.SearchPage" not in OperatorPage.subpage_types


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/fr/recherche/", "Recherche"),
        ("/nl/zoeken/", "Zoeken"),
        ("/de/suche/", "Suche"),
        ("/en/search/", "Search"),
    ],
)
def test_one_translated_slug_per_language(
    client, search_page, url, heading, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        response = client.get(url, {"q": "vélo"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'role="search"' in html
    assert "/api/v1/search/suggest/" in html


def test_bad_parameters_are_shown_not_raised(client, search_page):
    response = client.get("/fr/recherche/", {"page": "abc"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_seeding_twice_changes_nothing(search_page):
    from search.demo import seed_search_page

    revisions = search_page.revisions.count()
    assert seed_search_page().pk == search_page.pk
    assert search_page.revisions.count() == revisions
    assert SearchPage.objects.filter(alias_of=None).count() == 4
