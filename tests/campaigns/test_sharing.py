"""A campaign page worth sharing: status badge, cover, click-to-load video, holder, FAQ,
upcoming start, share links and link-preview tags, with no third party loaded at render."""

import datetime
import json
import re

from django.utils import timezone

from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from campaigns.models import PledgeStatus
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
DAY = datetime.timedelta(days=1)
# status: (starts_at, deadline, raised), with a goal of 10,000 cents
TIMELINES = {
    "upcoming": (NOW + DAY, NOW + 30 * DAY, 0),
    "live": (NOW - DAY, NOW + 30 * DAY, 0),
    "successful": (NOW - 30 * DAY, NOW - DAY, 10_000),
    "unsuccessful": (NOW - 30 * DAY, NOW - DAY, 0),
}
BADGES = {
    "upcoming": {"fr": "À venir", "nl": "Binnenkort", "de": "Demnächst", "en": "Upcoming"},
    "live": {"fr": "En cours", "nl": "Lopend", "de": "Laufend", "en": "Live"},
}


def publish(page):
    page.save_revision().publish()
    return page


def badge(html):
    match = re.search(r'data-testid="campaign-status">([^<]*)<', html)
    return match.group(1) if match else None


def campaign_with(operator, status, funding_model="all_or_nothing", **fields):
    starts_at, deadline, raised = TIMELINES[status]
    campaign = CampaignPageFactory(
        parent=operator,
        slug=f"c-{status}-{funding_model}",
        goal=10_000,
        starts_at=starts_at,
        deadline=deadline,
        funding_model=funding_model,
        **fields,
    )
    if raised:
        PledgeFactory(campaign=campaign, amount=raised, status=PledgeStatus.COMMITTED)
    return publish(campaign)


def label(language, msgid):
    from django.utils import translation

    with translation.override(language):
        from campaigns.models import CampaignStatus

        return str(CampaignStatus(msgid).label)


@pytest.mark.parametrize("status", ["upcoming", "live", "successful", "unsuccessful", "closed"])
def test_the_badge_names_the_status_in_each_language(client, operator, status):
    # A flexible campaign past its deadline below its goal is closed.
    timeline, funding_model = (
        ("unsuccessful", "flexible") if status == "closed" else (status, "all_or_nothing")
    )
    campaign = campaign_with(operator, timeline, funding_model)
    create_aliases_for_new_page(campaign)
    for language in ("fr", "nl", "de", "en"):
        copy = Page.objects.get(
            translation_key=campaign.translation_key, locale__language_code=language
        )
        html = client.get(copy.url).content.decode()
        expected = label(language, status)
        assert badge(html) == expected, (language, status)
        assert expected


def test_known_badges_read_as_translated(client, operator):
    campaign = campaign_with(operator, "live")
    create_aliases_for_new_page(campaign)
    for language, expected in BADGES["live"].items():
        copy = Page.objects.get(
            translation_key=campaign.translation_key, locale__language_code=language
        )
        assert badge(client.get(copy.url).content.decode()) == expected


def test_open_graph_and_twitter_tags_describe_the_campaign(client, operator):
    image = get_image_model().objects.create(
        title="Atelier vélo", file=get_test_image_file(size=(1600, 1000))
    )
    campaign = campaign_with(
        operator,
        "live",
        title="Vélo-atelier de Namur",
        summary="Réparer ensemble.",
        hero_image=image,
    )
    create_aliases_for_new_page(campaign)
    html = client.get(campaign.url).content.decode()
    assert '<meta property="og:title" content="Vélo-atelier de Namur">' in html
    assert '<meta property="og:description" content="Réparer ensemble.">' in html
    assert f'<meta property="og:url" content="http://testserver{campaign.url}">' in html
    assert '<meta property="og:locale" content="fr_BE">' in html
    # Aliases fall back to the French text: they are no alternate locale of their own.
    assert "og:locale:alternate" not in html
    image_url = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image_url.startswith("http://testserver/")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{image_url}">' in html
    # The cover in responsive renditions
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1440w"', html)
    assert 'sizes="(max-width: 48rem) 100vw, 66vw"' in html


def test_real_translations_are_alternate_locales(client, operator):
    from wagtail.models import Locale

    campaign = campaign_with(operator, "live")
    dutch = campaign.copy_for_translation(Locale.objects.get(language_code="nl"))
    dutch.title = "Fietsatelier"
    publish(dutch)
    html = client.get(dutch.url).content.decode()
    assert '<meta property="og:locale" content="nl_BE">' in html
    assert '<meta property="og:locale:alternate" content="fr_BE">' in html
    assert '<meta property="og:title" content="Fietsatelier">' in html


def test_video_is_a_facade_and_only_its_player_may_be_framed(client, operator, settings):
    campaign = campaign_with(
        operator, "live", video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10"
    )
    response = client.get(campaign.url)
    html = response.content.decode()
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "youtube.com/" not in html.replace("https://www.youtube.com/watch", "")
    frame_src = _directive(response, "frame-src")
    assert "https://www.youtube-nocookie.com" in frame_src
    assert "https://www.youtube.com" not in frame_src

    without = campaign_with(operator, "upcoming")
    assert "youtube-nocookie" not in _directive(client.get(without.url), "frame-src")


