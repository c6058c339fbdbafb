"""A visitor pledges 25 EUR through the campaign page with localstripe's fake Stripe.js."""

import pytest

from tests.campaigns.conftest import localstripe, restore_migrations_data  # noqa: F401
from tests.factories.campaigns import CampaignPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(new_page):
    """A tab of the suite's shared browser: a second Playwright in one process would clash."""
    return new_page(locale="fr-BE")


@pytest.fixture
def live_stripe(settings, localstripe):  # noqa: F811
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = "sk_test_maillon"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_maillon"
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {
        **policy["DIRECTIVES"],
        **{
            directive: ["'self'", localstripe]
            for directive in ("script-src", "connect-src", "frame-src")
        },
    }
    settings.CONTENT_SECURITY_POLICY = policy
    return localstripe


@pytest.fixture
def live_campaign(transactional_db, live_stripe, request):
    restore_migrations_data()
    operator = request.getfixturevalue("operator")
    campaign = CampaignPageFactory(parent=operator, title="Vélo-atelier de Namur", slug="velo")
    campaign.save_revision().publish()
    return campaign


def test_visitor_pledges_25_eur_and_sees_the_counter_rise(live_server, live_campaign, browser_page):
    page = browser_page
    url = live_server.url + live_campaign.url
    page.goto(url)
    assert page.get_by_test_id("raised").inner_text() == "0\xa0€"

    page.fill("#pledge-amount", "25")
    page.fill("#pledge-name", "Léa Dupont")
    page.fill("#pledge-email", "lea@example.org")
    for placeholder, value in [
        ("number", "4242424242424242"),
        ("exp_month", "12"),
        ("exp_year", "30"),
        ("cvc", "123"),
        ("postal_code", "5000"),
    ]:
        page.fill(f"#card-element input[placeholder='{placeholder}']", value)
    page.click("#pledge-form button[type=submit]")
    page.wait_for_url("**/pledges/**", timeout=20_000)
    assert page.get_by_test_id("pledge-status").get_attribute("data-status") == "committed"

    page.goto(url)
    assert page.get_by_test_id("raised").inner_text() == "25\xa0€"
    assert page.get_by_test_id("backers").inner_text() == "1"
