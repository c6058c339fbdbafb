"""A visitor gives 100 EUR as a deductible gift: the form shows what it costs after tax and
sends the donor's details with the pledge."""

import pytest

from tax.models import GiftDeclaration
from tests.campaigns.conftest import localstripe, restore_migrations_data  # noqa: F401
from tests.e2e.test_pledge import browser_page, live_stripe  # noqa: F401
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tax import BeneficiaryFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def gift_campaign(transactional_db, live_stripe, request):  # noqa: F811
    restore_migrations_data()
    operator = request.getfixturevalue("operator")
    campaign = CampaignPageFactory(
        parent=operator,
        title="Repair Café de Namur",
        slug="repair-cafe",
        beneficiary=BeneficiaryFactory(operator=operator),
    )
    campaign.save_revision().publish()
    return campaign


def test_a_visitor_gives_a_deductible_gift(live_server, gift_campaign, browser_page):  # noqa: F811
    page = browser_page
    page.goto(live_server.url + gift_campaign.url)
    page.fill("#pledge-amount", "100")
    assert page.locator(".tax-gift__after").inner_text() == "55"
    page.fill("#pledge-name", "Alice Lambert")
    page.fill("#pledge-email", "alice@example.org")
    page.check("input[name=deductible]")
    for field, value in [
        ("first-name", "Alice"),
        ("last-name", "Lambert"),
        ("street", "Rue des Brasseurs 12"),
        ("postcode", "5000"),
        ("city", "Namur"),
        ("national-number", "85.07.30-033.28"),
    ]:
        page.fill(f"#tax-{field}", value)
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
    declaration = GiftDeclaration.objects.get()
    assert declaration.national_number == "85073003328"
    assert declaration.pledge.amount == 10_000
    assert "85.07.30-033.28" not in page.content()
