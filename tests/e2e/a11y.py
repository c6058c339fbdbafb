"""axe-core in the browser tests: the demo portal, seeded once per module, and an axe runner.

axe-playwright-python ships axe.min.js; it is injected with Playwright's `page.evaluate`, which
runs through the DevTools protocol and is not subject to the page's Content-Security-Policy.
The site's CSP stays intact (no `bypass_csp`): what axe sees is what a visitor's browser renders.
"""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import build_site, ensure_base_data

LANGUAGES = ["fr", "nl", "de", "en"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 740}}
BROWSER_LOCALES = {"fr": "fr-BE", "nl": "nl-BE", "de": "de-BE", "en": "en-GB"}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "maillon-demo"
DEMO_MEMBER = "member@maillon.be"
AXE = Axe()


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe finds on the page, one readable line per node."""
    results = AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def log_in(page, url, code, email=DEMO_MEMBER):
    page.goto(f"{url}/{code}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation(timeout=30_000):
        page.locator("main form button[type=submit]").click(timeout=30_000)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-error-summary]").count() == 0


def assert_no_overflow(page):
    """Nothing sticks out of the viewport sideways (WCAG 1.4.10 reflow, at 375 px)."""
    overflowing = page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
            .filter((el) => {
              const box = el.getBoundingClientRect();
              return box.width > 0 && el.checkVisibility() && box.right > window.innerWidth + 1;
            })
            .map((el) => el.outerHTML.slice(0, 120))"""
    )
    assert overflowing == [], overflowing


def demo_urls():
    """The path of every public page type of the demo, per language."""
    from wagtail.models import Locale

    from campaigns.models import CampaignIndexPage, CampaignPage, Pledge, PledgeStatus
    from lab.models import LabBriefPage, LabIndexPage
    from portal.models import ContactPage, ContentPage, HomePage, OperatorPage, User
    from search.models import SearchPage

    def first(model, code, **filters):
        return model.objects.live().filter(locale__language_code=code, **filters).first().url

    # Live and all or nothing, with rewards; live with a match fund (campaigns/demo.py).
    with_tiers = CampaignPage.objects.get(slug="velo-atelier-namur", locale__language_code="fr")
    matched = CampaignPage.objects.get(
        slug="toitures-solaires-gembloux", locale__language_code="fr"
    )
    # A brief with roles and tasks, one of which the demo member has not signed up for yet.
    member = User.objects.get(email=DEMO_MEMBER)
    brief = next(
        brief
        for brief in LabBriefPage.objects.live()
        .filter(locale__language_code="fr", tasks__isnull=False, roles__isnull=False)
        .distinct()
        if brief.tasks.exclude(signups__member=member).exists()
    )
    pledge = Pledge.objects.filter(
        campaign_key=with_tiers.translation_key, status=PledgeStatus.COMMITTED
    ).first()
    urls = {}
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        with translation.override(code):
            pledge_url = reverse("campaigns:pledge_detail", kwargs={"token": pledge.token})
        urls[code] = {
            "home": first(HomePage, code),
            "campaign_index": first(CampaignIndexPage, code),
            "campaign": with_tiers.get_translation(locale).url,
            "campaign_matched": matched.get_translation(locale).url,
            "lab_index": first(LabIndexPage, code),
            "brief": brief.get_translation(locale).url,
            "operator": first(OperatorPage, code),
            "content": first(ContentPage, code),
            "contact": first(ContactPage, code),
            "search": f"{first(SearchPage, code)}?q=namur",
            "not_found": f"/{code}/nothing-here-a11y/",
            "pledge": pledge_url,
        }
    return urls


class Demo:
    def __init__(self, url, paths):
        self.url = url
        self.paths = paths

    def __call__(self, code, page_type):
        return self.url + self.paths[code][page_type]


@pytest.fixture(scope="session")
def a11y_demo(django_db_setup, django_db_blocker):
    """The demo portal behind a live server of its own. pytest-django's `live_server` would
    empty the database after each test, and seeding the demo takes most of a minute: it is
    committed once for the accessibility modules, which run last (tests/conftest.py), and the
    database emptied at the end, as a transactional test leaves it."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        from portal.models import HomePage

        ensure_base_data()
        HomePage.objects.all().delete()
        call_command("seed_demo", stdout=StringIO())
        paths = demo_urls()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield Demo(server.url, paths)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            build_site()


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
def live_stripe_js(settings, localstripe):
    """The campaign page loads localstripe's Stripe.js, allowed by the site's own CSP."""
    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = "sk_test_maillon"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_maillon"
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {
        **policy["DIRECTIVES"],
        **{d: ["'self'", localstripe] for d in ("script-src", "connect-src", "frame-src")},
    }
    settings.CONTENT_SECURITY_POLICY = policy
