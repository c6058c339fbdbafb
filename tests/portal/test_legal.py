"""The legal pages in every footer, in the visitor's language, and the contact form."""

import datetime
import html
import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from campaigns.models import CampaignPage
from lab.models import LabBriefPage
from portal.demo_legal import seed_legal
from portal.models import ContactMessage, ContactPage, LegalLinks
from portal.models.legal import footer_links
from portal.translation import translate
from search.demo import seed_search_page
from tests.conftest import staff_of
from tests.factories import ContentPageFactory
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.lab import LabBriefPageFactory, LabIndexPageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "nl", "de", "en"]
LEGAL = {
    "privacy": {"fr": "Vie privée", "nl": "Privacy", "de": "Datenschutz", "en": "Privacy"},
    "terms": {
        "fr": "Conditions d'utilisation",
        "nl": "Gebruiksvoorwaarden",
        "de": "Nutzungsbedingungen",
        "en": "Terms of use",
    },
}
CONTACT = {"fr": "Contact", "nl": "Contacteer ons", "de": "Kontakt", "en": "Contact us"}


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit counts in the cache: every test starts from a clean slate."""
    cache.clear()
    yield
    cache.clear()


def _slug(title, code):
    return re.sub(r"[^a-z]+", "-", title.lower()).strip("-") + f"-{code}"


def in_language(page, code):
    return page.get_translation(Locale.objects.get(language_code=code))


@pytest.fixture
def legal(home):
    """Two legal pages and the contact page, really translated, chosen in LegalLinks."""
    pages = {}
    for role, titles in LEGAL.items():
        page = ContentPageFactory(parent=home, title=titles["fr"], slug=_slug(titles["fr"], "fr"))
        for code in LANGUAGES[1:]:
            translate(
                page,
                code,
                {
                    titles["fr"]: titles[code],
                    page.slug: _slug(titles[code], code),
                    "Un résumé.": f"Summary ({code}).",
                },
            )
        pages[role] = page
    contact = ContactPage(
        title=CONTACT["fr"], slug="contact", intro="Écrivez-nous.", team_email="team@maillon.be"
    )
    home.add_child(instance=contact)
    contact.save_revision().publish()
    for code in LANGUAGES[1:]:
        translate(
            contact,
            code,
            {CONTACT["fr"]: CONTACT[code], "contact": f"contact-{code}", "Écrivez-nous.": code},
        )
    pages["contact"] = contact
    LegalLinks.objects.create(site=home.get_site(), **pages)
    return pages


def _footer_links(response):
    page = response.content.decode()
    footer = page[page.index('<footer class="site-footer">') :]
    links = re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', footer)
    return [(href, html.unescape(text)) for href, text in links]


def _expected_links(legal, code):
    return [
        (in_language(legal[role], code).url, in_language(legal[role], code).title)
        for role in ("privacy", "terms", "contact")
    ]


@pytest.fixture
def every_page_type(home, operator, legal):
    """One live page of every public type, with its copy in every language."""
    pages = [
        home,
        operator,
        legal["privacy"],
        legal["contact"],
        CampaignIndexPageFactory(parent=home),
        CampaignPageFactory(parent=operator),
        LabIndexPageFactory(parent=home),
        LabBriefPageFactory(parent=operator),
        ContentPageFactory(parent=operator),
        seed_search_page(),
    ]
    for page in pages:
        if page.get_translations().count() < len(LANGUAGES) - 1:
            create_aliases_for_new_page(page)
    return pages


def test_every_page_type_links_to_the_legal_pages_in_its_language(client, legal, every_page_type):
    types = {type(page.specific) for page in every_page_type}
    assert {CampaignPage, LabBriefPage, ContactPage} <= types
    for code in LANGUAGES:
        expected = _expected_links(legal, code) + [("/api/v1/docs/", "API")]
        for page in every_page_type:
            copy = Page.objects.get(
                translation_key=page.translation_key, locale__language_code=code
            )
            response = client.get(copy.url)
            assert response.status_code == 200, copy.url
            assert _footer_links(response) == expected, (code, type(page.specific).__name__)


def test_non_page_views_have_the_footer_in_their_language(client, legal):
    response = client.get("/nl/accounts/login/")
    assert _footer_links(response)[:3] == _expected_links(legal, "nl")
    response = client.get("/de/nirgendwo/")
    assert response.status_code == 404
    assert _footer_links(response)[:3] == _expected_links(legal, "de")


def test_the_footer_costs_one_query_once_per_generation(
    client, home, legal, django_assert_num_queries
):
    site = legal["privacy"].get_site()
    with django_assert_num_queries(1):
        links = footer_links(site, "de")
    assert [page.title for page in links] == ["Datenschutz", "Nutzungsbedingungen", "Kontakt"]
    url = in_language(legal["privacy"], "de").url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert sum("portal_legallinks" in query["sql"] for query in queries) == 0
    # Choosing another page in the setting shows at once (portal.pagecache follows it).
    notice = ContentPageFactory(parent=home, title="Mentions légales", slug="mentions-legales")
    assert _footer_links(client.get(url))[1] != (notice.url, "Mentions légales")
    legal_links = LegalLinks.objects.get(site=site)
    legal_links.legal_notice = notice
    legal_links.save()
    assert _footer_links(client.get(url))[1] == (notice.url, "Mentions légales")


def test_an_untranslated_legal_page_falls_back_to_the_french(client, home, legal):
    notice = ContentPageFactory(parent=home, title="Mentions légales", slug="mentions-legales")
    LegalLinks.objects.filter(site=home.get_site()).update(legal_notice=notice)
    response = client.get(in_language(legal["contact"], "en").url)
    assert _footer_links(response)[1] == (notice.url, "Mentions légales")


def _form(**overrides):
    data = {
        "operator": "",
        "name": "Anne Wautier",
        "email": "anne@example.org",
        "subject": "Une question",
        "message": "Bonjour, comment proposer un projet ?",
        "website": "",
    }
    data.update(overrides)
    return data


def test_contact_form_writes_to_the_team(client, legal):
    response = client.post(legal["contact"].url, _form(), follow=True)
    assert "Merci : votre message a été envoyé." in response.content.decode()
    [email] = mail.outbox
    assert email.to == ["team@maillon.be"]
    assert email.reply_to == ["anne@example.org"]
    assert "Une question" in email.subject
    assert ContactMessage.objects.get().language == "fr"


def test_contact_form_writes_to_the_chosen_operators_moderators(client, legal, operator):
    moderators = {staff_of(operator, "moderator").email, staff_of(operator, "moderator").email}
    staff_of(operator, "editor")
    dutch = in_language(legal["contact"], "nl")
    dutch_operator = in_language(operator, "nl")
    response = client.post(dutch.url, _form(operator=dutch_operator.pk), follow=True)
    assert response.status_code == 200
    [email] = mail.outbox
    assert set(email.to) == moderators
    message = ContactMessage.objects.get()
    assert message.operator_id == dutch_operator.pk
    assert message.language == "nl"


def test_honeypot_sends_nothing(client, legal):
    response = client.post(legal["contact"].url, _form(website="http://spam.example"))
    assert response.status_code == 302
    assert mail.outbox == []
    assert not ContactMessage.objects.exists()


def test_contact_form_is_rate_limited_per_client(client, legal):
    for _n in range(ContactPage.RATE):
        assert client.post(legal["contact"].url, _form()).status_code == 302
    response = client.post(legal["contact"].url, _form())
    assert response.status_code == 429
    assert "Trop de messages" in response.content.decode()
    assert len(mail.outbox) == ContactPage.RATE
    # Another client is not held back.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(legal["contact"].url, _form()).status_code == 302


@pytest.mark.parametrize(
    ("code", "required", "invalid_email"),
    [
        ("fr", "Champ requis.", "Saisissez une adresse e-mail valide."),
        ("nl", "Dit is een verplicht veld.", "Voer een geldig e-mailadres in."),
    ],
)
def test_errors_are_shown_next_to_every_field_in_the_visitors_language(
    client, legal, code, required, invalid_email
):
    page = in_language(legal["contact"], code)
    response = client.post(page.url, _form(name="", subject="", email="pas-une-adresse"))
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("name", "subject"):
        errors = re.search(rf'id="id_{field}_error">(.*?)</ul>', page, re.S)
        assert errors and required in errors.group(1), field
    errors = re.search(r'id="id_email_error">(.*?)</ul>', page, re.S)
    assert errors and invalid_email in errors.group(1)
    assert 'id="id_message_error"' not in page
    assert re.search(r'<input[^>]*name="name"[^>]*aria-invalid="true"', page)
    assert re.search(r'<input[^>]*name="name"[^>]*aria-describedby="id_name_error"', page)
    assert mail.outbox == []


def test_demo_legal_pages_are_real_translations_in_the_footer(client, home):
    pages = seed_legal(home)
    assert seed_legal(home) == pages  # seeding twice changes nothing
    for code in LANGUAGES:
        expected = []
        for role in ("privacy", "legal_notice", "terms", "accessibility", "contact"):
            copy = in_language(pages[role], code)
            assert copy.alias_of_id is None, (role, code)
            expected.append((copy.url, copy.title))
        response = client.get(expected[0][0])
        assert response.status_code == 200
        assert _footer_links(response)[:5] == expected
    statement = client.get(in_language(pages["accessibility"], "de").url).content.decode()
    assert "teilweise mit WCAG 2.1 Stufe AA vereinbar" in statement
    assert "Ombudsmann der Wallonie und der Föderation Wallonie-Brüssel" in statement
    privacy = client.get(in_language(pages["privacy"], "nl").url).content.decode()
    assert "Stripe Payments Europe" in privacy and "csrftoken" in privacy


@pytest.fixture
def messages_to_two_operators(legal, operator, other_operator):
    """A message to the team, one to Nest'up (in Dutch) and one to GRE Liège."""
    client = Client()
    client.post(legal["contact"].url, _form(subject="Pour l'équipe"))
    client.post(
        in_language(legal["contact"], "nl").url,
        _form(subject="Voor Nest'up", operator=in_language(operator, "nl").pk),
    )
    client.post(legal["contact"].url, _form(subject="Pour GRE", operator=other_operator.pk))
    assert ContactMessage.objects.count() == 3


