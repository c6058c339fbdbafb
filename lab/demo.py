"""Demo content of the lab: /lab/ and six briefs across operators, in four languages.

Each brief has roles, questions and tasks (one task full, with a waitlist), advice from an
expert and from an ordinary member; one comes from the Community section. Texts are written
in each language and go through wagtail-localize. Seeding twice changes nothing.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale
from wagtail.rich_text import RichText

from allauth.account.models import EmailAddress

from lab import advice, graduation, services
from lab.models import ExpertProfile, LabBriefPage, LabIndexPage, VolunteerSignup
from portal.models import Category, HomePage, OperatorPage, Territory, User
from portal.translation import is_translated, translate

LANGUAGES = ["nl", "de", "en"]
DEMO_PASSWORD = "maillon-demo"  # noqa: S105 - demo log-ins, printed by seed_demo

INDEX = {
    "title": {"fr": "Labo", "nl": "Lab", "de": "Labor", "en": "Lab"},
    "slug": {"fr": "lab", "nl": "lab", "de": "lab", "en": "lab"},
    "intro": {
        "fr": "Des idées, des concepts et des besoins qui cherchent une équipe, des conseils, "
        "des bras et de l'argent.",
        "nl": "Ideeën, concepten en behoeften die een team, advies, handen en geld zoeken.",
        "de": "Ideen, Konzepte und Bedürfnisse, die ein Team, Rat, Hände und Geld suchen.",
        "en": "Ideas, concepts and needs looking for a team, advice, hands and money.",
    },
}

VOLUNTEERS = ["benevole1@maillon.be", "benevole2@maillon.be"]

BRIEFS = [
    {
        "operator": "nestup",
        "kind": "concept",
        "category": "energie",
        "territory": "ville-namur",
        "budget": 1_500_000,
        "slug": {
            "fr": "toits-solaires",
            "nl": "zonnedaken",
            "de": "solardaecher",
            "en": "solar-roofs",
        },
        "title": {
            "fr": "Des toits solaires pour les écoles de Namur",
            "nl": "Zonnedaken voor de scholen van Namen",
            "de": "Solardächer für die Schulen von Namur",
            "en": "Solar roofs for Namur's schools",
        },
        "summary": {
            "fr": "Une coopérative citoyenne équipe les écoles et partage l'énergie.",
            "nl": "Een burgercoöperatie legt panelen op de scholen en deelt de energie.",
            "de": "Eine Bürgergenossenschaft baut Module auf die Schulen und teilt die Energie.",
            "en": "A citizens' cooperative puts panels on schools and shares the energy.",
        },
        "paragraph": {
            "fr": "Douze écoles ont des toits plats inutilisés. Il nous faut un plan et des bras.",
            "nl": "Twaalf scholen hebben ongebruikte platte daken. We zoeken een plan en handen.",
            "de": "Zwölf Schulen haben ungenutzte Flachdächer. Wir brauchen einen Plan und Hände.",
            "en": "Twelve schools have unused flat roofs. We need a plan and hands.",
        },
        "roles": [
            {
                "title": {
                    "fr": "Ingénieur·e",
                    "nl": "Ingenieur",
                    "de": "Ingenieur·in",
                    "en": "Engineer",
                },
                "description": {
                    "fr": "Vérifier la charge des toitures.",
                    "nl": "De draagkracht van de daken controleren.",
                    "de": "Die Tragfähigkeit der Dächer prüfen.",
                    "en": "Check what the roofs can bear.",
                },
                "people": 2,
            }
        ],
        "questions": [
            {
                "title": {
                    "fr": "Quel statut pour la coopérative ?",
                    "nl": "Welk statuut voor de coöperatie?",
                    "de": "Welche Rechtsform für die Genossenschaft?",
                    "en": "Which legal form for the cooperative?",
                },
                "description": {
                    "fr": "SCRL, ASBL ou autre chose ?",
                    "nl": "CVBA, vzw of iets anders?",
                    "de": "Genossenschaft, VoG oder etwas anderes?",
                    "en": "Cooperative, non-profit or something else?",
                },
            }
        ],
        "tasks": [
            {
                "title": {
                    "fr": "Relevé des toitures",
                    "nl": "Opmeting van de daken",
                    "de": "Vermessung der Dächer",
                    "en": "Roof survey",
                },
                "description": {
                    "fr": "Mesurer et photographier les toits.",
                    "nl": "De daken opmeten en fotograferen.",
                    "de": "Die Dächer vermessen und fotografieren.",
                    "en": "Measure and photograph the roofs.",
                },
                "days": 12,
                "hours": 3,
                "place": "Athénée royal de Namur, rue du Collège 7",
                "places": 2,
                "volunteers": ["member@maillon.be", "benevole1@maillon.be", "benevole2@maillon.be"],
            }
        ],
        "advice": [
            (
                "expert@maillon.be",
                "Une coopérative agréée par le SPF Économie ouvre l'accès aux primes wallonnes.",
            ),
            ("member@maillon.be", "Notre école de Jambes serait partante !"),
        ],
    },
    {
        "operator": "nestup",
        "kind": "idea",
        "category": "numerique",
        "territory": "wallonie",
        "budget": None,
        "slug": {
            "fr": "repair-cafe-numerique",
            "nl": "digitaal-repaircafe",
            "de": "digitales-reparaturcafe",
            "en": "digital-repair-cafe",
        },
        "title": {
            "fr": "Un repair café numérique itinérant",
            "nl": "Een rondtrekkend digitaal repaircafé",
            "de": "Ein mobiles digitales Reparaturcafé",
            "en": "A travelling digital repair café",
        },
        "summary": {
            "fr": "Réparer ordinateurs et téléphones dans les villages, avec des bénévoles.",
            "nl": "Computers en telefoons herstellen in de dorpen, met vrijwilligers.",
            "de": "Computer und Telefone in den Dörfern reparieren, mit Freiwilligen.",
            "en": "Repairing computers and phones in villages, with volunteers.",
        },
        "paragraph": {
            "fr": "Une camionnette, des outils et des gens qui savent réparer.",
            "nl": "Een bestelwagen, gereedschap en mensen die kunnen herstellen.",
            "de": "Ein Lieferwagen, Werkzeug und Leute, die reparieren können.",
            "en": "A van, tools and people who know how to repair.",
        },
        "roles": [],
        "questions": [],
        "tasks": [
            {
                "title": {
                    "fr": "Atelier à Ciney",
                    "nl": "Werkplaats in Ciney",
                    "de": "Werkstatt in Ciney",
                    "en": "Workshop in Ciney",
                },
                "description": {
                    "fr": "Accueillir les visiteurs et trier les appareils.",
                    "nl": "Bezoekers ontvangen en de toestellen sorteren.",
                    "de": "Gäste empfangen und die Geräte sortieren.",
                    "en": "Welcome visitors and sort the devices.",
                },
                "days": 20,
                "hours": 4,
                "place": "Salle des fêtes, place Monseu 1, Ciney",
                "places": 6,
                "volunteers": ["benevole1@maillon.be"],
            }
        ],
        "advice": [],
    },
    {
        "operator": "gre-liege",
        "kind": "need",
        "category": "economie-circulaire",
        "territory": "ville-liege",
        "budget": 800_000,
        "slug": {
            "fr": "ressourcerie-liege",
            "nl": "kringloopwinkel-luik",
            "de": "ressourcenzentrum-luettich",
            "en": "liege-reuse-centre",
        },
        "title": {
            "fr": "Une ressourcerie pour Liège",
            "nl": "Een kringloopcentrum voor Luik",
            "de": "Ein Ressourcenzentrum für Lüttich",
            "en": "A reuse centre for Liège",
        },
        "summary": {
            "fr": "Collecter, réparer et revendre les meubles plutôt que de les jeter.",
            "nl": "Meubels inzamelen, herstellen en verkopen in plaats van ze weg te gooien.",
            "de": "Möbel sammeln, reparieren und verkaufen, statt sie wegzuwerfen.",
            "en": "Collect, repair and resell furniture instead of throwing it away.",
        },
        "paragraph": {
            "fr": "Un entrepôt est disponible à Droixhe ; il manque une équipe.",
            "nl": "In Droixhe staat een loods klaar; er ontbreekt een team.",
            "de": "In Droixhe steht eine Halle bereit; es fehlt ein Team.",
            "en": "A warehouse is available in Droixhe; a team is missing.",
        },
        "roles": [
            {
                "title": {
                    "fr": "Menuisier·ère",
                    "nl": "Schrijnwerker",
                    "de": "Tischler·in",
                    "en": "Carpenter",
                },
                "description": {
                    "fr": "Remettre les meubles en état.",
                    "nl": "De meubels opknappen.",
                    "de": "Die Möbel instand setzen.",
                    "en": "Bring the furniture back into shape.",
                },
                "people": 3,
            }
        ],
        "questions": [
            {
                "title": {
                    "fr": "Faut-il un permis d'environnement ?",
                    "nl": "Is er een milieuvergunning nodig?",
                    "de": "Braucht es eine Umweltgenehmigung?",
                    "en": "Is an environmental permit needed?",
                },
                "description": {
                    "fr": "Pour stocker des meubles usagés.",
                    "nl": "Om gebruikte meubels op te slaan.",
                    "de": "Um gebrauchte Möbel zu lagern.",
                    "en": "To store used furniture.",
                },
            }
        ],
        "tasks": [],
        "advice": [
            ("member@maillon.be", "Je peux prêter une camionnette le samedi."),
        ],
    },
    {
        "operator": "hub-creatif-mons",
        "kind": "idea",
        "category": "culture",
        "territory": "ville-mons",
        "budget": 300_000,
        "slug": {
            "fr": "festival-de-quartier",
            "nl": "buurtfestival",
            "de": "stadtteilfest",
            "en": "neighbourhood-festival",
        },
        "title": {
            "fr": "Un festival de quartier à Mons",
            "nl": "Een buurtfestival in Bergen",
            "de": "Ein Stadtteilfest in Mons",
            "en": "A neighbourhood festival in Mons",
        },
        "summary": {
            "fr": "Trois jours de musique et d'ateliers, organisés par les habitants.",
            "nl": "Drie dagen muziek en workshops, georganiseerd door de bewoners.",
            "de": "Drei Tage Musik und Workshops, organisiert von den Bewohnern.",
            "en": "Three days of music and workshops, run by the residents.",
        },
        "paragraph": {
            "fr": "Le parc du Waux-Hall nous accueille en juin.",
            "nl": "Het Waux-Hallpark ontvangt ons in juni.",
            "de": "Der Waux-Hall-Park empfängt uns im Juni.",
            "en": "Waux-Hall park welcomes us in June.",
        },
        "roles": [],
        "questions": [],
        "tasks": [
            {
                "title": {
                    "fr": "Monter la scène",
                    "nl": "Het podium opbouwen",
                    "de": "Die Bühne aufbauen",
                    "en": "Build the stage",
                },
                "description": {
                    "fr": "Porter et assembler les praticables.",
                    "nl": "De podiumelementen dragen en monteren.",
                    "de": "Die Bühnenelemente tragen und aufbauen.",
                    "en": "Carry and assemble the stage blocks.",
                },
                "days": 30,
                "hours": 5,
                "place": "Parc du Waux-Hall, Mons",
                "places": 10,
                "volunteers": [],
            }
        ],
        "advice": [],
    },
    {
        "operator": "ville-de-namur",
        "kind": "need",
        "category": "mobilite",
        "territory": "ville-namur",
        "budget": None,
        "slug": {
            "fr": "pedibus",
            "nl": "voetpendel",
            "de": "schulbus-zu-fuss",
            "en": "walking-bus",
        },
        "title": {
            "fr": "Un pédibus pour chaque école",
            "nl": "Een voetpendel voor elke school",
            "de": "Ein Schulbus auf Füßen für jede Schule",
            "en": "A walking bus for every school",
        },
        "summary": {
            "fr": "Des parents accompagnent les enfants à pied sur des trajets sûrs.",
            "nl": "Ouders begeleiden de kinderen te voet langs veilige routes.",
            "de": "Eltern begleiten die Kinder zu Fuß auf sicheren Wegen.",
            "en": "Parents walk children to school along safe routes.",
        },
        "paragraph": {
            "fr": "La Ville cherche des accompagnateurs et des conseils de sécurité.",
            "nl": "De Stad zoekt begeleiders en veiligheidsadvies.",
            "de": "Die Stadt sucht Begleitpersonen und Sicherheitsrat.",
            "en": "The City is looking for escorts and safety advice.",
        },
        "roles": [],
        "questions": [
            {
                "title": {
                    "fr": "Quelle assurance pour les bénévoles ?",
                    "nl": "Welke verzekering voor de vrijwilligers?",
                    "de": "Welche Versicherung für die Freiwilligen?",
                    "en": "Which insurance for the volunteers?",
                },
                "description": {
                    "fr": "Accompagnement d'enfants sur la voie publique.",
                    "nl": "Kinderen begeleiden op de openbare weg.",
                    "de": "Kinder auf öffentlichen Wegen begleiten.",
                    "en": "Walking children on public roads.",
                },
            }
        ],
        "tasks": [],
        "advice": [
            ("expert@maillon.be", "L'assurance volontariat de la Région couvre ce cas."),
        ],
    },
    {
        "operator": "communaute",
        "kind": "idea",
        "category": "alimentation",
        "territory": "namur",
        "budget": 200_000,
        "proposed_by": "member@maillon.be",
        "slug": {
            "fr": "frigo-solidaire",
            "nl": "solidaire-koelkast",
            "de": "solidarischer-kuehlschrank",
            "en": "community-fridge",
        },
        "title": {
            "fr": "Un frigo solidaire à Jambes",
            "nl": "Een solidaire koelkast in Jambes",
            "de": "Ein solidarischer Kühlschrank in Jambes",
            "en": "A community fridge in Jambes",
        },
        "summary": {
            "fr": "Un frigo partagé où déposer les invendus du marché.",
            "nl": "Een gedeelde koelkast voor de onverkochte waren van de markt.",
            "de": "Ein geteilter Kühlschrank für die unverkauften Waren vom Markt.",
            "en": "A shared fridge for the market's unsold food.",
        },
        "paragraph": {
            "fr": "Il faut un lieu abrité et une équipe pour le nettoyer chaque semaine.",
            "nl": "Er is een overdekte plek nodig en een team om hem elke week te poetsen.",
            "de": "Es braucht einen überdachten Ort und ein Team, das ihn jede Woche reinigt.",
            "en": "It needs a sheltered spot and a team to clean it every week.",
        },
        "roles": [
            {
                "title": {
                    "fr": "Coordinateur·rice",
                    "nl": "Coördinator",
                    "de": "Koordinator·in",
                    "en": "Coordinator",
                },
                "description": {
                    "fr": "Organiser le planning de nettoyage.",
                    "nl": "Het poetsrooster organiseren.",
                    "de": "Den Putzplan organisieren.",
                    "en": "Organise the cleaning rota.",
                },
                "people": 1,
            }
        ],
        "questions": [],
        "tasks": [
            {
                "title": {
                    "fr": "Nettoyage du frigo",
                    "nl": "De koelkast poetsen",
                    "de": "Den Kühlschrank reinigen",
                    "en": "Clean the fridge",
                },
                "description": {
                    "fr": "Une heure, produits fournis.",
                    "nl": "Eén uur, producten voorzien.",
                    "de": "Eine Stunde, Mittel werden gestellt.",
                    "en": "One hour, products provided.",
                },
                "days": 5,
                "hours": 1,
                "place": "Place de Wallonie 1, Jambes",
                "places": 3,
                "volunteers": ["benevole2@maillon.be"],
            }
        ],
        "advice": [],
    },
]


def _strings(brief, code):
    """Every source text of the brief mapped to its `code` translation."""
    texts = [brief["title"], brief["slug"], brief["summary"], brief["paragraph"]]
    for need in (*brief["roles"], *brief["questions"], *brief["tasks"]):
        texts += [need["title"], need["description"]]
    return {text["fr"]: text[code] for text in texts}


def _member(email, language="fr"):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=email.split("@")[0].capitalize(),
            preferred_language=language,
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def seed_index(home):
    index = LabIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = LabIndexPage(
            title=INDEX["title"]["fr"], slug="lab", intro=INDEX["intro"]["fr"], show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for code in LANGUAGES:
        if not is_translated(index, code):
            translate(index, code, {values["fr"]: values[code] for values in INDEX.values()})
    return index


def seed_brief(values, section, command):
    brief = LabBriefPage.objects.filter(slug=values["slug"]["fr"], locale=section.locale).first()
    if brief is not None:
        return brief, False
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    french = Locale.objects.get(language_code="fr")
    proposer = _member(values["proposed_by"]) if values.get("proposed_by") else None
    brief = LabBriefPage(
        title=values["title"]["fr"],
        slug=values["slug"]["fr"],
        kind=values["kind"],
        summary=values["summary"]["fr"],
        challenge=[("paragraph", RichText(f"<p>{values['paragraph']['fr']}</p>"))],
        category=Category.objects.get(slug=values["category"], locale=french),
        territory=Territory.objects.get(slug=values["territory"], locale=french),
        budget=values["budget"],
        proposed_by=proposer,
        proposed_at=now if proposer else None,
    )
    for role in values["roles"]:
        brief.roles.add(
            brief.roles.model(
                title=role["title"]["fr"],
                description=role["description"]["fr"],
                people_wanted=role["people"],
                locale=french,
            )
        )
    for question in values["questions"]:
        brief.questions.add(
            brief.questions.model(
                title=question["title"]["fr"],
                description=question["description"]["fr"],
                locale=french,
            )
        )
    for task in values["tasks"]:
        starts_at = now + datetime.timedelta(days=task["days"])
        brief.tasks.add(
            brief.tasks.model(
                title=task["title"]["fr"],
                description=task["description"]["fr"],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=task["hours"]),
                place=task["place"],
                places=task["places"],
                locale=french,
            )
        )
    section.add_child(instance=brief)
    brief.save_revision().publish()
    for code in LANGUAGES:
        translate(brief, code, _strings(values, code))
    command.stdout.write(f"Created the lab brief “{brief.title}”.")
    return brief, True


def seed_crowd(brief, values):
    """Sign-ups (the first task of the first brief ends up full, with a waitlist) and advice."""
    for task, task_values in zip(brief.tasks.all(), values["tasks"], strict=True):
        for email in task_values["volunteers"]:
            services.sign_up(task, _member(email))
    for email, text in values["advice"]:
        advice.post_advice(brief, _member(email), text)


def seed_expert(operators):
    expert = _member("expert@maillon.be", "de")
    ExpertProfile.objects.get_or_create(
        member=expert,
        defaults={
            "domains": "énergie, droit des coopératives, assurances",
            "verified_by_operator": operators["nestup"],
        },
    )


GRADUATED_BRIEF = "ressourcerie-liege"
FEATURED = ["frigo-solidaire", "repair-cafe-numerique"]
GRADUATING_MODERATOR = "moderator@gre-liege.be"


def seed_graduation(command):
    """One brief has graduated: its campaign is published and translated like the brief."""
    values = next(v for v in BRIEFS if v["slug"]["fr"] == GRADUATED_BRIEF)
    brief = LabBriefPage.objects.filter(slug=GRADUATED_BRIEF, locale__language_code="fr").first()
    moderator = User.objects.filter(email=GRADUATING_MODERATOR).first()
    if brief is None or moderator is None or hasattr(brief, "graduation"):
        return
    campaign = graduation.graduate(brief, moderator)
    campaign.save_revision(user=moderator).publish(user=moderator)
    strings = {}
    for code in LANGUAGES:
        strings = _strings(values, code)
        strings[campaign.slug] = values["slug"][code]
        translate(campaign, code, strings)
    command.stdout.write(f"Graduated “{brief.title}” into its campaign.")


def seed(command):
    french = Locale.objects.get(language_code="fr")
    home = HomePage.objects.filter(locale=french).first()
    if home is None:
        return
    seed_index(home)
    operators = {page.slug: page for page in OperatorPage.objects.filter(locale=french)}
    seed_expert(operators)
    for values in BRIEFS:
        section = operators.get(values["operator"])
        if section is None:
            continue
        brief, created = seed_brief(values, section, command)
        if created:
            seed_crowd(brief, values)
        if values["slug"]["fr"] in FEATURED:
            home.feature(brief)
    seed_graduation(command)
    waitlisted = VolunteerSignup.objects.filter(status=VolunteerSignup.Status.WAITLISTED)
    command.stdout.write(
        f"Lab: {LabBriefPage.objects.filter(locale=french).count()} briefs, "
        f"{waitlisted.count()} volunteer(s) on a waitlist."
    )
