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

from portal.demo_legal import seed_legal
from portal.models import Category, ContentPage, HomePage, OperatorPage, Territory, User
from portal.operators import create_operator
from portal.translation import is_translated, translate

DEMO_PASSWORD = "maillon-demo"  # noqa: S105 — printed to the newcomer on purpose
LANGUAGES = ["nl", "de", "en"]

HOME = {
    "title": {"fr": "Maillon", "nl": "Maillon", "de": "Maillon", "en": "Maillon"},
    "slug": {"fr": "maillon", "nl": "maillon-nl", "de": "maillon-de", "en": "maillon-en"},
    "intro": {
        "fr": "Le maillon manquant, c'est la foule. Financez, conseillez, agissez et co-créez "
        "les projets qui font bouger la Wallonie, avec les opérateurs publics qui les portent.",
        "nl": "De ontbrekende schakel is de menigte. Financier, adviseer, help mee en bedenk "
        "samen de projecten die Wallonië vooruit helpen, met de publieke partners erachter.",
        "de": "Das fehlende Glied ist die Menge. Finanzieren, beraten, anpacken und gemeinsam "
        "die Projekte gestalten, die die Wallonie voranbringen, mit den öffentlichen Trägern.",
        "en": "The missing link is the crowd. Fund, advise, lend a hand and co-create the "
        "projects that move Wallonia forward, with the public operators who back them.",
    },
    "call_to_action": {
        "fr": "Choisissez un projet et apportez votre maillon.",
        "nl": "Kies een project en voeg uw schakel toe.",
        "de": "Wählen Sie ein Projekt und fügen Sie Ihr Glied hinzu.",
        "en": "Pick a project and add your link.",
    },
}

OPERATORS = [
    {
        "slug": "nestup",
        "name": "Nest'up",
        "kind": OperatorPage.Kind.INCUBATOR,
        "website": "https://www.nestup.be",
        "description": {
            "fr": "Incubateur de projets entrepreneuriaux à impact, Nest'up accompagne les "
            "porteurs de projets de l'idée au premier client.",
            "nl": "Nest'up is een incubator voor ondernemende projecten met impact en begeleidt "
            "projectdragers van het idee tot de eerste klant.",
            "de": "Nest'up ist ein Inkubator für unternehmerische Projekte mit Wirkung und "
            "begleitet Gründer von der Idee bis zum ersten Kunden.",
            "en": "Nest'up is an incubator for entrepreneurial projects with impact, guiding "
            "project holders from the idea to the first customer.",
        },
    },
    {
        "slug": "gre-liege",
        "name": "GRE Liège",
        "kind": OperatorPage.Kind.AGENCY,
        "website": "https://www.gre-liege.be",
        "description": {
            "fr": "Le Groupement de Redéploiement Économique de Liège rassemble les forces "
            "vives liégeoises autour du développement économique du territoire.",
            "nl": "De Groupement de Redéploiement Économique van Luik brengt de Luikse "
            "spelers samen rond de economische ontwikkeling van de regio.",
            "de": "Die Groupement de Redéploiement Économique in Lüttich bündelt die Kräfte "
            "der Region für ihre wirtschaftliche Entwicklung.",
            "en": "The Liège Economic Redeployment Group brings together the city's key "
            "players around the economic development of the area.",
        },
    },
    {
        "slug": "hub-creatif-mons",
        "name": "Hub créatif de Mons",
        "names": {
            "nl": "Creatieve hub Bergen",
            "de": "Kreativ-Hub Mons",
            "en": "Mons Creative Hub",
        },
        "kind": OperatorPage.Kind.CREATIVE_HUB,
        "website": "",
        "description": {
            "fr": "Un lieu ouvert où artistes, artisans, designers et entreprises croisent "
            "leurs savoir-faire pour inventer les produits et services de demain.",
            "nl": "Een open plek waar kunstenaars, ambachtslui, ontwerpers en bedrijven hun "
            "vakmanschap bundelen om de producten en diensten van morgen uit te vinden.",
            "de": "Ein offener Ort, an dem Kunstschaffende, Handwerker, Designer und "
            "Unternehmen ihr Können verbinden, um die Produkte von morgen zu erfinden.",
            "en": "An open place where artists, craftspeople, designers and companies combine "
            "their skills to invent tomorrow's products and services.",
        },
    },
    {
        "slug": "ville-de-namur",
        "name": "Ville de Namur",
        "names": {"nl": "Stad Namen", "de": "Stadt Namur", "en": "City of Namur"},
        "kind": OperatorPage.Kind.COMMUNE,
        "website": "https://www.namur.be",
        "description": {
            "fr": "La capitale wallonne soutient les projets citoyens qui rendent ses "
            "quartiers plus verts, plus solidaires et plus vivants.",
            "nl": "De Waalse hoofdstad steunt burgerprojecten die haar wijken groener, "
            "solidairder en levendiger maken.",
            "de": "Die wallonische Hauptstadt unterstützt Bürgerprojekte, die ihre Viertel "
            "grüner, solidarischer und lebendiger machen.",
            "en": "Wallonia's capital supports citizen projects that make its neighbourhoods "
            "greener, kinder and more lively.",
        },
    },
    {
        "slug": "region-wallonne",
        "name": "Région wallonne",
        "names": {"nl": "Waals Gewest", "de": "Wallonische Region", "en": "Walloon Region"},
        "kind": OperatorPage.Kind.REGION,
        "website": "https://www.wallonie.be",
        "description": {
            "fr": "La Région abonde les projets citoyens qui servent la transition de la "
            "Wallonie, aux côtés de la foule.",
            "nl": "Het Gewest vult burgerprojecten aan die de transitie van Wallonië dienen, "
            "samen met de menigte.",
            "de": "Die Region stockt Bürgerprojekte auf, die dem Wandel der Wallonie dienen, "
            "gemeinsam mit der Menge.",
            "en": "The Region tops up citizen projects that serve Wallonia's transition, "
            "alongside the crowd.",
        },
    },
    {
        "slug": "communaute",
        "name": "Communauté",
        "names": {"nl": "Gemeenschap", "de": "Gemeinschaft", "en": "Community"},
        "kind": OperatorPage.Kind.COMMUNITY,
        "website": "",
        "description": {
            "fr": "Les idées proposées par les citoyens, relues par nos modérateurs avant "
            "publication.",
            "nl": "De ideeën die burgers voorstellen, nagelezen door onze moderatoren vóór "
            "publicatie.",
            "de": "Die von Bürgerinnen und Bürgern vorgeschlagenen Ideen, vor der "
            "Veröffentlichung von unseren Moderatoren geprüft.",
            "en": "Ideas put forward by citizens, reviewed by our moderators before they "
            "are published.",
        },
    },
]

