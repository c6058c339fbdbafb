"""The search page in four languages, then every open campaign and brief indexed.

Runs after campaigns.demo and lab.demo (manage.py seed_demo's order), so the index it builds
holds their demo content; the rebuild rewrites the same entries on a second run.
"""

from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from portal.models import HomePage
from portal.translation import translate
from search.indexing import rebuild
from search.models import SearchPage

PAGE = {
    "title": {"fr": "Recherche", "nl": "Zoeken", "de": "Suche", "en": "Search"},
    "slug": {"fr": "recherche", "nl": "zoeken", "de": "suche", "en": "search"},
    "intro": {
        "fr": "Toutes les campagnes en cours et tous les défis ouverts du labo, en un seul "
        "endroit : cherchez un projet à soutenir, une équipe à rejoindre, un coup de main "
        "à donner.",
        "nl": "Alle lopende campagnes en alle open uitdagingen van het lab op één plek: zoek "
        "een project om te steunen, een team om bij te komen of een handje om toe te steken.",
        "de": "Alle laufenden Kampagnen und alle offenen Herausforderungen des Labors an einem "
        "Ort: Finden Sie ein Projekt zum Unterstützen, ein Team zum Mitmachen oder eine "
        "Gelegenheit zum Anpacken.",
        "en": "Every running campaign and every open lab challenge in one place: find a project "
        "to back, a team to join or a hand to lend.",
    },
}
LANGUAGES = ["nl", "de", "en"]


def seed_search_page():
    french = Locale.objects.get(language_code="fr")
    home = HomePage.objects.get(locale=french)
    page = SearchPage.objects.filter(locale=french).first()
    if page is None:
        page = SearchPage(
            title=PAGE["title"]["fr"],
            slug=PAGE["slug"]["fr"],
            intro=PAGE["intro"]["fr"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        create_aliases_for_new_page(page)
    for code in LANGUAGES:
        translated = page.get_translations().filter(locale__language_code=code, alias_of=None)
        if not translated.exists():
            translate(page, code, {values["fr"]: values[code] for values in PAGE.values()})
    return page


def seed(command):
    seed_search_page()
    items = rebuild()
    command.stdout.write(f"Search: {items} campaigns and briefs indexed in four languages.")
