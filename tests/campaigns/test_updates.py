"""Campaign updates: posted from the page by its project holder, e-mailed once to each backer in
the backer's own language, and kept when an operator later publishes the page."""

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from campaigns import pledging
from campaigns.models import (
    CampaignPage,
    CampaignUpdate,
    PledgeStatus,
    PostedUpdate,
    UpdateDelivery,
)
from portal.euros import format_euros
from search.models import SearchEntry
from tests.conftest import staff_of
from tests.factories import MemberFactory
from tests.factories.campaigns import CampaignPageFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def copy_in(campaign, language):
    return CampaignPage.objects.get(
        translation_key=campaign.translation_key, locale__language_code=language
    )


def post_url(page, language="fr"):
    return f"/{language}/campaign-updates/{page.pk}/"


@pytest.fixture
def holder(db):
    return MemberFactory(first_name="Inès", last_name="Lambert")


@pytest.fixture
def live_campaign(campaign, holder):
    """The campaign published with its project holder, in all four languages."""
    campaign.project_holder = holder
    campaign.save_revision().publish()
    create_aliases_for_new_page(campaign)
    return campaign


@pytest.fixture
def backers(live_campaign):
    """A backer per language (guests and members), and pledges that must not be e-mailed."""
    german_member = MemberFactory(first_name="Jonas", preferred_language="de")
    english_member = MemberFactory(first_name="Grace", preferred_language="en")
    return {
        "fr": PledgeFactory(
            campaign=live_campaign, email="lea@example.org", name="Léa", language="fr"
        ),
        "nl": PledgeFactory(
            campaign=live_campaign, email="ans@example.org", name="Ans", language="nl"
        ),
        # A member's own language wins over the page they happened to pledge on.
        "de": PledgeFactory(
            campaign=live_campaign,
            backer=german_member,
            email=german_member.email,
            language="fr",
        ),
        "en": PledgeFactory(
            campaign=live_campaign,
            backer=english_member,
            email=english_member.email,
            language="en",
            status=PledgeStatus.PAID,
        ),
        # Léa backs twice: still one e-mail.
        "fr-again": PledgeFactory(
            campaign=live_campaign, email="LEA@example.org", name="Léa", language="fr"
        ),
        "pending": PledgeFactory(
            campaign=live_campaign, email="pending@example.org", status=PledgeStatus.PENDING
        ),
        "cancelled": PledgeFactory(
            campaign=live_campaign, email="gone@example.org", status=PledgeStatus.CANCELLED
        ),
    }


def mail_to(address):
    found = [message for message in mail.outbox if message.to[0].lower() == address.lower()]
    assert len(found) == 1, f"{address} got {len(found)} e-mails"
    return found[0]