ABOUT = {
    "slug": {
        "fr": "comment-ca-marche",
        "nl": "hoe-werkt-het",
        "de": "so-funktioniert-es",
        "en": "how-it-works",
    },
    "title": {
        "fr": "Comment ça marche",
        "nl": "Hoe werkt het",
        "de": "So funktioniert es",
        "en": "How it works",
    },
    "summary": {
        "fr": "Quatre façons d'apporter votre maillon à un projet wallon.",
        "nl": "Vier manieren om uw schakel toe te voegen aan een Waals project.",
        "de": "Vier Wege, Ihr Glied zu einem wallonischen Projekt beizutragen.",
        "en": "Four ways to add your link to a Walloon project.",
    },
    "paragraphs": [
        {
            "fr": "Financer : soutenez une campagne ; en tout-ou-rien, votre carte n'est "
            "débitée que si l'objectif est atteint.",
            "nl": "Financieren: steun een campagne; bij alles-of-niets wordt uw kaart alleen "
            "gedebiteerd als het doel wordt gehaald.",
            "de": "Finanzieren: Unterstützen Sie eine Kampagne; bei Alles-oder-nichts wird "
            "Ihre Karte nur belastet, wenn das Ziel erreicht wird.",
            "en": "Fund: back a campaign; with all-or-nothing, your card is only charged if "
            "the goal is reached.",
        },
        {
            "fr": "Conseiller : partagez votre expérience ; les experts vérifiés par un "
            "opérateur portent un badge.",
            "nl": "Adviseren: deel uw ervaring; experts die door een partner zijn "
            "geverifieerd, dragen een badge.",
            "de": "Beraten: Teilen Sie Ihre Erfahrung; von einem Träger geprüfte Fachleute "
            "tragen ein Abzeichen.",
            "en": "Advise: share your experience; experts verified by an operator wear a badge.",
        },
        {
            "fr": "Agir : inscrivez-vous à une tâche bénévole près de chez vous.",
            "nl": "Meedoen: schrijf u in voor een vrijwilligerstaak bij u in de buurt.",
            "de": "Anpacken: Melden Sie sich für eine ehrenamtliche Aufgabe in Ihrer Nähe an.",
            "en": "Act: sign up for a volunteer task near you.",
        },
        {
            "fr": "Co-créer : proposez une idée au laboratoire ; la foule y apporte une "
            "équipe, de l'argent, des savoirs et des actes.",
            "nl": "Samen creëren: stel een idee voor in het lab; de menigte brengt een team, "
            "geld, kennis en daden.",
            "de": "Mitgestalten: Schlagen Sie im Labor eine Idee vor; die Menge bringt ein "
            "Team, Geld, Wissen und Taten.",
            "en": "Co-create: propose an idea in the lab; the crowd brings a team, money, "
            "knowledge and acts.",
        },
    ],
}

