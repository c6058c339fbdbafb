"""A fixed multilingual corpus for measuring search: 30 subjects, a campaign and a lab brief
each, 24 subjects translated into Dutch, German and English (6 left in French only, found as
fallbacks): 60 originals + 144 translations = 204 pages, built by the project's factories.
"""

from wagtail.models import Locale

from search.indexing import rebuild
from search.signals import muted
from tests.factories import CategoryFactory, TerritoryFactory
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.lab import LabBriefPageFactory, TeamRoleFactory

LANGUAGES = ("fr", "nl", "de", "en")
PLACES = ("Namur", "Liège", "Mons", "Charleroi", "Arlon", "Tournai", "Wavre", "Eupen")

# Per language: campaign title, summary, body; brief title, summary; team role. Texts hold the
# plural only, so singular queries need stemming; a campaign's body names the next subject's
# "partner" project in passing, a distractor that must rank below the real matches.
TEMPLATES = {
    "fr": (
        "{Pl} en commun à {place}",
        "Soutenez {the_pl} du quartier : chaque don aide {place} à avancer.",
        "Depuis deux ans, des habitants s'y investissent ; projet voisin : {partner}.",
        "Imaginer {the_pl} de demain à {place}",
        "Le labo cherche une équipe, des conseils et des bras pour relancer {the_pl}.",
        "Coordination de l'équipe",
    ),
    "nl": (
        "{Pl} samen in {place}",
        "Steun {the_pl} van de wijk: elke gift helpt {place} vooruit.",
        "Al twee jaar zetten bewoners zich in; buurproject: {partner}.",
        "{The_pl} van morgen bedenken in {place}",
        "Het lab zoekt een team, advies en helpende handen om {the_pl} nieuw leven in te blazen.",
        "Coördinatie van het team",
    ),
    "de": (
        "{Pl} gemeinsam in {place}",
        "Unterstützen Sie {the_pl} im Viertel: jede Spende hilft {place} weiter.",
        "Seit zwei Jahren engagieren sich Anwohner; Nachbarprojekt: {partner}.",
        "{The_pl} von morgen erfinden in {place}",
        "Das Labor sucht ein Team, Rat und helfende Hände, um {the_pl} neu zu beleben.",
        "Koordination des Teams",
    ),
    "en": (
        "{Pl} together in {place}",
        "Back {the_pl} of the neighbourhood: every gift helps {place} move forward.",
        "For two years, residents have worked on it; sister project: {partner}.",
        "Imagining {the_pl} of tomorrow in {place}",
        "The lab is looking for a team, advice and helping hands to revive {the_pl}.",
        "Coordinating the team",
    ),
}

