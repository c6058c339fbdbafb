"""Page types: creatable where they belong, renderable, previewable, fast, translated."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_localize.synctree import create_aliases_for_new_page

import pytest

from portal.models import ContentPage, HomePage, OperatorPage
from portal.operators import create_operator
from portal.translation import translate
from tests.conftest import HOME_TRANSLATIONS
from tests.factories import ContentPageFactory, HomePageFactory

pytestmark = pytest.mark.django_db


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from wagtail.models import Locale, Site

        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()
        cls.home = HomePageFactory(
            parent=root, slug="maillon", locale=Locale.objects.get(language_code="fr")
        )
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", root_page=cls.home, is_default_site=True)
        translate(cls.home, "nl", HOME_TRANSLATIONS["nl"])
        cls.operator = create_operator(
            name="Nest'up", kind="incubator", slug="nestup", description="<p>Incubateur.</p>"
        )
        cls.content = ContentPageFactory(parent=cls.operator, title="À propos", slug="a-propos")

    def setUp(self):
        self.login()

    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, OperatorPage)
        self.assertCanCreateAt(OperatorPage, ContentPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanNotCreateAt(OperatorPage, OperatorPage)
        self.assertCanNotCreateAt(ContentPage, OperatorPage)
        self.assertCanNotCreateAt(Page, ContentPage)

    def test_every_page_type_renders_and_previews(self):
        for page in (self.home, self.operator, self.content):
            self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(
            self.home,
            post_data=nested_form_data(
                {
                    "title": "Maillon",
                    "slug": "maillon",
                    "intro": "Intro",
                    "call_to_action": "",
                    "featured": inline_formset([]),
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(
            self.operator,
            post_data=nested_form_data(
                {
                    "title": "Nest'up",
                    "slug": "nestup",
                    "kind": "incubator",
                    "description": rich_text("<p>Incubateur.</p>"),
                    "website": "",
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(
            self.content,
            post_data=nested_form_data(
                {
                    "title": "À propos",
                    "slug": "a-propos",
                    "summary": "Résumé",
                    "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
                    "comments": inline_formset([]),
                }
            ),
        )

    def test_every_page_type_is_translatable(self):
        from wagtail.models import TranslatableMixin

        for model in (HomePage, OperatorPage, ContentPage):
            self.assertTrue(issubclass(model, TranslatableMixin))
            self.assertTrue(model.translatable_fields)


def test_untranslated_page_falls_back_to_french_visibly(client, operator):
    page = ContentPageFactory(
        parent=operator,
        title="Nouveauté",
        slug="nouveaute",
        summary="Seulement en français pour l'instant.",
    )
    create_aliases_for_new_page(page)
    dutch = page.get_translation(page.locale.__class__.objects.get(language_code="nl"))
    assert dutch.alias_of_id == page.pk

    response = client.get(dutch.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Deze pagina is nog niet in uw taal vertaald" in html
    assert '<main id="main" tabindex="-1" lang="fr">' in html
    assert "Seulement en français" in html
    # hreflang only names real versions: French, not the Dutch stand-in.
    assert 'hreflang="fr" href="http://testserver/fr/nestup/nouveaute/"' in html
    assert 'rel="alternate" hreflang="nl"' not in html


def test_language_switcher_leads_to_the_same_page(client, operator):
    page = ContentPageFactory(parent=operator, title="Atelier", slug="atelier", summary="Un.")
    create_aliases_for_new_page(page)
    translate(page, "de", {"Atelier": "Werkstatt", "atelier": "werkstatt", "Un.": "Eins."})
    html = client.get("/fr/nestup/atelier/").content.decode()
    assert 'href="/de/nestup/werkstatt/" hreflang="de" lang="de">Deutsch</a>' in html
    # Dutch is not translated yet: the switcher says so, in Dutch.
    assert 'href="/nl/nestup/atelier/" hreflang="nl" lang="nl"' in html
    assert "(in het Frans)" in html


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_public_pages_render_in_constant_queries(
    client, operator, other_operator, code, django_assert_max_num_queries
):
    urls = [f"/{code}/", f"/{code}/nestup/"]
    ContentPageFactory(parent=operator, title="Premier projet", slug="premier")
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    for n in range(6):
        ContentPageFactory(parent=operator, title=f"Projet {n}", slug=f"projet-{n}")
        create_operator(name=f"Opérateur {n}", kind="commune", slug=f"operateur-{n}")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            client.get(url)
    assert max(counts.values()) <= 19  # 18, and one for the footer's legal links


def test_home_features_pages_in_the_visitors_language(client, home, operator):
    from portal.models.pages import HomeFeature

    page = ContentPageFactory(
        parent=operator, title="Coup de cœur", slug="coup-de-coeur", summary="Notre préféré."
    )
    translate(
        page,
        "en",
        {
            "Coup de cœur": "Our favourite",
            "coup-de-coeur": "favourite",
            "Notre préféré.": "Our pick.",
        },
    )
    HomeFeature.objects.create(home=home, featured_page=page, sort_order=0)
    translate(home, "en", HOME_TRANSLATIONS["en"])  # the translator syncs the English home
    assert "Our favourite" in client.get("/en/").content.decode()
    assert "Coup de cœur" in client.get("/fr/").content.decode()