CATEGORIES = [
    {"slug": "energie", "fr": "Énergie", "nl": "Energie", "de": "Energie", "en": "Energy"},
    {
        "slug": "alimentation",
        "fr": "Alimentation",
        "nl": "Voeding",
        "de": "Ernährung",
        "en": "Food",
    },
    {"slug": "culture", "fr": "Culture", "nl": "Cultuur", "de": "Kultur", "en": "Culture"},
    {"slug": "mobilite", "fr": "Mobilité", "nl": "Mobiliteit", "de": "Mobilität", "en": "Mobility"},
    {
        "slug": "economie-circulaire",
        "fr": "Économie circulaire",
        "nl": "Circulaire economie",
        "de": "Kreislaufwirtschaft",
        "en": "Circular economy",
    },
    {"slug": "numerique", "fr": "Numérique", "nl": "Digitaal", "de": "Digitales", "en": "Digital"},
]

TERRITORIES = [
    {
        "slug": "wallonie",
        "level": "region",
        "parent": None,
        "fr": "Wallonie",
        "nl": "Wallonië",
        "de": "Wallonien",
        "en": "Wallonia",
    },
    {
        "slug": "liege",
        "level": "province",
        "parent": "wallonie",
        "fr": "Province de Liège",
        "nl": "Provincie Luik",
        "de": "Provinz Lüttich",
        "en": "Province of Liège",
    },
    {
        "slug": "hainaut",
        "level": "province",
        "parent": "wallonie",
        "fr": "Province de Hainaut",
        "nl": "Provincie Henegouwen",
        "de": "Provinz Hennegau",
        "en": "Province of Hainaut",
    },
    {
        "slug": "namur",
        "level": "province",
        "parent": "wallonie",
        "fr": "Province de Namur",
        "nl": "Provincie Namen",
        "de": "Provinz Namur",
        "en": "Province of Namur",
    },
    {
        "slug": "luxembourg",
        "level": "province",
        "parent": "wallonie",
        "fr": "Province de Luxembourg",
        "nl": "Provincie Luxemburg",
        "de": "Provinz Luxemburg",
        "en": "Province of Luxembourg",
    },
    {
        "slug": "brabant-wallon",
        "level": "province",
        "parent": "wallonie",
        "fr": "Province du Brabant wallon",
        "nl": "Provincie Waals-Brabant",
        "de": "Provinz Wallonisch-Brabant",
        "en": "Province of Walloon Brabant",
    },
    {
        "slug": "ville-liege",
        "level": "commune",
        "parent": "liege",
        "fr": "Liège",
        "nl": "Luik",
        "de": "Lüttich",
        "en": "Liège",
    },
    {
        "slug": "ville-namur",
        "level": "commune",
        "parent": "namur",
        "fr": "Namur",
        "nl": "Namen",
        "de": "Namur",
        "en": "Namur",
    },
    {
        "slug": "ville-mons",
        "level": "commune",
        "parent": "hainaut",
        "fr": "Mons",
        "nl": "Bergen",
        "de": "Mons",
        "en": "Mons",
    },
    {
        "slug": "ville-charleroi",
        "level": "commune",
        "parent": "hainaut",
        "fr": "Charleroi",
        "nl": "Charleroi",
        "de": "Charleroi",
        "en": "Charleroi",
    },
]

ACCOUNTS = [
    {
        "email": "admin@maillon.be",
        "first_name": "Ada",
        "last_name": "Admin",
        "superuser": True,
        "role": "platform admin",
    },
    {
        "email": "editor@nestup.be",
        "first_name": "Elise",
        "last_name": "Dupont",
        "operator": "nestup",
        "group": "editors",
        "role": "editor, Nest'up",
    },
    {
        "email": "moderator@nestup.be",
        "first_name": "Marc",
        "last_name": "Lambert",
        "operator": "nestup",
        "group": "moderators",
        "role": "moderator, Nest'up",
    },
    {
        "email": "editor@gre-liege.be",
        "first_name": "Eva",
        "last_name": "Janssens",
        "operator": "gre-liege",
        "group": "editors",
        "role": "editor, GRE Liège",
    },
    {
        "email": "moderator@gre-liege.be",
        "first_name": "Hugo",
        "last_name": "Renard",
        "operator": "gre-liege",
        "group": "moderators",
        "role": "moderator, GRE Liège",
    },
    {
        "email": "moderator@communaute.maillon.be",
        "first_name": "Chloé",
        "last_name": "Martin",
        "operator": "communaute",
        "group": "moderators",
        "role": "moderator, Community",
    },
    {
        "email": "member@maillon.be",
        "first_name": "Nina",
        "last_name": "Peeters",
        "language": "nl",
        "role": "member",
    },
    {
        "email": "expert@maillon.be",
        "first_name": "Paul",
        "last_name": "Schmitz",
        "language": "de",
        "role": "member (expert)",
    },
]


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
                "parent": by_slug.get(values["parent"]),
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
