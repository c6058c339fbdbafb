"""The campaign page in a browser: nothing is asked of a third party until the visitor plays
the video, and the page's Content-Security-Policy then lets its player in."""

import pytest
from playwright.sync_api import expect

from tests.campaigns.conftest import (
    localstripe,  # noqa: F401
    restore_migrations_data,
)
from tests.e2e.test_pledge import live_stripe  # noqa: F401
from tests.factories.campaigns import CampaignPageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def video_campaign(transactional_db, live_stripe, request):  # noqa: F811
    restore_migrations_data()
    operator = request.getfixturevalue("operator")
    campaign = CampaignPageFactory(
        parent=operator,
        title="Vélo-atelier de Namur",
        slug="velo",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    campaign.save_revision().publish()
    return campaign


def test_the_video_loads_only_when_played(live_server, video_campaign, live_stripe, new_page):  # noqa: F811
    page = new_page(locale="fr-BE")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(body="<p>Lecteur</p>", content_type="text/html"),
    )
    page.goto(live_server.url + video_campaign.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("iframe").count() == 0
    strangers = [url for url in requested if not url.startswith((live_server.url, live_stripe))]
    assert strangers == []

    page.get_by_role("button", name="Lire la vidéo (chargée depuis YouTube)").click()
    frame = page.locator(".video-facade iframe")
    expect(frame).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    expect(page.frame_locator(".video-facade iframe").locator("p")).to_have_text("Lecteur")
    assert violations == []