# subject: (category, {language: (plural, "the" + plural, "a" + singular)})
SUBJECTS = {
    "horses": (
        "nature",
        {
            "fr": ("chevaux", "les chevaux", "un cheval"),
            "nl": ("paarden", "de paarden", "een paard"),
            "de": ("Pferde", "die Pferde", "ein Pferd"),
            "en": ("horses", "the horses", "a horse"),
        },
    ),
    "bicycles": (
        "mobilite",
        {
            "fr": ("vélos", "les vélos", "un vélo"),
            "nl": ("fietsen", "de fietsen", "een fiets"),
            "de": ("Fahrräder", "die Fahrräder", "ein Fahrrad"),
            "en": ("bicycles", "the bicycles", "a bicycle"),
        },
    ),
    "breweries": (
        "alimentation",
        {
            "fr": ("brasseries", "les brasseries", "une brasserie"),
            "nl": ("brouwerijen", "de brouwerijen", "een brouwerij"),
            "de": ("Brauereien", "die Brauereien", "eine Brauerei"),
            "en": ("breweries", "the breweries", "a brewery"),
        },
    ),
    "gardens": (
        "nature",
        {
            "fr": ("jardins", "les jardins", "un jardin"),
            "nl": ("tuinen", "de tuinen", "een tuin"),
            "de": ("Gärten", "die Gärten", "einen Garten"),
            "en": ("gardens", "the gardens", "a garden"),
        },
    ),
    "energy": (
        "energie",
        {
            "fr": ("énergies locales", "les énergies locales", "une énergie locale"),
            "nl": ("lokale energie", "de lokale energie", "lokale energie"),
            "de": ("lokale Energien", "die lokalen Energien", "eine lokale Energie"),
            "en": ("local energy", "the local energy", "local energy"),
        },
    ),
    "bakeries": (
        "alimentation",
        {
            "fr": ("boulangeries", "les boulangeries", "une boulangerie"),
            "nl": ("bakkerijen", "de bakkerijen", "een bakkerij"),
            "de": ("Bäckereien", "die Bäckereien", "eine Bäckerei"),
            "en": ("bakeries", "the bakeries", "a bakery"),
        },
    ),
    "libraries": (
        "culture",
        {
            "fr": ("bibliothèques", "les bibliothèques", "une bibliothèque"),
            "nl": ("bibliotheken", "de bibliotheken", "een bibliotheek"),
            "de": ("Bibliotheken", "die Bibliotheken", "eine Bibliothek"),
            "en": ("libraries", "the libraries", "a library"),
        },
    ),
    "bees": (
        "nature",
        {
            "fr": ("abeilles", "les abeilles", "une abeille"),
            "nl": ("honingbijen", "de honingbijen", "een honingbij"),
            "de": ("Bienen", "die Bienen", "eine Biene"),
            "en": ("bees", "the bees", "a bee"),
        },
    ),
    "trees": (
        "nature",
        {
            "fr": ("arbres", "les arbres", "un arbre"),
            "nl": ("bomen", "de bomen", "een boom"),
            "de": ("Bäume", "die Bäume", "einen Baum"),
            "en": ("trees", "the trees", "a tree"),
        },
    ),
    "rivers": (
        "nature",
        {
            "fr": ("rivières", "les rivières", "une rivière"),
            "nl": ("rivieren", "de rivieren", "een rivier"),
            "de": ("Flüsse", "die Flüsse", "einen Fluss"),
            "en": ("rivers", "the rivers", "a river"),
        },
    ),
    "theatres": (
        "culture",
        {
            "fr": ("théâtres", "les théâtres", "un théâtre"),
            "nl": ("theaters", "de theaters", "een theater"),
            "de": ("Theater", "die Theater", "ein Theater"),
            "en": ("theatres", "the theatres", "a theatre"),
        },
    ),
    "schools": (
        "education",
        {
            "fr": ("écoles", "les écoles", "une école"),
            "nl": ("scholen", "de scholen", "een school"),
            "de": ("Schulen", "die Schulen", "eine Schule"),
            "en": ("schools", "the schools", "a school"),
        },
    ),
    "cheeses": (
        "alimentation",
        {
            "fr": ("fromages", "les fromages", "un fromage"),
            "nl": ("kazen", "de kazen", "een kaas"),
            "de": ("Käsereien", "die Käsereien", "eine Käserei"),
            "en": ("cheeses", "the cheeses", "a cheese"),
        },
    ),
    "musicians": (
        "culture",
        {
            "fr": ("musiciens", "les musiciens", "un musicien"),
            "nl": ("muzikanten", "de muzikanten", "een muzikant"),
            "de": ("Musiker", "die Musiker", "einen Musiker"),
            "en": ("musicians", "the musicians", "a musician"),
        },
    ),
    "solar": (
        "energie",
        {
            "fr": ("panneaux solaires", "les panneaux solaires", "un panneau solaire"),
            "nl": ("zonnepanelen", "de zonnepanelen", "een zonnepaneel"),
            "de": ("Solarmodule", "die Solarmodule", "ein Solarmodul"),
            "en": ("solar panels", "the solar panels", "a solar panel"),
        },
    ),
    "markets": (
        "alimentation",
        {
            "fr": ("marchés", "les marchés", "un marché"),
            "nl": ("markten", "de markten", "een markt"),
            "de": ("Märkte", "die Märkte", "einen Markt"),
            "en": ("markets", "the markets", "a market"),
        },
    ),
    "playgrounds": (
        "education",
        {
            "fr": ("plaines de jeux", "les plaines de jeux", "une plaine de jeux"),
            "nl": ("speeltuinen", "de speeltuinen", "een speeltuin"),
            "de": ("Spielplätze", "die Spielplätze", "einen Spielplatz"),
            "en": ("playgrounds", "the playgrounds", "a playground"),
        },
    ),
    "mills": (
        "culture",
        {
            "fr": ("moulins", "les moulins", "un moulin"),
            "nl": ("molens", "de molens", "een molen"),
            "de": ("Mühlen", "die Mühlen", "eine Mühle"),
            "en": ("mills", "the mills", "a mill"),
        },
    ),
    "orchards": (
        "nature",
        {
            "fr": ("vergers", "les vergers", "un verger"),
            "nl": ("boomgaarden", "de boomgaarden", "een boomgaard"),
            "de": ("Obstgärten", "die Obstgärten", "einen Obstgarten"),
            "en": ("orchards", "the orchards", "an orchard"),
        },
    ),
    "mushrooms": (
        "alimentation",
        {
            "fr": ("champignons", "les champignons", "un champignon"),
            "nl": ("paddenstoelen", "de paddenstoelen", "een paddenstoel"),
            "de": ("Pilze", "die Pilze", "einen Pilz"),
            "en": ("mushrooms", "the mushrooms", "a mushroom"),
        },
    ),
    "boats": (
        "mobilite",
        {
            "fr": ("bateaux", "les bateaux", "un bateau"),
            "nl": ("boten", "de boten", "een boot"),
            "de": ("Boote", "die Boote", "ein Boot"),
            "en": ("boats", "the boats", "a boat"),
        },
    ),
    "cinemas": (
        "culture",
        {
            "fr": ("cinémas", "les cinémas", "un cinéma"),
            "nl": ("bioscopen", "de bioscopen", "een bioscoop"),
            "de": ("Kinos", "die Kinos", "ein Kino"),
            "en": ("cinemas", "the cinemas", "a cinema"),
        },
    ),
    "dogs": (
        "nature",
        {
            "fr": ("chiens", "les chiens", "un chien"),
            "nl": ("honden", "de honden", "een hond"),
            "de": ("Hunde", "die Hunde", "einen Hund"),
            "en": ("dogs", "the dogs", "a dog"),
        },
    ),
    "computers": (
        "education",
        {
            "fr": ("ordinateurs", "les ordinateurs", "un ordinateur"),
            "nl": ("computers", "de computers", "een computer"),
            "de": ("Computer", "die Computer", "einen Computer"),
            "en": ("computers", "the computers", "a computer"),
        },
    ),
    # Not translated yet: Dutch, German and English visitors find them in French.
    "vineyards": ("alimentation", {"fr": ("vignes", "les vignes", "une vigne")}),
    "pools": ("culture", {"fr": ("piscines", "les piscines", "une piscine")}),
    "hens": ("nature", {"fr": ("poules", "les poules", "une poule")}),
    "bridges": ("mobilite", {"fr": ("ponts", "les ponts", "un pont")}),
    "sheep": ("nature", {"fr": ("moutons", "les moutons", "un mouton")}),
    "museums": ("culture", {"fr": ("musées", "les musées", "un musée")}),
}

