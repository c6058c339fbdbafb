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
    from campaigns.models import CampaignIndexPage, CampaignPage, Pledge, PledgeStatus
    from lab.models import LabBriefPage, LabIndexPage
    from portal.models import ContactPage, ContentPage, HomePage, OperatorPage
    from search.models import SearchPage

    def first(model, code, **filters):
        page = model.objects.live().filter(locale__language_code=code, **filters).first()
        return page.url if page else None

    urls = {}
    for code in LANGUAGES:
        campaign = (
            CampaignPage.objects.live()
            .filter(locale__language_code=code, reward_tiers__isnull=False)
            .distinct()
            .first()
        )
        pledge = Pledge.objects.filter(
            campaign_key=campaign.translation_key, status=PledgeStatus.COMMITTED
        ).first()
        with translation.override(code):
            pledge_url = reverse("campaigns:pledge_detail", kwargs={"token": pledge.token})
        search = first(SearchPage, code)
        urls[code] = {
            "home": first(HomePage, code),
            "campaign_index": first(CampaignIndexPage, code),
            "campaign": campaign.url,
            "lab_index": first(LabIndexPage, code),
            "brief": first(LabBriefPage, code, tasks__isnull=False),
            "operator": first(OperatorPage, code),
            "content": first(ContentPage, code),
            "contact": first(ContactPage, code),
            "search": f"{search}?q=namur",
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


@pytest.fixture(scope="module")
def a11y_demo(django_db_setup, django_db_blocker):
    """The demo portal behind a live server of the module's own. pytest-django's `live_server`
    would empty the database after each test, and seeding the demo takes most of a minute: it
    is committed once, and the database emptied at the end, as a transactional test leaves it
    (the `site` fixture builds its site again)."""
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
