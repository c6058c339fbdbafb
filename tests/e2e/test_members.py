"""My Maillon in a browser: a visitor logs in from a Dutch campaign page, comes back to it,
follows it; the holder posts an update; the follower reads it in their feed, in Dutch."""

from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from tests.e2e.conftest import log_in
from tests.factories import MemberFactory
from tests.factories.campaigns import CampaignPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_follow_a_campaign_then_read_its_update_in_the_feed(live_server, site, operator, new_page):
    holder = MemberFactory(first_name="Inès", last_name="Lambert")
    campaign = CampaignPageFactory(
        parent=operator, title="Vélo-atelier de Namur", slug="velo-atelier", project_holder=holder
    )
    campaign.save_revision().publish()
    create_aliases_for_new_page(campaign)
    follower = MemberFactory(preferred_language="nl")
    dutch_url = "/nl/nestup/velo-atelier/"

    reader = new_page(locale="de-DE")
    reader.goto(f"{live_server.url}{dutch_url}")
    reader.locator(".account-nav").get_by_role("link", name="Aanmelden").click()
    reader.fill("input[name=login]", follower.email)
    reader.fill("input[name=password]", "correct horse battery")
    reader.click("form button[type=submit]")
    reader.wait_for_url(f"**{dutch_url}")
    assert reader.get_by_text("Je bent nu ingelogd als").is_visible()
    reader.locator(".follow-button").get_by_role("button", name="Volgen").click()
    reader.wait_for_url(f"**{dutch_url}")
    assert reader.locator(".follow-button button[aria-pressed=true]").is_visible()

    author = new_page()
    log_in(author, live_server, holder.email, next_url="/fr/nestup/velo-atelier/")
    author.fill("#update-form [name=title]", "Les premiers vélos")
    author.fill("#update-form [name=body]", "Dix vélos réparés.")
    author.locator("#update-form button[type=submit]").click()
    author.wait_for_url("**/fr/nestup/velo-atelier/**")

    reader.get_by_role("link", name="Mijn Maillon").click()
    reader.wait_for_url("**/nl/me/")
    reader.get_by_role("link", name="Mijn tijdlijn").first.click()
    reader.wait_for_url("**/nl/me/feed/")
    item = reader.locator(".feed__item").first
    assert (
        item.inner_text()
        .strip()
        .startswith("Nieuwe update bij Vélo-atelier de Namur: Les premiers vélos")
    )
    item.get_by_role("link").click()
    reader.wait_for_url(f"**{dutch_url}")