# query language, query, subject the expected items are about (its campaign and its brief)
QUERIES = [
    ("fr", "cheval", "horses"),
    ("fr", "chevaux", "horses"),
    ("fr", "energie", "energy"),
    ("fr", "vélo", "bicycles"),
    ("fr", "brasserie", "breweries"),
    ("fr", "jardin", "gardens"),
    ("fr", "abeille", "bees"),
    ("fr", "bibliotheque", "libraries"),
    ("fr", "ecole", "schools"),
    ("fr", "moulin", "mills"),
    ("fr", "piscine", "pools"),
    ("fr", "un bateau à Mons", "boats"),
    ("fr", "panneau solaire", "solar"),
    ("nl", "paard", "horses"),
    ("nl", "fietsen", "bicycles"),
    ("nl", "brouwerij", "breweries"),
    ("nl", "tuin", "gardens"),
    ("nl", "energie", "energy"),
    ("nl", "honingbij", "bees"),
    ("nl", "bibliotheken", "libraries"),
    ("nl", "molen", "mills"),
    ("nl", "zonnepanelen", "solar"),
    ("nl", "een speeltuin in Namen", "playgrounds"),
    ("de", "Brauereien", "breweries"),
    ("de", "Brauerei", "breweries"),
    ("de", "Pferd", "horses"),
    ("de", "Fahrrad", "bicycles"),
    ("de", "Garten", "gardens"),
    ("de", "Energie", "energy"),
    ("de", "Bienen", "bees"),
    ("de", "Bibliothek", "libraries"),
    ("de", "Muhle", "mills"),
    ("de", "Kinos", "cinemas"),
    ("de", "Hund", "dogs"),
    ("en", "gardens", "gardens"),
    ("en", "garden", "gardens"),
    ("en", "horse", "horses"),
    ("en", "bicycle", "bicycles"),
    ("en", "brewery", "breweries"),
    ("en", "energy", "energy"),
    ("en", "bee", "bees"),
    ("en", "libraries", "libraries"),
    ("en", "mill", "mills"),
    ("en", "cinema", "cinemas"),
    ("en", "help the dogs of Wavre", "dogs"),
]


