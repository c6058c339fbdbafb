"""A visitor switches language; an editor drafts and submits; a moderator approves; it's live."""

import pytest

from portal.models import ContentPage
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_switches_to_dutch(live_server, site, operator, new_page):
    page = new_page(locale="fr-BE")
    page.goto(live_server.url + "/")
    assert page.url == f"{live_server.url}/fr/"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_text("Le maillon manquant").is_visible()

    page.locator(".language-switcher").get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_text("De ontbrekende schakel is de menigte.").is_visible()
    assert page.get_by_role("link", name="Aanmelden").is_visible()

    # The skip link is the first stop of the keyboard and becomes visible on focus.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_editor_drafts_and_submits_moderator_approves_visitor_sees(
    live_server, site, operator, editor, moderator, new_page
):
    writer = new_page()
    log_in(writer, live_server, editor.email)
    writer.goto(f"{live_server.url}/admin/pages/add/portal/contentpage/{operator.pk}/")
    writer.fill("#id_title", "Atelier de réparation")
    writer.fill("#id_summary", "Réparons ensemble vélos et grille-pain.")
    writer.locator("footer button[data-w-dropdown-target='toggle']").click()
    writer.locator("button[name=action-submit]").click()
    writer.wait_for_url(f"**/admin/pages/{operator.pk}/")

    draft = ContentPage.objects.get(slug="atelier-de-reparation", locale__language_code="fr")
    assert not draft.live
    assert draft.current_workflow_state.status == "in_progress"
    visitor = new_page()
    assert visitor.goto(f"{live_server.url}/fr/nestup/atelier-de-reparation/").status == 404

    reviewer = new_page()
    log_in(reviewer, live_server, moderator.email)
    reviewer.get_by_role("link", name="Atelier de réparation").first.click()
    reviewer.wait_for_url(f"**/admin/pages/{draft.pk}/edit/")
    reviewer.locator("footer button[data-w-dropdown-target='toggle']").click()
    reviewer.get_by_role("button", name="Approuver et Publier").click()
    reviewer.wait_for_load_state("networkidle")

    draft.refresh_from_db()
    assert draft.live
    response = visitor.goto(f"{live_server.url}/fr/nestup/atelier-de-reparation/")
    assert response.status == 200
    assert visitor.get_by_role("heading", name="Atelier de réparation").is_visible()
