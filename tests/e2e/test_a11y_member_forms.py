"""axe-core finds no WCAG 2.1 A/AA violation in the members' forms, empty and with errors."""

import pytest

from tests.campaigns.conftest import localstripe  # noqa: F401 (for live_stripe_js)
from tests.e2e.a11y import LANGUAGES, log_in
from tests.e2e.test_a11y_forms import assert_errors_tied_to_fields, check, send

# No database mark: logging in writes through the demo's live server, which SQLite would
# refuse while a test transaction of this thread holds its lock (see test_a11y_keyboard.py).


@pytest.mark.parametrize("code", LANGUAGES)
def test_member_forms(a11y_demo, visitor, code):
    """The idea proposal and the profile; on a brief, advice, volunteer sign-up and team
    application."""
    page = visitor(code, "desktop")
    log_in(page, a11y_demo.url, code)

    page.goto(f"{a11y_demo.url}/{code}/lab/propose/")
    check(page)
    send(page)
    assert_errors_tied_to_fields(page, 2)
    check(page)

    page.goto(f"{a11y_demo.url}/{code}/accounts/profile/")
    check(page)
    page.locator("input[name=first_name]").evaluate("(input) => input.removeAttribute('maxlength')")
    page.fill("input[name=first_name]", "x" * 200)
    send(page)
    assert_errors_tied_to_fields(page, 1)
    check(page)

    page.goto(a11y_demo(code, "brief"))
    assert page.locator("#advice-text").count() == 1
    # The sign-up form, or its cancel form once the keyboard journey signed this member up.
    assert page.locator("form[action*='/signup/'], form[action*='/cancel/']").count() >= 1
    assert page.locator("textarea[name=motivation]").count() >= 1
    check(page)
