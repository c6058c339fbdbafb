"""Demo content for the portal itself: home pages, operators, pages and log-ins in four languages.

Texts are written in each language (not copies of the French) and go through wagtail-localize,
as an operator's translator would. Every step looks for what exists first, so seeding twice
changes nothing.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Locale, Page, Site
from wagtail_localize.synctree import create_aliases_for_new_page

from allauth.account.models import EmailAddress

from portal import demo_data
from portal.demo_legal import seed_legal
from portal.models import Category, ContentPage, HomePage, Territory, User
from portal.operators import create_operator
from portal.translation import is_translated, translate

DEMO_PASSWORD = "maillon-demo"  # noqa: S105 — printed to the newcomer on purpose
LANGUAGES = ["nl", "de", "en"]

DEMO = demo_data.section("portal")
HOME = DEMO["home"]
OPERATORS = demo_data.listed(DEMO["operators"])
ABOUT = DEMO["about"]
CATEGORIES = demo_data.listed(DEMO["categories"])
TERRITORIES = demo_data.listed(DEMO["territories"])
ACCOUNTS = DEMO["accounts"]


def _strings(texts, code):
    return {values["fr"]: values[code] for values in texts}


def seed_home(command):
    french = Locale.objects.get(language_code="fr")
    home = HomePage.objects.filter(locale=french).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title=HOME["title"]["fr"],
            slug=HOME["slug"]["fr"],
            intro=HOME["intro"]["fr"],
            call_to_action=HOME["call_to_action"]["fr"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        command.stdout.write("Created the French home page.")
    seed_site(home)
    for code in LANGUAGES:
        if not is_translated(home, code):
            translate(home, code, _strings(HOME.values(), code))
    return home


def seed_site(home):
    """The default Site at BASE_URL's host and port, on every seed: `make run PORT=8001` after
    a first run on 8000 moves the Site along, so hreflang and page links follow the address."""
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": base_url.hostname,
            "port": base_url.port or (443 if base_url.scheme == "https" else 80),
            "root_page": home,
            "site_name": "Maillon",
        },
    )
    if old_root and old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
        old_root.delete()


def seed_taxonomy():
    french = Locale.objects.get(language_code="fr")
    for values in CATEGORIES:
        category, _created = Category.objects.get_or_create(
            slug=values["slug"], locale=french, defaults={"name": values["fr"]}
        )
        for code in LANGUAGES:
            if not category.get_translations().filter(locale__language_code=code).exists():
                translate(
                    category, code, {values["fr"]: values[code], values["slug"]: values["slug"]}
                )
    by_slug = {}
    for values in TERRITORIES:
        territory, _created = Territory.objects.get_or_create(
            slug=values["slug"],
            locale=french,
            defaults={
                "name": values["fr"],
                "level": values["level"],
                "parent": by_slug.get(values.get("parent")),
            },
        )
        by_slug[values["slug"]] = territory
        for code in LANGUAGES:
            if not territory.get_translations().filter(locale__language_code=code).exists():
                translate(
                    territory, code, {values["fr"]: values[code], values["slug"]: values["slug"]}
                )


def seed_operators(home):
    operators = {}
    for values in OPERATORS:
        page = create_operator(
            name=values["name"],
            kind=values["kind"],
            slug=values["slug"],
            description=f"<p>{values['description']['fr']}</p>",
            website=values["website"],
            home=home,
        )
        operators[values["slug"]] = page
        for code in LANGUAGES:
            if is_translated(page, code):
                continue
            name = values.get("names", {}).get(code, values["name"])
            translate(
                page,
                code,
                {
                    values["name"]: name,
                    values["slug"]: values["slug"],
                    values["description"]["fr"]: values["description"][code],
                },
            )
    return operators


def seed_about(home):
    about = ContentPage.objects.filter(slug=ABOUT["slug"]["fr"], locale=home.locale).first()
    if about is None:
        about = ContentPage(
            title=ABOUT["title"]["fr"],
            slug=ABOUT["slug"]["fr"],
            summary=ABOUT["summary"]["fr"],
            show_in_menus=True,
            body=[("paragraph", f"<p>{p['fr']}</p>") for p in ABOUT["paragraphs"]],
        )
        home.add_child(instance=about)
        about.save_revision().publish()
        create_aliases_for_new_page(about)
    for code in LANGUAGES:
        if not is_translated(about, code):
            strings = _strings([ABOUT["title"], ABOUT["slug"], ABOUT["summary"]], code)
            strings.update(_strings(ABOUT["paragraphs"], code))
            translate(about, code, strings)


def seed_accounts(operators):
    for values in ACCOUNTS:
        user = User.objects.filter(email=values["email"]).first()
        if user is None:
            user = User.objects.create_user(
                email=values["email"],
                password=DEMO_PASSWORD,
                first_name=values["first_name"],
                last_name=values["last_name"],
                preferred_language=values.get("language", "fr"),
                is_superuser=values.get("superuser", False),
                is_staff=values.get("superuser", False),
            )
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if "operator" in values:
            operator = operators[values["operator"]]
            group = (
                operator.editors_group
                if values["group"] == "editors"
                else operator.moderators_group
            )
            user.groups.add(group)


def seed(command):
    home = seed_home(command)
    seed_taxonomy()
    operators = seed_operators(home)
    seed_about(home)
    seed_legal(home)
    seed_accounts(operators)


def print_logins(command):
    command.stdout.write(
        command.style.SUCCESS(f"\nMaillon demo log-ins (password: {DEMO_PASSWORD}):")
    )
    for values in ACCOUNTS:
        command.stdout.write(f"  {values['email']:<34} {values['role']}")
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    command.stdout.write(f"Portal: {base_url}/   Admin: {base_url}/admin/\n")
