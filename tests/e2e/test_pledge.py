"""Visitors pledge through the campaign page (and pay a failed charge through the recovery
page) with localstripe's fake Stripe.js: both funding models, declines and 3-D Secure, with
the errors in the page's language."""

import datetime
import json

from django.test import Client
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from campaigns.closing import run_closing
from campaigns.models import CampaignPage, Pledge, PledgeStatus
from tests.campaigns.conftest import localstripe, restore_migrations_data  # noqa: F401
from tests.factories.campaigns import CampaignPageFactory

DECLINED_FR = (
    "Votre carte a été refusée. Essayez une autre carte ou demandez la raison à votre banque."
)
AUTHENTICATION_FAILED_FR = (
    "Votre banque n'a pas pu confirmer ce paiement (3-D Secure). "
    "Réessayez ou utilisez une autre carte."
)

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


@pytest.fixture
def flexible_campaign(transactional_db, live_stripe, request):
    restore_migrations_data()
    operator = request.getfixturevalue("operator")
    campaign = CampaignPageFactory(
        parent=operator, title="Potager partagé", slug="potager", funding_model="flexible"
    )
    campaign.save_revision().publish()
    return campaign


def enter_card(page, number):
    for placeholder, value in [
        ("number", number),
        ("exp_month", "12"),
        ("exp_year", "30"),
        ("cvc", "123"),
        ("postal_code", "5000"),
    ]:
        page.fill(f"#card-element input[placeholder='{placeholder}']", value)


def fill_pledge(page, number, amount="25"):
    page.fill("#pledge-amount", amount)
    page.fill("#pledge-name", "Léa Dupont")
    page.fill("#pledge-email", "lea@example.org")
    enter_card(page, number)


def answer_3d_secure(page, confirm):
    """localstripe's stand-in for the bank's 3-D Secure window."""
    label = "Complete authentication" if confirm else "Fail authentication"
    page.get_by_role("button", name=label).click()


def pledge_status(page):
    page.wait_for_url("**/pledges/**", timeout=30_000)
    return page.get_by_test_id("pledge-status").get_attribute("data-status")


def raised(campaign):
    return CampaignPage.objects.get(pk=campaign.pk).raised


def test_visitor_pledges_25_eur_and_sees_the_counter_rise(live_server, live_campaign, browser_page):
    page = browser_page
    url = live_server.url + live_campaign.url
    page.goto(url)
    assert page.get_by_test_id("raised").inner_text() == "0\xa0€"

    fill_pledge(page, "4242424242424242")
    page.click("#pledge-form button[type=submit]")
    page.wait_for_url("**/pledges/**", timeout=20_000)
    assert page.get_by_test_id("pledge-status").get_attribute("data-status") == "committed"

    page.goto(url)
    assert page.get_by_test_id("raised").inner_text() == "25\xa0€"
    assert page.get_by_test_id("backers").inner_text() == "1"


def test_flexible_pledge_is_paid_at_once(live_server, flexible_campaign, browser_page):
    page = browser_page
    page.goto(live_server.url + flexible_campaign.url)
    fill_pledge(page, "4242424242424242", amount="30")
    page.click("#pledge-form button[type=submit]")
    assert pledge_status(page) == "paid"
    assert raised(flexible_campaign) == 3_000


def test_a_declined_card_is_explained_in_french_then_another_card_works(
    live_server, live_campaign, browser_page
):
    page = browser_page
    page.goto(live_server.url + live_campaign.url)
    assert page.locator("html").get_attribute("lang") == "fr"
    fill_pledge(page, "4000000000000002")
    page.click("#pledge-form button[type=submit]")
    expect(page.locator("#pledge-errors")).to_have_text(DECLINED_FR, timeout=30_000)
    assert raised(live_campaign) == 0

    enter_card(page, "4242424242424242")
    page.click("#pledge-form button[type=submit]")
    assert pledge_status(page) == "committed"
    assert Pledge.objects.count() == 1
    assert raised(live_campaign) == 2_500


def test_a_declined_flexible_charge_is_explained_in_french(
    live_server, flexible_campaign, browser_page
):
    page = browser_page
    page.goto(live_server.url + flexible_campaign.url)
    fill_pledge(page, "4000000000000341")
    page.click("#pledge-form button[type=submit]")
    expect(page.locator("#pledge-errors")).to_have_text(DECLINED_FR, timeout=30_000)
    assert Pledge.objects.get().status == PledgeStatus.FAILED
    assert raised(flexible_campaign) == 0


def test_three_d_secure_saves_an_all_or_nothing_card(live_server, live_campaign, browser_page):
    page = browser_page
    page.goto(live_server.url + live_campaign.url)
    fill_pledge(page, "4000002760003184")
    page.click("#pledge-form button[type=submit]")
    answer_3d_secure(page, confirm=True)
    assert pledge_status(page) == "committed"
    assert raised(live_campaign) == 2_500


def test_a_refused_3d_secure_is_explained_in_french_then_confirmed(
    live_server, flexible_campaign, browser_page
):
    page = browser_page
    page.goto(live_server.url + flexible_campaign.url)
    fill_pledge(page, "4000002760003184")
    page.click("#pledge-form button[type=submit]")
    answer_3d_secure(page, confirm=True)  # saving the card
    answer_3d_secure(page, confirm=False)  # the payment
    expect(page.locator("#pledge-errors")).to_have_text(AUTHENTICATION_FAILED_FR, timeout=30_000)
    assert raised(flexible_campaign) == 0

    page.click("#pledge-form button[type=submit]")
    answer_3d_secure(page, confirm=True)
    answer_3d_secure(page, confirm=True)
    assert pledge_status(page) == "paid"
    assert raised(flexible_campaign) == 2_500


def test_backer_pays_a_failed_charge_on_the_recovery_page(live_server, live_campaign, browser_page):
    client = Client()
    for payment_method, amount in [
        ("pm_card_visa", 100_000),
        ("pm_card_chargeCustomerFail", 5_000),
    ]:
        response = client.post(
            "/api/v1/pledges/",
            json.dumps(
                {
                    "campaign": live_campaign.pk,
                    "amount": amount,
                    "email": "lea@example.org",
                    "name": "Léa",
                    "payment_method": payment_method,
                }
            ),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
    CampaignPage.objects.filter(pk=live_campaign.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    run_closing()
    failing = Pledge.objects.get(status=PledgeStatus.ACTION_REQUIRED)

    page = browser_page
    page.goto(f"{live_server.url}/fr/pledges/{failing.token}/pay/")
    enter_card(page, "4000000000000341")
    page.click("#recovery-form button[type=submit]")
    expect(page.locator("#pledge-errors")).to_have_text(DECLINED_FR, timeout=30_000)

    enter_card(page, "4000002760003184")
    page.click("#recovery-form button[type=submit]")
    answer_3d_secure(page, confirm=True)  # saving the card
    answer_3d_secure(page, confirm=True)  # the payment
    assert pledge_status(page) == "paid"
    failing.refresh_from_db()
    assert failing.status == PledgeStatus.PAID