def test_project_holder_posts_an_update_and_every_backer_gets_it_once(
    holder, live_campaign, backers
):
    client = logged_in(holder)
    page = client.get(live_campaign.url)
    assert 'id="update-form"' in page.content.decode()

    response = client.post(
        post_url(live_campaign),
        {"title": "Les <b>premiers</b> vélos", "body": "Dix vélos réparés.\nMerci !"},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(live_campaign.url)
    update = PostedUpdate.objects.get()
    assert (update.title, update.body) == ("Les premiers vélos", "Dix vélos réparés.\nMerci !")
    assert update.author == holder
    assert update.campaign_key == live_campaign.translation_key
    recipients = sorted(address.lower() for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [
            "lea@example.org",
            "ans@example.org",
            backers["de"].backer.email,
            backers["en"].backer.email,
        ]
    )
    html = client.get(live_campaign.url).content.decode()
    assert "Les premiers vélos" in html
    assert "Dix vélos réparés.<br>Merci !" in html


def test_each_backer_reads_the_update_in_their_language_with_a_link_there(
    holder, live_campaign, backers
):
    logged_in(holder).post(
        post_url(live_campaign), {"title": "Atelier ouvert", "body": "Venez samedi."}
    )
    expected = {
        "fr": ("lea@example.org", "Bonjour Léa,", "Merci,"),
        "nl": ("ans@example.org", "Hallo Ans,", "Het Maillon-team"),
        "de": (backers["de"].backer.email, "Hallo Jonas", "Das Maillon-Team"),
        "en": (backers["en"].backer.email, "Hello Grace", "The Maillon team"),
    }
    for language, (address, greeting, _signature) in expected.items():
        message = mail_to(address)
        link = copy_in(live_campaign, language).get_full_url()
        assert f"/{language}/" in link
        assert link in message.body, language
        assert greeting in message.body, language
        assert "Atelier ouvert" in message.subject
        assert "Venez samedi." in message.body
    assert mail_to("ans@example.org").body.rstrip().endswith("Het Maillon-team")
    assert mail_to(backers["de"].backer.email).body.rstrip().endswith("Das Maillon-Team")


def test_operator_staff_may_post_too_but_nobody_else(
    live_campaign, backers, member, operator, other_editor
):
    editor = staff_of(operator, "editor")
    assert (
        logged_in(editor).post(post_url(live_campaign), {"title": "T", "body": "B"}).status_code
        == 302
    )
    for client in (Client(), logged_in(member), logged_in(other_editor)):
        assert 'id="update-form"' not in client.get(live_campaign.url).content.decode()
        response = client.post(post_url(live_campaign), {"title": "Piraté", "body": "Spam"})
        assert response.status_code == 403
    assert list(PostedUpdate.objects.values_list("title", flat=True)) == ["T"]
    assert len(mail.outbox) == 4


def test_bad_input_is_refused_in_the_visitors_language_and_nothing_is_stored(
    holder, live_campaign, backers
):
    client = logged_in(holder)
    dutch = copy_in(live_campaign, "nl")

    response = client.post(post_url(dutch, "nl"), {"title": "<p></p>", "body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit is een verplicht veld." in html
    assert 'id="update-form"' in html

    response = client.post(
        post_url(dutch, "de"),
        {"title": "x" * 161, "body": "Ok"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == ["title"]
    assert "höchstens 160 Zeichen" in errors["title"][0]

    assert not PostedUpdate.objects.exists()
    assert mail.outbox == []


def test_posting_needs_the_csrf_token(holder, live_campaign, backers):
    client = logged_in(holder, enforce_csrf_checks=True)
    refused = client.post(post_url(live_campaign), {"title": "Sans jeton", "body": "Non"})
    assert refused.status_code == 403
    assert not PostedUpdate.objects.exists()

    client.get(live_campaign.url)
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        post_url(live_campaign),
        {"title": "Avec jeton", "body": "Oui", "csrfmiddlewaretoken": token},
    )
    assert accepted.status_code == 302
    assert PostedUpdate.objects.get().title == "Avec jeton"


def admin_form(page, updates, **extra):
    """The page editor's form for a campaign, as the admin posts it."""
    moment = "%Y-%m-%d %H:%M"
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "hero_image": "",
            "body": streamfield([]),
            "faq": streamfield([]),
            "video_url": "",
            "beneficiary": "",
            "goal": format_euros(page.goal),  # the admin types euros
            "starts_at": timezone.localtime(page.starts_at).strftime(moment),
            "deadline": timezone.localtime(page.deadline).strftime(moment),
            "funding_model": page.funding_model,
            "project_holder": page.project_holder_id or "",
            "category": "",
            "territory": "",
            "total_budget": "",
            "financing_sources": inline_formset([]),
            "reward_tiers": inline_formset([]),
            "updates": inline_formset(updates, initial=len([u for u in updates if "id" in u])),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_operator_publishing_an_older_draft_keeps_posted_updates_and_sends_nothing_again(
    holder, live_campaign, backers, moderator
):
    admin = logged_in(moderator)
    edit_url = f"/admin/pages/{live_campaign.pk}/edit/"
    # The operator opened the page before the holder posted.
    assert admin.get(edit_url).status_code == 200
    logged_in(holder).post(post_url(live_campaign), {"title": "Nouvelles", "body": "Texte"})
    assert len(mail.outbox) == 4

    response = admin.post(
        edit_url,
        admin_form(live_campaign, [], summary="Un résumé revu.", **{"action-publish": "1"}),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    live_campaign.refresh_from_db()
    assert live_campaign.summary == "Un résumé revu."
    html = Client().get(live_campaign.url).content.decode()
    assert "Nouvelles" in html
    assert len(mail.outbox) == 4


def test_operator_publishes_an_update_in_the_admin_and_a_republish_sends_nothing(
    live_campaign, backers, moderator
):
    admin = logged_in(moderator)
    edit_url = f"/admin/pages/{live_campaign.pk}/edit/"
    posted_at = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    update = {
        "title": "Mot de l'incubateur",
        "body": rich_text("<p>Bravo.</p>"),
        "posted_at": posted_at,
    }

    response = admin.post(edit_url, admin_form(live_campaign, [update], **{"action-publish": "1"}))

    assert response.status_code == 302, response.content.decode()[:2000]
    written = CampaignUpdate.objects.get(campaign=live_campaign)
    assert len(mail.outbox) == 4
    assert "Bravo." in mail_to("ans@example.org").body
    assert "<p>" not in mail_to("ans@example.org").body

    again = {**update, "id": written.pk, "title": "Mot de l'incubateur (corrigé)"}
    response = admin.post(edit_url, admin_form(live_campaign, [again], **{"action-publish": "1"}))
    assert response.status_code == 302
    assert CampaignUpdate.objects.get(campaign=live_campaign).title.endswith("(corrigé)")
    live_campaign.get_latest_revision().publish()
    assert len(mail.outbox) == 4
    assert UpdateDelivery.objects.count() == 4


def test_a_later_backer_is_not_sent_old_news_on_republish(holder, live_campaign, backers):
    logged_in(holder).post(post_url(live_campaign), {"title": "Déjà dit", "body": "Vieux"})
    PledgeFactory(campaign=live_campaign, email="late@example.org")
    live_campaign.save_revision().publish()
    assert [m for m in mail.outbox if m.to == ["late@example.org"]] == []


def test_campaign_page_queries_do_not_grow_with_updates(
    client, holder, live_campaign, operator, django_assert_max_num_queries
):
    quiet = CampaignPageFactory(parent=operator, project_holder=holder)
    CampaignUpdate.objects.create(
        campaign=quiet, title="Une", body="<p>Une.</p>", locale=quiet.locale
    )
    quiet.save_revision().publish()
    PostedUpdate.objects.create(
        campaign=quiet, campaign_key=quiet.translation_key, language="fr", title="P", body="B"
    )
    for n in range(25):
        CampaignUpdate.objects.create(
            campaign=live_campaign,
            title=f"Nouvelle {n}",
            body="<p>Texte.</p>",
            locale=live_campaign.locale,
        )
        PostedUpdate.objects.create(
            campaign=live_campaign,
            campaign_key=live_campaign.translation_key,
            language="fr",
            title=f"Postée {n}",
            body="Texte",
            posted_at=timezone.now() - datetime.timedelta(hours=n),
        )
    live_campaign.save_revision().publish()
    client.get(quiet.url)
    client.get(live_campaign.url)  # public parts kept for the generation (portal.pagecache)
    with django_assert_max_num_queries(12) as few:
        assert client.get(quiet.url).status_code == 200
    with django_assert_max_num_queries(len(few)) as many:
        html = client.get(live_campaign.url).content.decode()
    assert html.count('class="campaign-update"') == 50
    assert len(many) == len(few)


def test_a_pledge_counting_or_released_refreshes_the_money_need_in_search(
    live_campaign, django_capture_on_commit_callbacks
):
    def needs_money():
        return SearchEntry.objects.get(
            translation_key=live_campaign.translation_key, language="fr"
        ).needs_money

    assert needs_money()
    pledge = PledgeFactory(
        campaign=live_campaign, amount=live_campaign.goal, status=PledgeStatus.PENDING
    )
    with django_capture_on_commit_callbacks(execute=True):
        pledging.move(pledge.pk, PledgeStatus.COMMITTED)
    assert not needs_money()
    with django_capture_on_commit_callbacks(execute=True):
        pledging.move(pledge.pk, PledgeStatus.RELEASED)
    assert needs_money()
