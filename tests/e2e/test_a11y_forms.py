"""axe-core finds no WCAG 2.1 A/AA violation in any site form, empty and sent back with errors,
in the four languages; the errors are all shown at once, each tied to its field."""

import pytest

from tests.campaigns.conftest import localstripe  # noqa: F401 (for live_stripe_js)
from tests.e2e.a11y import (
    LANGUAGES,
    axe_violations,
)

# A database for the demo's own live server (tests/e2e/a11y.py); the tests never touch it.
pytestmark = pytest.mark.django_db


def assert_errors_tied_to_fields(page, count):
    """`count` fields are invalid, each described by a visible error; the summary links them."""
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() == count
    for index in range(count):
        control = invalid.nth(index)
        described = control.get_attribute("aria-describedby")
        assert described, control.get_attribute("name")
        for ref in described.split():
            assert page.locator(f"[id='{ref}']").is_visible()
    summary = page.locator("[data-error-summary], #pledge-errors")
    assert summary.locator("li").count() >= count


def check(page):
    assert axe_violations(page) == []


def send(page, form="main form:not(.inline-form) button[type=submit]"):
    with page.expect_navigation():
        page.locator(form).last.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("code", LANGUAGES)
def test_log_in_and_sign_up(a11y_demo, visitor, code):
    page = visitor(code, "desktop")
    page.goto(f"{a11y_demo.url}/{code}/accounts/login/")
    check(page)
    send(page)
    assert_errors_tied_to_fields(page, 2)
    check(page)
    assert page.evaluate("document.activeElement.dataset.errorSummary") == ""

    page.goto(f"{a11y_demo.url}/{code}/accounts/signup/")
    check(page)
    page.fill("input[name=email]", "not-an-address")
    send(page)
    assert_errors_tied_to_fields(page, 3)
    check(page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_contact(a11y_demo, visitor, code):
    page = visitor(code, "desktop")
    page.goto(a11y_demo(code, "contact"))
    check(page)
    send(page)
    assert_errors_tied_to_fields(page, 4)
    check(page)


@pytest.mark.parametrize("code", LANGUAGES)
def test_pledge_form(a11y_demo, visitor, code):
    page = visitor(code, "desktop")
    page.goto(a11y_demo(code, "campaign"))
    page.locator("#card-element input").first.wait_for()
    check(page)
    page.fill("#pledge-amount", "0")
    page.fill("#pledge-email", "not-an-address")
    page.locator("#pledge-form button[type=submit]").click()
    page.locator("#pledge-errors li").first.wait_for()
    assert_errors_tied_to_fields(page, page.locator("#pledge-form [aria-invalid=true]").count())
    assert page.locator("#pledge-form [aria-invalid=true]").count() >= 1
    check(page)
