"""The search page in four languages, then every open campaign and brief indexed.

Runs after campaigns.demo and lab.demo (manage.py seed_demo's order), so the index it builds
holds their demo content; the rebuild rewrites the same entries on a second run.
"""

from wagtail.models import Locale
from wagtail_localize.synctree import create_aliases_for_new_page

from portal import demo_data
from portal.models import HomePage
from portal.translation import translate
from search.indexing import rebuild
from search.models import SearchPage

LANGUAGES = ["nl", "de", "en"]
PAGE = demo_data.section("search")["page"]


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