def _admin_subjects(user):
    client = Client()
    client.force_login(user)
    response = client.get("/admin/snippets/portal/contactmessage/")
    if response.status_code != 200:
        return response.status_code
    return {
        s
        for s in ("Pour l'équipe", "Voor Nest'up", "Pour GRE")
        if s in html.unescape(response.content.decode())
    }


def test_each_message_is_seen_by_the_staff_it_was_written_to(
    messages_to_two_operators, operator, other_operator
):
    from tests.factories import MemberFactory

    admin = MemberFactory(is_superuser=True, is_staff=True)
    assert _admin_subjects(admin) == {"Pour l'équipe", "Voor Nest'up", "Pour GRE"}
    assert _admin_subjects(staff_of(operator, "moderator")) == {"Voor Nest'up"}
    assert _admin_subjects(staff_of(other_operator, "moderator")) == {"Pour GRE"}
    assert _admin_subjects(staff_of(operator, "editor")) in (302, 403)


def test_nobody_edits_a_contact_message(messages_to_two_operators):
    from tests.factories import MemberFactory

    client = Client()
    client.force_login(MemberFactory(is_superuser=True, is_staff=True))
    message = ContactMessage.objects.first()
    edit = client.get(f"/admin/snippets/portal/contactmessage/edit/{message.pk}/")
    assert edit.status_code in (302, 403, 404)
    client.post(
        f"/admin/snippets/portal/contactmessage/edit/{message.pk}/", {"subject": "Rewritten"}
    )
    assert ContactMessage.objects.get(pk=message.pk).subject == message.subject
    add = "/admin/snippets/portal/contactmessage/add/"
    assert client.get(add).status_code in (302, 403, 404)
    count = ContactMessage.objects.count()
    client.post(add, {"subject": "New", "name": "X", "email": "x@example.org", "message": "Y"})
    assert ContactMessage.objects.count() == count


