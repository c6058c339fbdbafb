"""A visitor types in the search box, picks a suggestion, then searches and refines."""

import pytest

from search.demo import seed_search_page
from tests.factories.campaigns import CampaignPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def searchable(site, operator):
    page = CampaignPageFactory(
        parent=operator,
        title="Brasserie solaire de Namur",
        slug="brasserie-solaire",
        summary="Une brasserie qui tourne à l'énergie du soleil.",
        live=False,
    )
    page.save_revision().publish()
    seed_search_page()
    return page


def test_visitor_finds_a_campaign_by_typing(new_page, live_server, searchable):
    page = new_page()
    page.goto(f"{live_server.url}/fr/recherche/")
    page.get_by_label("Trouvez un projet à soutenir, à rejoindre ou à aider").press_sequentially(
        "bras"
    )
    suggestion = page.locator(
        "#search-suggestions [role=option]", has_text="Brasserie solaire de Namur"
    )
    suggestion.wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/fr/recherche/?q=bras")
    page.goto(f"{live_server.url}/fr/recherche/?q=energie")
    result = page.locator(".search-result", has_text="Brasserie solaire de Namur")
    assert result.locator("mark").first.inner_text() == "énergie"
    result.get_by_role("link", name="Brasserie solaire de Namur").click()
    page.wait_for_url(f"{live_server.url}/fr/nestup/brasserie-solaire/")
