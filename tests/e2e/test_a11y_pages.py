"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, in the four languages,
at 1280 px and at 375 px; and nothing overflows the screen at 375 px."""

import pytest

from tests.campaigns.conftest import localstripe  # noqa: F401 (for live_stripe_js)
from tests.e2e.a11y import (
    LANGUAGES,
    assert_no_overflow,
    axe_violations,
)

# A database for the module's own live server (tests/e2e/a11y.py); the tests never touch it.
pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "home",
    "campaign_index",
    "campaign",
    "campaign_matched",
    "lab_index",
    "brief",
    "operator",
    "content",
    "contact",
    "search",
    "not_found",
    "pledge",
]


# Every page type in the four languages at 1280 px; at 375 px in French (the default) and in
# German (the longest words, the first to overflow): the layout does not change with the rest.
CASES = [(code, "desktop") for code in LANGUAGES] + [("fr", "mobile"), ("de", "mobile")]


@pytest.mark.parametrize(("code", "viewport"), CASES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_wcag_violation(a11y_demo, visitor, page_type, code, viewport):  # noqa: F811
    page = visitor(code, viewport)
    url = a11y_demo(code, page_type)
    response = page.goto(url)
    assert response.status == (404 if page_type == "not_found" else 200), url
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == code
    assert axe_violations(page) == []
    if viewport == "mobile":
        assert_no_overflow(page)