def test_messages_older_than_a_year_are_purged_by_the_next_one(client, legal):
    client.post(legal["contact"].url, _form(subject="Ancien"))
    client.post(legal["contact"].url, _form(subject="Récent"))
    ContactMessage.objects.filter(subject="Ancien").update(
        created_at=timezone.now() - datetime.timedelta(days=366)
    )
    client.post(legal["contact"].url, _form(subject="Nouveau"))
    assert set(ContactMessage.objects.values_list("subject", flat=True)) == {"Récent", "Nouveau"}


def test_platform_admin_chooses_the_legal_pages_in_the_settings(client, home, legal):
    from tests.factories import MemberFactory

    notice = ContentPageFactory(parent=home, title="Mentions légales", slug="mentions-legales")
    admin = Client()
    admin.force_login(MemberFactory(is_superuser=True, is_staff=True))
    url = f"/admin/settings/portal/legallinks/{home.get_site().pk}/"
    assert admin.get(url).status_code == 200
    data = {role: legal[role].pk for role in ("privacy", "terms", "contact")}
    response = admin.post(url, {**data, "legal_notice": notice.pk, "accessibility": ""})
    assert response.status_code == 302
    links = _footer_links(client.get("/fr/"))
    assert (notice.url, "Mentions légales") in links


# Every cookie Maillon sets, all strictly necessary (ePrivacy art. 5(3)): no consent banner.
ESSENTIAL_COOKIES = {
    settings.SESSION_COOKIE_NAME: "sessionid",
    settings.CSRF_COOKIE_NAME: "csrftoken",
    settings.LANGUAGE_COOKIE_NAME: "django_language",
    CookieStorage.cookie_name: "messages",
}


def test_essential_cookies_are_the_ones_the_privacy_notice_names(client, home):
    assert set(ESSENTIAL_COOKIES) == set(ESSENTIAL_COOKIES.values())  # Django's defaults
    privacy = seed_legal(home)["privacy"]
    for code in LANGUAGES:
        notice = html.unescape(client.get(in_language(privacy, code).url).content.decode())
        for name in ESSENTIAL_COOKIES:
            assert name in notice, (code, name)


def test_an_anonymous_visit_sets_no_cookie_but_the_essential_ones(client, legal, every_page_type):
    urls = [in_language(page, code).url for page in every_page_type for code in LANGUAGES]
    urls += [f"/{code}/accounts/{view}/" for code in LANGUAGES for view in ("login", "signup")]
    set_cookies = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        set_cookies.update(response.cookies)
        # Reading a page sets nothing but the form token (where there is a form).
        assert set(response.cookies) <= {"csrftoken"}, (url, response.cookies)
    contact = in_language(legal["contact"], "de").url
    client.post(contact, _form())  # a confirmation shown once: the messages cookie
    client.post("/i18n/setlang/", {"language": "nl", "next": "/nl/"})
    set_cookies.update(client.cookies)
    assert set_cookies <= set(ESSENTIAL_COOKIES), set_cookies - set(ESSENTIAL_COOKIES)
    assert {"csrftoken", "messages", "django_language"} <= set_cookies