def _directive(response, name):
    policy = response.headers["Content-Security-Policy"]
    return next(part for part in policy.split(";") if part.strip().startswith(name))


def test_no_third_party_script_or_frame_at_render(client, operator, settings):
    campaign = campaign_with(operator, "live", video_url="https://vimeo.com/76979871")
    html = client.get(campaign.url).content.decode()
    stripe_origin = "/".join(settings.STRIPE_JS_URL.split("/")[:3])
    for source in re.findall(r'<script[^>]*\ssrc="([^"]+)"', html):
        assert source.startswith("/") or source.startswith(stripe_origin), source
    assert "<iframe" not in html
    assert 'data-embed-url="https://player.vimeo.com/video/76979871?dnt=1"' in html


def test_share_links_are_plain_links(client, operator):
    campaign = campaign_with(operator, "live", title="Vélo")
    html = client.get(campaign.url).content.decode()
    url = f"http://testserver{campaign.url}"
    for network in ("email", "facebook", "linkedin", "x", "whatsapp"):
        assert f'data-share="{network}"' in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert 'href="mailto:?subject=V%C3%A9lo' in html
    assert f'id="share-url" type="url" value="{url}" readonly' in html


def test_faq_and_holder_card(client, operator, member):
    campaign = campaign_with(
        operator,
        "live",
        project_holder=member,
        faq=json.dumps(
            [
                {
                    "type": "question",
                    "value": {"question": "Où ?", "answer": "<p>À Namur.</p>"},
                }
            ]
        ),
    )
    html = client.get(campaign.url).content.decode()
    assert "<summary>Où ?</summary><p>À Namur.</p>" in html
    assert 'data-testid="holder-card"' in html
    assert member.display_name in html
    assert 'data-testid="holder-profile"' not in html


def test_holder_card_links_to_the_profile_another_app_gives(client, operator, member):
    campaign = campaign_with(operator, "live", project_holder=member)

    def profile_url(user):
        return f"/fr/members/{user.pk}/"

    with hooks.register_temporarily("register_member_profile_url", profile_url):
        html = client.get(campaign.url).content.decode()
    assert f'<a href="/fr/members/{member.pk}/" data-testid="holder-profile">' in html


def test_upcoming_campaign_shows_its_start_and_asks_to_log_in_to_follow(client, operator):
    campaign = campaign_with(operator, "upcoming")
    html = client.get(campaign.url).content.decode()
    assert 'data-testid="starts-at">Ouverture le ' in html
    assert 'id="pledge-form"' not in html
    follow = re.search(r'<a class="button" href="([^"]+)" data-testid="follow">', html)
    assert follow.group(1).startswith("/fr/accounts/login/?next=")


def test_a_full_page_costs_the_same_queries_whatever_its_size(
    client, operator, member, django_assert_max_num_queries
):
    from tests.factories.campaigns import RewardTierFactory

    def full_campaign(slug, questions, tiers, pledges):
        image = get_image_model().objects.create(
            title=slug, file=get_test_image_file(size=(1600, 1000))
        )
        faq = [
            {"type": "question", "value": {"question": f"Q{n}", "answer": "<p>R</p>"}}
            for n in range(questions)
        ]
        campaign = CampaignPageFactory(
            parent=operator,
            slug=slug,
            hero_image=image,
            project_holder=member,
            video_url="https://youtu.be/dQw4w9WgXcQ",
            faq=json.dumps(faq),
        )
        made = [RewardTierFactory(campaign=campaign, limit=50) for _n in range(tiers)]
        for n in range(pledges):
            PledgeFactory(campaign=campaign, reward_tier=made[n % tiers])
        create_aliases_for_new_page(publish(campaign))
        return campaign

    small = full_campaign("small", questions=1, tiers=1, pledges=1)
    big = full_campaign("big", questions=12, tiers=8, pledges=40)
    client.get(small.url)  # renditions are made once
    client.get(big.url)
    PledgeFactory(campaign=small)
    with django_assert_max_num_queries(30) as small_queries:
        assert client.get(small.url).status_code == 200
    PledgeFactory(campaign=big)
    with django_assert_max_num_queries(len(small_queries)) as big_queries:
        assert client.get(big.url).status_code == 200
    assert len(big_queries) == len(small_queries)


def test_a_member_follows_an_upcoming_campaign_through_the_follows_api(member_client, operator):
    campaign = campaign_with(operator, "upcoming")
    html = member_client.get(campaign.url).content.decode()
    form = re.search(r'<form class="follow"[^>]*>', html).group(0)
    assert 'data-follow-api="/api/v1/follows/"' in form
    assert f'data-id="{campaign.pk}"' in form
    assert "Suivre pour être prévenu de l'ouverture" in html