def _texts(language, vocabulary, place, partner=("", "", "")):
    plural, the_plural, _a_singular = vocabulary
    values = {
        "partner": partner[0],
        "Pl": plural[0].upper() + plural[1:],
        "The_pl": the_plural[0].upper() + the_plural[1:],
        "the_pl": the_plural,
        "place": place,
    }
    return [template.format(**values) for template in TEMPLATES[language]]


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translate(page, language, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.slug = f"{page.slug}-{language}"
    copy.save()
    return _publish(copy)


def build_corpus(sections):
    """Create the corpus under `sections` (operator pages) and index it once at the end.

    Returns {subject: [campaign, brief]} (the French originals).
    """
    categories = {
        slug: CategoryFactory(name=slug.title(), slug=slug)
        for slug in {category for category, _vocabulary in SUBJECTS.values()}
    }
    territories = {place: TerritoryFactory(name=place, slug=place.lower()) for place in PLACES}
    items = {}
    with muted():
        subjects = list(SUBJECTS.items())
        for number, (subject, (category, vocabularies)) in enumerate(subjects):
            partners = subjects[(number + 1) % len(subjects)][1][1]
            section = sections[number % len(sections)]
            campaign_place = PLACES[number % len(PLACES)]
            brief_place = PLACES[(number + 3) % len(PLACES)]
            title, summary, body, *_ = _texts(
                "fr", vocabularies["fr"], campaign_place, partners["fr"]
            )
            campaign = _publish(
                CampaignPageFactory(
                    parent=section,
                    title=title,
                    slug=f"campagne-{subject}",
                    summary=summary,
                    body=[("paragraph", f"<p>{body}</p>")],
                    category=categories[category],
                    territory=territories[campaign_place],
                    live=False,
                )
            )
            *_, brief_title, brief_summary, role = _texts("fr", vocabularies["fr"], brief_place)
            brief = LabBriefPageFactory(
                parent=section,
                title=brief_title,
                slug=f"labo-{subject}",
                summary=brief_summary,
                category=categories[category],
                territory=territories[brief_place],
                live=False,
            )
            TeamRoleFactory(brief=brief, title=role)
            brief = _publish(brief)
            items[subject] = [campaign, brief]
            for language in LANGUAGES[1:]:
                if language not in vocabularies:
                    continue
                title, summary, body, *_ = _texts(
                    language,
                    vocabularies[language],
                    campaign_place,
                    partners.get(language, partners["fr"]),
                )
                _translate(
                    campaign,
                    language,
                    title=title,
                    summary=summary,
                    body=[("paragraph", f"<p>{body}</p>")],
                )
                *_, brief_title, brief_summary, role = _texts(
                    language, vocabularies[language], brief_place
                )
                translated = _translate(brief, language, title=brief_title, summary=brief_summary)
                translated.roles.update(title=role)
    rebuild()
    return items
