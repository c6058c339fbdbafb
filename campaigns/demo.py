"""Demo campaigns for `manage.py seed_demo`: six campaigns in four languages, with pledges.

Idempotent: campaigns, tiers, translations and pledges are found by slug and made only once.
Pledges are written directly (no card): they stand for backers who pledged earlier.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    FinancingSource,
    MatchFund,
    Pledge,
    PledgeStatus,
    RewardTier,
)
from portal.models import Category, HomePage, Territory
from portal.operators import create_operator
from portal.translation import is_translated, translate

LANGUAGES = ("nl", "de", "en")

OPERATORS = {
    "nestup": ("Nest'up", "incubator"),
    "gre-liege": ("GRE Liège", "agency"),
    "region-wallonne": ("Région wallonne", "region"),
}

CATEGORIES = {
    "mobilite": {"fr": "Mobilité", "nl": "Mobiliteit", "de": "Mobilität", "en": "Mobility"},
    "alimentation": {"fr": "Alimentation", "nl": "Voeding", "de": "Ernährung", "en": "Food"},
    "culture": {"fr": "Culture", "nl": "Cultuur", "de": "Kultur", "en": "Culture"},
    "energie": {"fr": "Énergie", "nl": "Energie", "de": "Energie", "en": "Energy"},
    "economie-circulaire": {
        "fr": "Économie circulaire",
        "nl": "Circulaire economie",
        "de": "Kreislaufwirtschaft",
        "en": "Circular economy",
    },
}

TERRITORIES = {
    "namur": ({"fr": "Namur", "nl": "Namen", "de": "Namür", "en": "Namur"}, "province"),
    "liege": ({"fr": "Liège", "nl": "Luik", "de": "Lüttich", "en": "Liège"}, "province"),
    "hainaut": (
        {"fr": "Hainaut", "nl": "Henegouwen", "de": "Hennegau", "en": "Hainaut"},
        "province",
    ),
    "luxembourg": (
        {"fr": "Luxembourg", "nl": "Luxemburg", "de": "Luxemburg", "en": "Luxembourg"},
        "province",
    ),
}

INDEX = {
    "title": {"fr": "Campagnes", "nl": "Campagnes", "de": "Kampagnen", "en": "Campaigns"},
    "intro": {
        "fr": "Tous les projets wallons que vous pouvez soutenir aujourd'hui.",
        "nl": "Alle Waalse projecten die u vandaag kunt steunen.",
        "de": "Alle wallonischen Projekte, die Sie heute unterstützen können.",
        "en": "Every Walloon project you can back today.",
    },
}

DAY = datetime.timedelta(days=1)

# Financing plans: the lines' labels, and the Region's match fund that adds its money only if
# a campaign reaches its goal (1 EUR per EUR raised, up to 20,000 EUR per campaign).
CROWD = {"fr": "La foule", "nl": "De menigte", "de": "Die Crowd", "en": "The crowd"}
MOBILITY_GRANT = {
    "fr": "Subside mobilité de la Ville de Namur",
    "nl": "Mobiliteitssubsidie van de stad Namen",
    "de": "Mobilitätszuschuss der Stadt Namür",
    "en": "City of Namur mobility grant",
}
ENERGY_GRANT = {
    "fr": "Subside UREBA pour les bâtiments publics",
    "nl": "UREBA-subsidie voor openbare gebouwen",
    "de": "UREBA-Zuschuss für öffentliche Gebäude",
    "en": "UREBA grant for public buildings",
}
SME_LOAN = {
    "fr": "Prêt PME régional (Wallonie Entreprendre)",
    "nl": "Regionale kmo-lening (Wallonie Entreprendre)",
    "de": "Regionales KMU-Darlehen (Wallonie Entreprendre)",
    "en": "Regional SME loan (Wallonie Entreprendre)",
}
OWN_FUNDS = {
    "fr": "Fonds propres de l'ASBL",
    "nl": "Eigen middelen van de vzw",
    "de": "Eigenmittel der VoG",
    "en": "The non-profit's own funds",
}
REGIONAL_COFINANCING = {
    "fr": "Cofinancement de la Région wallonne, si l'objectif est atteint",
    "nl": "Cofinanciering van het Waals Gewest, als het doel bereikt wordt",
    "de": "Kofinanzierung der Wallonischen Region, wenn das Ziel erreicht wird",
    "en": "Walloon Region co-financing, if the goal is reached",
}

CAMPAIGNS = [
    {
        "slug": "velo-atelier-namur",
        "operator": "nestup",
        "category": "mobilite",
        "territory": "namur",
        "goal": 800_000,
        "model": "all_or_nothing",
        "starts": -10 * DAY,
        "ends": 20 * DAY,
        "pledges": [(5_000, "committed"), (2_500, "committed"), (10_000, "committed")],
        "budget": 4_000_000,
        "plan": [
            ("crowd", None, "requested", CROWD),
            ("grant", 600_000, "granted", MOBILITY_GRANT),
            ("loan", 400_000, "requested", SME_LOAN),
            ("own_funds", 200_000, "granted", OWN_FUNDS),
            ("match_fund", None, "conditional", REGIONAL_COFINANCING),
        ],
        "title": {
            "fr": "Vélo-atelier solidaire de Namur",
            "nl": "Solidaire fietswerkplaats in Namen",
            "de": "Solidarische Fahrradwerkstatt in Namür",
            "en": "Namur community bike workshop",
        },
        "summary": {
            "fr": "Un atelier où chacun apprend à réparer son vélo avec des bénévoles.",
            "nl": "Een werkplaats waar iedereen met vrijwilligers leert zijn fiets te herstellen.",
            "de": "Eine Werkstatt, in der alle mit Freiwilligen lernen, ihr Fahrrad zu reparieren.",
            "en": "A workshop where everyone learns to fix their bike with volunteers.",
        },
        "body": {
            "fr": "Nous ouvrons un atelier dans un ancien garage du quartier des Balances.",
            "nl": "We openen een werkplaats in een oude garage in de wijk Balances.",
            "de": "Wir eröffnen eine Werkstatt in einer alten Garage im Viertel Balances.",
            "en": "We are opening a workshop in an old garage in the Balances neighbourhood.",
        },
        "tiers": [
            {
                "minimum": 2_000,
                "limit": None,
                "title": {
                    "fr": "Carte de membre",
                    "nl": "Lidkaart",
                    "de": "Mitgliedskarte",
                    "en": "Membership card",
                },
                "description": {
                    "fr": "Un an d'accès libre à l'atelier.",
                    "nl": "Een jaar vrije toegang tot de werkplaats.",
                    "de": "Ein Jahr freier Zugang zur Werkstatt.",
                    "en": "One year of free access to the workshop.",
                },
            },
            {
                "minimum": 10_000,
                "limit": 10,
                "title": {
                    "fr": "Révision complète",
                    "nl": "Volledige onderhoudsbeurt",
                    "de": "Komplette Inspektion",
                    "en": "Full service",
                },
                "description": {
                    "fr": "Nous révisons votre vélo avec vous, pièces comprises.",
                    "nl": "We onderhouden uw fiets samen met u, onderdelen inbegrepen.",
                    "de": "Wir warten Ihr Fahrrad gemeinsam mit Ihnen, Ersatzteile inklusive.",
                    "en": "We service your bike with you, parts included.",
                },
            },
        ],
    },
    {
        "slug": "potager-partage-liege",
        "operator": "gre-liege",
        "category": "alimentation",
        "territory": "liege",
        "goal": 300_000,
        "model": "flexible",
        "starts": -5 * DAY,
        "ends": 25 * DAY,
        "pledges": [(3_000, "paid"), (1_500, "paid")],
        "title": {
            "fr": "Potager partagé d'Outremeuse",
            "nl": "Gedeelde moestuin in Outremeuse",
            "de": "Gemeinschaftsgarten in Outremeuse",
            "en": "Outremeuse shared vegetable garden",
        },
        "summary": {
            "fr": "Transformer une friche en potager ouvert aux habitants du quartier.",
            "nl": "Een braakliggend terrein omvormen tot een moestuin voor de buurtbewoners.",
            "de": "Eine Brache in einen Gemüsegarten für die Nachbarschaft verwandeln.",
            "en": "Turning a wasteland into a vegetable garden open to local residents.",
        },
        "body": {
            "fr": "Les dons financent les bacs, les outils et un récupérateur d'eau de pluie.",
            "nl": "De giften financieren de bakken, het gereedschap en een regenwatertank.",
            "de": "Die Spenden finanzieren Pflanzkästen, Werkzeug und eine Regentonne.",
            "en": "Donations pay for the planters, the tools and a rainwater tank.",
        },
        "tiers": [
            {
                "minimum": 1_500,
                "limit": 40,
                "title": {
                    "fr": "Panier de saison",
                    "nl": "Seizoensmand",
                    "de": "Saisonkorb",
                    "en": "Seasonal basket",
                },
                "description": {
                    "fr": "Un panier de légumes du potager à la première récolte.",
                    "nl": "Een mand groenten uit de tuin bij de eerste oogst.",
                    "de": "Ein Korb Gemüse aus dem Garten bei der ersten Ernte.",
                    "en": "A basket of garden vegetables at the first harvest.",
                },
            }
        ],
    },
    {
        "slug": "fournil-cooperatif-mons",
        "operator": "nestup",
        "category": "alimentation",
        "territory": "hainaut",
        "goal": 500_000,
        "model": "all_or_nothing",
        "starts": -29 * DAY,
        "ends": datetime.timedelta(hours=20),
        "pledges": [(200_000, "committed"), (150_000, "committed"), (100_000, "committed")],
        "title": {
            "fr": "Fournil coopératif de Mons",
            "nl": "Coöperatieve bakkerij in Bergen",
            "de": "Genossenschaftliche Bäckerei in Mons",
            "en": "Mons cooperative bakery",
        },
        "summary": {
            "fr": "Un four à bois pour un pain au levain fait avec des farines locales.",
            "nl": "Een houtoven voor zuurdesembrood van lokale bloem.",
            "de": "Ein Holzofen für Sauerteigbrot aus regionalem Mehl.",
            "en": "A wood-fired oven for sourdough bread made with local flour.",
        },
        "body": {
            "fr": "Il ne manque plus que quelques soutiens avant la fin de la campagne.",
            "nl": "Er zijn nog maar enkele steunbetuigingen nodig voor het einde van de campagne.",
            "de": "Bis zum Ende der Kampagne fehlen nur noch wenige Unterstützer.",
            "en": "Only a few more backers are needed before the campaign ends.",
        },
        "tiers": [],
    },
    {
        "slug": "festival-arts-rue-arlon",
        "operator": "gre-liege",
        "category": "culture",
        "territory": "luxembourg",
        "goal": 400_000,
        "model": "all_or_nothing",
        "starts": -40 * DAY,
        "ends": -3 * DAY,
        "pledges": [(250_000, "paid"), (180_000, "paid")],
        "title": {
            "fr": "Festival des arts de la rue d'Arlon",
            "nl": "Straattheaterfestival in Aarlen",
            "de": "Straßenkunstfestival in Arel",
            "en": "Arlon street arts festival",
        },
        "summary": {
            "fr": "Trois jours de spectacles gratuits dans les rues d'Arlon.",
            "nl": "Drie dagen gratis voorstellingen in de straten van Aarlen.",
            "de": "Drei Tage kostenlose Vorstellungen in den Straßen von Arel.",
            "en": "Three days of free shows in the streets of Arlon.",
        },
        "body": {
            "fr": "Merci à tous : le festival aura bien lieu cet été.",
            "nl": "Bedankt iedereen: het festival vindt deze zomer plaats.",
            "de": "Danke an alle: Das Festival findet diesen Sommer statt.",
            "en": "Thank you all: the festival will take place this summer.",
        },
        "tiers": [],
    },
    {
        "slug": "ressourcerie-verviers",
        "operator": "gre-liege",
        "category": "economie-circulaire",
        "territory": "liege",
        "goal": 1_200_000,
        "model": "all_or_nothing",
        "starts": -45 * DAY,
        "ends": -5 * DAY,
        "pledges": [(20_000, "released"), (5_000, "released")],
        "title": {
            "fr": "Ressourcerie de Verviers",
            "nl": "Kringloopcentrum in Verviers",
            "de": "Ressourcenzentrum Verviers",
            "en": "Verviers reuse centre",
        },
        "summary": {
            "fr": "Collecter, réparer et revendre les objets plutôt que de les jeter.",
            "nl": "Voorwerpen inzamelen, herstellen en verkopen in plaats van ze weg te gooien.",
            "de": "Gegenstände sammeln, reparieren und verkaufen, statt sie wegzuwerfen.",
            "en": "Collecting, repairing and reselling objects instead of throwing them away.",
        },
        "body": {
            "fr": "L'objectif n'a pas été atteint : aucune carte n'a été débitée.",
            "nl": "Het doel werd niet bereikt: er werd geen enkele kaart gedebiteerd.",
            "de": "Das Ziel wurde nicht erreicht: Keine Karte wurde belastet.",
            "en": "The goal was not reached: no card has been charged.",
        },
        "tiers": [],
    },
    {
        "slug": "toitures-solaires-gembloux",
        "operator": "nestup",
        "category": "energie",
        "territory": "namur",
        "goal": 2_000_000,
        "model": "all_or_nothing",
        "starts": -7 * DAY,
        "ends": 30 * DAY,
        "pledges": [(50_000, "committed"), (25_000, "committed")],
        "match_fund": True,
        "budget": 7_000_000,
        "plan": [
            ("crowd", None, "requested", CROWD),
            ("grant", 1_000_000, "granted", ENERGY_GRANT),
            ("loan", 1_000_000, "requested", SME_LOAN),
            ("match_fund", None, "conditional", REGIONAL_COFINANCING),
        ],
        "title": {
            "fr": "Toitures solaires citoyennes de Gembloux",
            "nl": "Burgerzonnedaken in Gembloers",
            "de": "Bürgersolardächer in Gembloux",
            "en": "Gembloux citizen solar roofs",
        },
        "summary": {
            "fr": "Des panneaux solaires sur les écoles, financés par les habitants.",
            "nl": "Zonnepanelen op de scholen, gefinancierd door de inwoners.",
            "de": "Solarmodule auf den Schulen, finanziert von den Einwohnern.",
            "en": "Solar panels on the schools, funded by the residents.",
        },
        "body": {
            "fr": "La Région double chaque euro donné, jusqu'à cinq mille euros.",
            "nl": "Het Gewest verdubbelt elke geschonken euro, tot vijfduizend euro.",
            "de": "Die Region verdoppelt jeden gespendeten Euro, bis zu fünftausend Euro.",
            "en": "The Region doubles every euro given, up to five thousand euros.",
        },
        "tiers": [],
    },
]


FEATURED = ["toitures-solaires-gembloux", "velo-atelier-namur"]


def seed(command):
    home = HomePage.objects.get(locale__language_code="fr")
    index = _index_page(home)
    categories = {slug: _snippet(Category, slug, names) for slug, names in CATEGORIES.items()}
    territories = {
        slug: _snippet(Territory, slug, names, level=level)
        for slug, (names, level) in TERRITORIES.items()
    }
    operators = {
        slug: create_operator(name=name, kind=kind, slug=slug, home=home)
        for slug, (name, kind) in OPERATORS.items()
    }
    cofinancing = _cofinancing_fund(operators["region-wallonne"])
    for spec in CAMPAIGNS:
        campaign = _campaign(spec, operators, categories, territories, cofinancing)
        _pledges(campaign, spec)
        if spec.get("match_fund"):
            _match_fund(campaign, operators["region-wallonne"], categories["energie"])
        if spec.get("plan"):
            _set_aside(campaign, cofinancing)
        if spec["slug"] in FEATURED:
            home.feature(campaign)
    command.stdout.write(f"campaigns: {len(CAMPAIGNS)} demo campaigns under {index.url_path}")


def _fr(texts):
    return texts["fr"]


def _strings(language, *texts):
    """The translation table for translate(): each French text to its `language` version."""
    strings = {}
    for text in texts:
        strings[text["fr"]] = text[language]
    return strings


def _index_page(home):
    index = CampaignIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = CampaignIndexPage(
            title=_fr(INDEX["title"]),
            slug="campagnes",
            intro=_fr(INDEX["intro"]),
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for language in LANGUAGES:
        if is_translated(index, language):
            continue
        slug = {"fr": "campagnes", language: slugify(INDEX["title"][language])}
        translate(index, language, _strings(language, INDEX["title"], INDEX["intro"], slug))
    return index


def _snippet(model, slug, names, **fields):
    french = Locale.objects.get(language_code="fr")
    original, _created = model.objects.get_or_create(
        slug=slug, locale=french, defaults={"name": names["fr"], **fields}
    )
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        if not model.objects.filter(translation_key=original.translation_key, locale=locale):
            copy = original.copy_for_translation(locale)
            copy.name = names[language]
            copy.save()
    return original


def _campaign(spec, operators, categories, territories, cofinancing):
    operator = operators[spec["operator"]]
    campaign = CampaignPage.objects.filter(slug=spec["slug"], locale=operator.locale).first()
    if campaign is None:
        now = timezone.now().replace(second=0, microsecond=0)
        campaign = CampaignPage(
            title=_fr(spec["title"]),
            slug=spec["slug"],
            summary=_fr(spec["summary"]),
            body=[("paragraph", f"<p>{_fr(spec['body'])}</p>")],
            goal=spec["goal"],
            starts_at=now + spec["starts"],
            deadline=now + spec["ends"],
            funding_model=spec["model"],
            category=categories[spec["category"]],
            territory=territories[spec["territory"]],
        )
        for tier in spec["tiers"]:
            campaign.reward_tiers.add(
                RewardTier(
                    title=_fr(tier["title"]),
                    description=_fr(tier["description"]),
                    minimum_amount=tier["minimum"],
                    limit=tier["limit"],
                    locale=operator.locale,
                )
            )
        _plan(campaign, spec, operator.locale, cofinancing)
        operator.add_child(instance=campaign)
        campaign.save_revision().publish()
        if spec.get("plan"):
            cofinancing.campaigns.add(campaign)
        if spec["ends"] < datetime.timedelta(0):
            CampaignPage.objects.filter(pk=campaign.pk).update(closed_at=campaign.deadline)
    texts = [spec["title"], spec["summary"], spec["body"]]
    for tier in spec["tiers"]:
        texts += [tier["title"], tier["description"]]
    texts += [line[3] for line in spec.get("plan", [])]
    for language in LANGUAGES:
        if is_translated(campaign, language):
            continue
        slug = {"fr": spec["slug"], language: slugify(spec["title"][language])}
        translate(campaign, language, _strings(language, *texts, slug))
    if spec["ends"] < datetime.timedelta(0):
        CampaignPage.objects.filter(translation_key=campaign.translation_key).update(
            closed_at=campaign.deadline
        )
    return campaign


BACKERS = ["Léa Dupont", "Jan Peeters", "Anna Schmitz", "Tom Evans", "Hugo Lambert"]


def _pledges(campaign, spec):
    if Pledge.objects.filter(campaign_key=campaign.translation_key).exists():
        return
    tiers = list(campaign.reward_tiers.all())
    for n, (amount, status) in enumerate(spec["pledges"]):
        name = BACKERS[n % len(BACKERS)]
        tier = next((t for t in tiers if t.minimum_amount <= amount), None)
        Pledge.objects.create(
            campaign=campaign,
            campaign_key=campaign.translation_key,
            reward_tier=tier,
            tier_key=tier.translation_key if tier else None,
            email=f"{slugify(name)}@example.org",
            name=name,
            language=("fr", "nl", "de", "en")[n % 4],
            amount=amount,
            funding_model=campaign.funding_model,
            status=status,
            anonymous=n == 2,
            counted_at=timezone.now() if status in ("committed", "paid") else None,
            receipt_sent_at=timezone.now(),
        )


def _match_fund(campaign, region, energy):
    fund, created = MatchFund.objects.get_or_create(
        name="Fonds régional pour l'énergie citoyenne",
        defaults={
            "operator": region,
            "total": 500_000,
            "ratio_fund": 1,
            "ratio_crowd": 1,
            "cap_per_pledge": 50_000,
        },
    )
    if created:
        fund.categories.set([energy])
        fund.campaigns.set([campaign])
        from campaigns.matching import apply_matches

        for pledge in Pledge.objects.filter(
            campaign_key=campaign.translation_key, status=PledgeStatus.COMMITTED
        ):
            apply_matches(pledge)
            pledge.save(update_fields=["matched_amount"])


def _cofinancing_fund(region):
    fund, _created = MatchFund.objects.get_or_create(
        name="Cofinancement régional des projets citoyens",
        defaults={
            "operator": region,
            "total": 10_000_000,
            "cap_per_campaign": 2_000_000,
            "unlocks_when_goal_reached": True,
        },
    )
    return fund


def _plan(campaign, spec, locale, cofinancing):
    campaign.total_budget = spec.get("budget")
    for kind, amount, status, label in spec.get("plan", []):
        campaign.financing_sources.add(
            FinancingSource(
                kind=kind,
                label=_fr(label),
                amount=amount,
                status=status,
                match_fund=cofinancing if kind == "match_fund" else None,
                locale=locale,
            )
        )


def _set_aside(campaign, fund):
    """What the crowd has unlocked so far of the Region's conditional co-financing."""
    from campaigns.matching import apply_matches

    for pledge in Pledge.objects.filter(
        campaign_key=campaign.translation_key, status=PledgeStatus.COMMITTED
    ).exclude(matches__fund=fund):
        apply_matches(pledge, only=fund)
        pledge.save(update_fields=["matched_amount"])
