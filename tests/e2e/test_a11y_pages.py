"""axe-core finds no WCAG 2.1 A/AA violation on any public page type, in the four languages,
at 1280 px and at 375 px; and nothing overflows the screen at 375 px."""

import pytest

from tests.campaigns.conftest import localstripe  # noqa: F401
from tests.e2e.a11y import (
    BROWSER_LOCALES,
    LANGUAGES,
    VIEWPORTS,
    a11y_demo,  # noqa: F401
    assert_no_overflow,
    axe_violations,
)

# A database for the module's own live server (tests/e2e/a11y.py); the tests never touch it.
pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "home",
    "campaign_index",
    "campaign",
    "lab_index",
    "brief",
    "operator",
    "content",
    "contact",
    "search",
    "not_found",
    "pledge",
]


@pytest.fixture
def visitor(browser, live_stripe_js):
    contexts = []

    def open_page(code, viewport):
        context = browser.new_context(locale=BROWSER_LOCALES[code], viewport=VIEWPORTS[viewport])
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def live_stripe_js(settings, localstripe):  # noqa: F811
    """The campaign page loads localstripe's Stripe.js, allowed by the site's own CSP."""
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_maillon"
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {
        **policy["DIRECTIVES"],
        **{d: ["'self'", localstripe] for d in ("script-src", "connect-src", "frame-src")},
    }
    settings.CONTENT_SECURITY_POLICY = policy


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("code", LANGUAGES)
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
