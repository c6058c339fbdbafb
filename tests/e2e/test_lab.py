"""The lab in a browser: an idea is moderated; a volunteer signs up; an expert advises."""

import pytest

from lab.models import LabBriefPage
from portal.operators import create_operator
from tests.conftest import staff_of
from tests.e2e.conftest import log_in
from tests.factories import MemberFactory
from tests.factories.lab import (
    ExpertProfileFactory,
    LabBriefPageFactory,
    LabIndexPageFactory,
    VolunteerTaskFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lab_index(home):
    return LabIndexPageFactory(parent=home)


@pytest.fixture
def brief(operator):
    page = LabBriefPageFactory(parent=operator, title="Un potager sur le toit", slug="potager")
    VolunteerTaskFactory(brief=page, title="Porter la terre", places=5)
    page.save_revision().publish()
    return page


def test_member_proposes_moderator_approves_it_appears_on_the_lab(
    live_server, site, lab_index, new_page
):
    community = create_operator(name="Communauté", kind="community", slug="communaute")
    moderator = staff_of(community, "moderator")
    member = MemberFactory()

    proposer = new_page()
    log_in(proposer, live_server, member.email, next_url="/fr/lab/propose/")
    proposer.fill("#id_title", "Un frigo solidaire à Jambes")
    proposer.select_option("#id_kind", "idea")
    proposer.fill("#id_summary", "Un frigo partagé pour les invendus du marché.")
    proposer.fill("#id_challenge", "Il faut un lieu abrité.")
    proposer.locator(".lab-form button[type=submit]").click()
    proposer.wait_for_url("**/fr/lab/my-ideas/")
    assert proposer.get_by_text("Un frigo solidaire à Jambes").is_visible()

    idea = LabBriefPage.objects.get(proposed_by=member, alias_of__isnull=True)
    visitor = new_page()
    visitor.goto(f"{live_server.url}/fr/lab/")
    assert visitor.get_by_text("Un frigo solidaire à Jambes").count() == 0

    reviewer = new_page()
    log_in(reviewer, live_server, moderator.email)
    reviewer.get_by_role("link", name="Un frigo solidaire à Jambes").first.click()
    reviewer.wait_for_url(f"**/admin/pages/{idea.pk}/edit/")
    reviewer.locator("footer button[data-w-dropdown-target='toggle']").click()
    reviewer.get_by_role("button", name="Approuver et Publier").click()
    reviewer.wait_for_load_state("networkidle")

    idea.refresh_from_db()
    assert idea.live
    visitor.goto(f"{live_server.url}/fr/lab/")
    assert visitor.get_by_role("link", name="Un frigo solidaire à Jambes").is_visible()


def test_member_signs_up_and_sees_the_counter_move(live_server, site, brief, member, new_page):
    task = brief.tasks.get()
    page = new_page()
    log_in(page, live_server, member.email, next_url=brief.url)
    counter = page.locator(f"[data-task-counter='{task.pk}']")
    assert counter.inner_text().startswith("0 / 5")
    page.locator(f"form[action$='/lab/tasks/{task.pk}/signup/'] button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(f"[data-task-counter='{task.pk}']").inner_text().startswith("1 / 5")
    assert page.locator("[data-counter='places']").inner_text() == "1 / 5"


def test_expert_advice_shows_the_badge(live_server, site, operator, brief, new_page):
    expert = ExpertProfileFactory(verified_by_operator=operator).member
    page = new_page()
    log_in(page, live_server, expert.email, next_url=brief.url)
    page.fill("#advice-text", "Un substrat léger, type pouzzolane.")
    page.locator("#advice-text").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state("networkidle")
    comment = page.locator(".lab-comment", has_text="pouzzolane")
    assert comment.locator(".badge--expert").is_visible()

    ordinary = new_page()
    log_in(ordinary, live_server, MemberFactory().email, next_url=brief.url)
    ordinary.fill("#advice-text", "Du terreau suffit.")
    ordinary.locator("#advice-text").locator("xpath=ancestor::form").locator(
        "button[type=submit]"
    ).click()
    ordinary.wait_for_load_state("networkidle")
    assert (
        ordinary.locator(".lab-comment", has_text="terreau").locator(".badge--expert").count() == 0
    )
