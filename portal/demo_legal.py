"""Demo legal pages: privacy notice, legal notice, terms of use, accessibility statement and the
contact page, written in each language and chosen in the LegalLinks setting.

The operators' association and its addresses are the demo's; an installation rewrites these
pages in the CMS before going live.
"""

from wagtail.models import Site
from wagtail_localize.synctree import create_aliases_for_new_page

from portal.models import ContactPage, ContentPage, LegalLinks
from portal.translation import is_translated, translate

LANGUAGES = ["nl", "de", "en"]
TEAM_EMAIL = "contact@maillon.be"


def h2(fr, nl, de, en):
    return {"tag": "h2", "fr": fr, "nl": nl, "de": de, "en": en}


def p(fr, nl, de, en):
    return {"tag": "p", "fr": fr, "nl": nl, "de": de, "en": en}


PRIVACY = {
    "slug": {
        "fr": "vie-privee",
        "nl": "privacy",
        "de": "datenschutz",
        "en": "privacy",
    },
    "title": {
        "fr": "Politique de confidentialité",
        "nl": "Privacyverklaring",
        "de": "Datenschutzerklärung",
        "en": "Privacy notice",
    },
    "summary": {
        "fr": "Quelles données Maillon traite, pourquoi, combien de temps, et vos droits.",
        "nl": "Welke gegevens Maillon verwerkt, waarom, hoe lang, en uw rechten.",
        "de": "Welche Daten Maillon verarbeitet, warum, wie lange, und Ihre Rechte.",
        "en": "Which data Maillon processes, why, for how long, and your rights.",
    },
    "body": [
        h2(
            "Responsable du traitement",
            "Verwerkingsverantwoordelijke",
            "Verantwortlicher",
            "Controller",
        ),
        p(
            "Le responsable du traitement est l'ASBL Maillon, l'association des opérateurs "
            "économiques publics wallons qui exploite la plateforme, rue des Brasseurs 1, "
            "5000 Namur. Chaque opérateur reste responsable des données qu'il reçoit pour "
            "ses propres projets.",
            "De verwerkingsverantwoordelijke is de vzw Maillon, de vereniging van de Waalse "
            "publieke economische partners die het platform beheert, rue des Brasseurs 1, "
            "5000 Namen. Elke partner blijft verantwoordelijk voor de gegevens die hij voor "
            "zijn eigen projecten ontvangt.",
            "Verantwortlich ist die VoG Maillon, der Verband der öffentlichen "
            "Wirtschaftsträger der Wallonie, der die Plattform betreibt, rue des Brasseurs 1, "
            "5000 Namur. Jeder Träger bleibt für die Daten verantwortlich, die er für seine "
            "eigenen Projekte erhält.",
            "The controller is Maillon ASBL, the association of Wallonia's public economic "
            "operators that runs the platform, rue des Brasseurs 1, 5000 Namur. Each operator "
            "remains responsible for the data it receives for its own projects.",
        ),
        h2(
            "Données, finalités et bases légales",
            "Gegevens, doeleinden en rechtsgronden",
            "Daten, Zwecke und Rechtsgrundlagen",
            "Data, purposes and legal bases",
        ),
        p(
            "Votre compte (nom, adresse e-mail, langue) sert à vous identifier et à gérer "
            "vos contributions : exécution du contrat (article 6.1.b du RGPD). Vos "
            "contributions financières sont conservées pour nos obligations comptables "
            "(article 6.1.c). Les messages du formulaire de contact servent à vous répondre "
            "(intérêt légitime, article 6.1.f).",
            "Uw account (naam, e-mailadres, taal) dient om u te identificeren en uw bijdragen "
            "te beheren: uitvoering van de overeenkomst (artikel 6.1.b AVG). Uw financiële "
            "bijdragen worden bewaard voor onze boekhoudkundige verplichtingen (artikel "
            "6.1.c). Berichten via het contactformulier dienen om u te antwoorden "
            "(gerechtvaardigd belang, artikel 6.1.f).",
            "Ihr Konto (Name, E-Mail-Adresse, Sprache) dient dazu, Sie zu identifizieren und "
            "Ihre Beiträge zu verwalten: Vertragserfüllung (Artikel 6 Abs. 1 b DSGVO). Ihre "
            "finanziellen Beiträge werden für unsere Buchhaltungspflichten aufbewahrt "
            "(Artikel 6 Abs. 1 c). Nachrichten über das Kontaktformular dienen der Antwort "
            "(berechtigtes Interesse, Artikel 6 Abs. 1 f).",
            "Your account (name, e-mail address, language) identifies you and manages your "
            "contributions: performance of a contract (GDPR article 6(1)(b)). Your financial "
            "contributions are kept for our accounting obligations (article 6(1)(c)). "
            "Messages sent through the contact form are used to answer you (legitimate "
            "interest, article 6(1)(f)).",
        ),
        h2(
            "Sous-traitants et durées de conservation",
            "Verwerkers en bewaartermijnen",
            "Auftragsverarbeiter und Speicherdauer",
            "Processors and retention",
        ),
        p(
            "Les paiements sont traités par Stripe Payments Europe (Irlande) : Maillon ne "
            "voit jamais votre numéro de carte. Les pièces comptables sont gardées sept ans, "
            "les comptes inactifs sont supprimés après trois ans, les messages de contact "
            "après un an.",
            "Betalingen worden verwerkt door Stripe Payments Europe (Ierland): Maillon ziet "
            "uw kaartnummer nooit. Boekhoudstukken worden zeven jaar bewaard, inactieve "
            "accounts worden na drie jaar verwijderd, contactberichten na een jaar.",
            "Zahlungen werden von Stripe Payments Europe (Irland) abgewickelt: Maillon sieht "
            "Ihre Kartennummer nie. Buchungsbelege werden sieben Jahre aufbewahrt, inaktive "
            "Konten nach drei Jahren gelöscht, Kontaktnachrichten nach einem Jahr.",
            "Payments are processed by Stripe Payments Europe (Ireland): Maillon never sees "
            "your card number. Accounting records are kept for seven years, inactive "
            "accounts are deleted after three years, contact messages after one year.",
        ),
        h2("Cookies", "Cookies", "Cookies", "Cookies"),
        p(
            "Maillon n'utilise que des cookies nécessaires, sans traceur ni mesure "
            "d'audience, et ne demande donc pas de consentement : « sessionid » vous garde "
            "connecté (deux semaines au plus), « csrftoken » protège les formulaires contre "
            "la falsification de requêtes (un an), « django_language » retient la langue "
            "choisie (jusqu'à la fermeture du navigateur), « messages » affiche une seule "
            "fois une confirmation comme « message envoyé ». Sur le formulaire de paiement, "
            "Stripe dépose « __stripe_mid » et « __stripe_sid » pour prévenir la fraude.",
            "Maillon gebruikt alleen noodzakelijke cookies, zonder trackers of "
            "bezoekersmeting, en vraagt dus geen toestemming: 'sessionid' houdt u aangemeld "
            "(hoogstens twee weken), 'csrftoken' beschermt formulieren tegen vervalste "
            "verzoeken (een jaar), 'django_language' onthoudt de gekozen taal (tot u de "
            "browser sluit), 'messages' toont één keer een bevestiging zoals 'bericht "
            "verzonden'. Op het betaalformulier plaatst Stripe '__stripe_mid' en "
            "'__stripe_sid' om fraude te voorkomen.",
            "Maillon verwendet nur notwendige Cookies, ohne Tracker oder Reichweitenmessung, "
            "und fragt daher keine Einwilligung ab: „sessionid“ hält Sie angemeldet "
            "(höchstens zwei Wochen), „csrftoken“ schützt Formulare vor gefälschten Anfragen "
            "(ein Jahr), „django_language“ merkt sich die gewählte Sprache (bis Sie den "
            "Browser schließen), „messages“ zeigt einmal eine Bestätigung wie „Nachricht "
            "gesendet“. Auf dem Zahlungsformular setzt Stripe „__stripe_mid“ und "
            "„__stripe_sid“, um Betrug zu verhindern.",
            "Maillon only uses necessary cookies, with no trackers or audience measurement, "
            "so it asks for no consent: 'sessionid' keeps you logged in (two weeks at most), "
            "'csrftoken' protects forms against forged requests (one year), "
            "'django_language' remembers the language you chose (until you close the "
            "browser), 'messages' shows a confirmation such as 'message sent' once. On the "
            "payment form, Stripe sets '__stripe_mid' and '__stripe_sid' to prevent fraud.",
        ),
        h2("Vos droits", "Uw rechten", "Ihre Rechte", "Your rights"),
        p(
            "Vous pouvez accéder à vos données, les rectifier, les effacer, en limiter le "
            "traitement, vous y opposer et les emporter. Écrivez à notre délégué à la "
            "protection des données : dpo@maillon.be. Vous pouvez aussi porter plainte "
            "auprès de l'Autorité de protection des données (www.autoriteprotectiondonnees.be). "
            "Connecté, vous téléchargez vos données et supprimez votre compte vous-même, "
            "depuis « Mes données ».",
            "U kunt uw gegevens inzien, verbeteren, wissen, de verwerking beperken, "
            "bezwaar maken en ze meenemen. Schrijf naar onze functionaris voor "
            "gegevensbescherming: dpo@maillon.be. U kunt ook klacht indienen bij de "
            "Gegevensbeschermingsautoriteit (www.gegevensbeschermingsautoriteit.be). "
            "Aangemeld downloadt u zelf uw gegevens en verwijdert u zelf uw account, via "
            "'Mijn gegevens'.",
            "Sie können Ihre Daten einsehen, berichtigen, löschen, die Verarbeitung "
            "einschränken, widersprechen und sie mitnehmen. Schreiben Sie an unseren "
            "Datenschutzbeauftragten: dpo@maillon.be. Sie können auch bei der "
            "Datenschutzbehörde Beschwerde einlegen (www.datenschutzbehorde.be). "
            "Angemeldet laden Sie Ihre Daten selbst herunter und löschen Ihr Konto selbst, "
            "unter „Meine Daten“.",
            "You may access, correct and erase your data, restrict or object to its "
            "processing and take it with you. Write to our data protection officer: "
            "dpo@maillon.be. You may also complain to the Data Protection Authority "
            "(www.dataprotectionauthority.be). Once logged in, you download your data and "
            "delete your account yourself, from 'My data'.",
        ),
    ],
}

LEGAL_NOTICE = {
    "slug": {
        "fr": "mentions-legales",
        "nl": "juridische-kennisgeving",
        "de": "impressum",
        "en": "legal-notice",
    },
    "title": {
        "fr": "Mentions légales",
        "nl": "Juridische kennisgeving",
        "de": "Impressum",
        "en": "Legal notice",
    },
    "summary": {
        "fr": "Qui édite Maillon et qui l'héberge.",
        "nl": "Wie Maillon uitgeeft en wie het host.",
        "de": "Wer Maillon herausgibt und wer es hostet.",
        "en": "Who publishes Maillon and who hosts it.",
    },
    "body": [
        p(
            "Éditeur : ASBL Maillon, association des opérateurs économiques publics "
            "wallons, rue des Brasseurs 1, 5000 Namur, numéro d'entreprise 0123.456.789, "
            "contact@maillon.be.",
            "Uitgever: vzw Maillon, vereniging van de Waalse publieke economische partners, "
            "rue des Brasseurs 1, 5000 Namen, ondernemingsnummer 0123.456.789, "
            "contact@maillon.be.",
            "Herausgeber: VoG Maillon, Verband der öffentlichen Wirtschaftsträger der "
            "Wallonie, rue des Brasseurs 1, 5000 Namur, Unternehmensnummer 0123.456.789, "
            "contact@maillon.be.",
            "Publisher: Maillon ASBL, association of Wallonia's public economic operators, "
            "rue des Brasseurs 1, 5000 Namur, company number 0123.456.789, "
            "contact@maillon.be.",
        ),
        p(
            "Chaque opérateur est éditeur responsable des campagnes et des projets publiés "
            "dans sa section ; les porteurs de projets répondent de leurs promesses.",
            "Elke partner is verantwoordelijke uitgever van de campagnes en projecten in "
            "zijn sectie; projectdragers staan in voor hun beloften.",
            "Jeder Träger ist für die in seinem Bereich veröffentlichten Kampagnen und "
            "Projekte verantwortlich; die Projektträger stehen für ihre Zusagen ein.",
            "Each operator is the responsible publisher of the campaigns and projects in its "
            "section; project holders answer for their promises.",
        ),
        p(
            "Hébergement : serveurs situés dans l'Union européenne. Les textes sont publiés "
            "sous licence CC BY 4.0, sauf mention contraire.",
            "Hosting: servers in de Europese Unie. De teksten worden gepubliceerd onder "
            "licentie CC BY 4.0, tenzij anders vermeld.",
            "Hosting: Server in der Europäischen Union. Die Texte stehen, soweit nicht anders "
            "angegeben, unter der Lizenz CC BY 4.0.",
            "Hosting: servers in the European Union. Texts are published under the CC BY 4.0 "
            "licence unless stated otherwise.",
        ),
    ],
}

TERMS = {
    "slug": {
        "fr": "conditions-utilisation",
        "nl": "gebruiksvoorwaarden",
        "de": "nutzungsbedingungen",
        "en": "terms-of-use",
    },
    "title": {
        "fr": "Conditions d'utilisation",
        "nl": "Gebruiksvoorwaarden",
        "de": "Nutzungsbedingungen",
        "en": "Terms of use",
    },
    "summary": {
        "fr": "Les règles du jeu pour contribuer, proposer et échanger sur Maillon.",
        "nl": "De spelregels om bij te dragen, voor te stellen en uit te wisselen op Maillon.",
        "de": "Die Spielregeln, um auf Maillon beizutragen, vorzuschlagen und sich auszutauschen.",
        "en": "The rules for contributing, proposing and discussing on Maillon.",
    },
    "body": [
        p(
            "Contributions : en tout-ou-rien, votre carte n'est débitée que si l'objectif "
            "est atteint à l'échéance ; en financement flexible, elle l'est aussitôt. Vous "
            "pouvez annuler une contribution tant qu'elle n'est pas débitée.",
            "Bijdragen: bij alles-of-niets wordt uw kaart alleen gedebiteerd als het doel op "
            "de einddatum is gehaald; bij flexibele financiering meteen. U kunt een bijdrage "
            "annuleren zolang ze niet is gedebiteerd.",
            "Beiträge: Bei Alles-oder-nichts wird Ihre Karte nur belastet, wenn das Ziel bis "
            "zum Stichtag erreicht ist; bei flexibler Finanzierung sofort. Sie können einen "
            "Beitrag stornieren, solange er nicht belastet ist.",
            "Pledges: with all-or-nothing, your card is only charged if the goal is reached "
            "by the deadline; with flexible funding, at once. You may cancel a pledge as long "
            "as it has not been charged.",
        ),
        p(
            "Idées et commentaires : restez courtois et dans le sujet. Les modérateurs des "
            "opérateurs relisent les idées avant publication et peuvent retirer un contenu "
            "illégal, injurieux ou publicitaire.",
            "Ideeën en reacties: blijf beleefd en bij het onderwerp. De moderatoren van de "
            "partners lezen ideeën na vóór publicatie en kunnen onwettige, beledigende of "
            "reclame-inhoud verwijderen.",
            "Ideen und Kommentare: Bleiben Sie höflich und beim Thema. Die Moderatoren der "
            "Träger prüfen Ideen vor der Veröffentlichung und können rechtswidrige, "
            "beleidigende oder werbliche Inhalte entfernen.",
            "Ideas and comments: stay courteous and on topic. Operators' moderators review "
            "ideas before publication and may remove unlawful, abusive or promotional "
            "content.",
        ),
        p(
            "Vous gardez vos droits sur ce que vous publiez et autorisez Maillon à l'afficher "
            "et à le traduire sur la plateforme.",
            "U behoudt uw rechten op wat u publiceert en staat Maillon toe het op het "
            "platform te tonen en te vertalen.",
            "Sie behalten Ihre Rechte an dem, was Sie veröffentlichen, und erlauben Maillon, "
            "es auf der Plattform anzuzeigen und zu übersetzen.",
            "You keep your rights to what you publish and allow Maillon to display and "
            "translate it on the platform.",
        ),
        p(
            "Ces conditions relèvent du droit belge ; les tribunaux de Namur sont "
            "compétents, sans préjudice de vos droits de consommateur.",
            "Deze voorwaarden vallen onder het Belgische recht; de rechtbanken van Namen zijn "
            "bevoegd, onverminderd uw rechten als consument.",
            "Diese Bedingungen unterliegen belgischem Recht; zuständig sind die Gerichte in "
            "Namur, unbeschadet Ihrer Rechte als Verbraucher.",
            "These terms are governed by Belgian law; the courts of Namur have jurisdiction, "
            "without prejudice to your rights as a consumer.",
        ),
    ],
}

ACCESSIBILITY = {
    "slug": {
        "fr": "accessibilite",
        "nl": "toegankelijkheid",
        "de": "barrierefreiheit",
        "en": "accessibility",
    },
    "title": {
        "fr": "Déclaration d'accessibilité",
        "nl": "Toegankelijkheidsverklaring",
        "de": "Erklärung zur Barrierefreiheit",
        "en": "Accessibility statement",
    },
    "summary": {
        "fr": "L'ASBL Maillon s'engage à rendre son site accessible, conformément à la "
        "directive (UE) 2016/2102.",
        "nl": "De vzw Maillon verbindt zich ertoe haar website toegankelijk te maken, "
        "overeenkomstig richtlijn (EU) 2016/2102.",
        "de": "Die VoG Maillon verpflichtet sich, ihre Website gemäß der Richtlinie (EU) "
        "2016/2102 barrierefrei zu gestalten.",
        "en": "Maillon ASBL is committed to making its website accessible, in accordance "
        "with Directive (EU) 2016/2102.",
    },
    "body": [
        h2("État de conformité", "Nalevingsstatus", "Stand der Vereinbarkeit", "Compliance status"),
        p(
            "Ce site est partiellement conforme aux WCAG 2.1 niveau AA, en raison des "
            "non-conformités énumérées ci-dessous.",
            "Deze website voldoet gedeeltelijk aan WCAG 2.1 niveau AA, vanwege de hieronder "
            "vermelde afwijkingen.",
            "Diese Website ist wegen der unten aufgeführten Unvereinbarkeiten teilweise mit "
            "WCAG 2.1 Stufe AA vereinbar.",
            "This website is partially compliant with WCAG 2.1 level AA, due to the "
            "non-compliances listed below.",
        ),
        h2(
            "Contenus non accessibles",
            "Niet-toegankelijke inhoud",
            "Nicht barrierefreie Inhalte",
            "Non-accessible content",
        ),
        p(
            "Non-conformités à la directive : certaines images publiées par les opérateurs "
            "n'ont pas encore d'alternative textuelle (critère 1.1.1) ; certaines vidéos "
            "intégrées n'ont pas de sous-titres (critère 1.2.2) ; des documents PDF "
            "antérieurs à 2025 ne sont pas balisés (critère 1.3.1).",
            "Niet-naleving van de richtlijn: sommige afbeeldingen van partners hebben nog "
            "geen tekstalternatief (succescriterium 1.1.1); sommige ingesloten video's hebben "
            "geen ondertitels (succescriterium 1.2.2); pdf-documenten van vóór 2025 zijn "
            "niet getagd (succescriterium 1.3.1).",
            "Unvereinbarkeit mit der Richtlinie: Einige von Trägern veröffentlichte Bilder "
            "haben noch keine Textalternative (Erfolgskriterium 1.1.1); einige eingebettete "
            "Videos haben keine Untertitel (Erfolgskriterium 1.2.2); PDF-Dokumente vor 2025 "
            "sind nicht getaggt (Erfolgskriterium 1.3.1).",
            "Non-compliance with the directive: some images published by operators do not "
            "yet have a text alternative (success criterion 1.1.1); some embedded videos "
            "have no captions (success criterion 1.2.2); PDF documents from before 2025 are "
            "not tagged (success criterion 1.3.1).",
        ),
        p(
            "Charge disproportionnée : aucune. Contenus hors du champ de la législation : "
            "les vidéos de tiers intégrées que nous ne produisons ni ne finançons.",
            "Onevenredige last: geen. Inhoud die buiten het toepassingsgebied valt: "
            "ingesloten video's van derden die wij niet maken of financieren.",
            "Unverhältnismäßige Belastung: keine. Nicht in den Anwendungsbereich fallende "
            "Inhalte: eingebettete Videos Dritter, die wir weder erstellen noch finanzieren.",
            "Disproportionate burden: none claimed. Content outside the scope of the "
            "legislation: embedded third-party videos that we neither produce nor fund.",
        ),
        h2(
            "Établissement de cette déclaration",
            "Opstelling van deze verklaring",
            "Erstellung dieser Erklärung",
            "Preparation of this statement",
        ),
        p(
            "Cette déclaration a été établie le 1er décembre 2026 sur la base d'une "
            "auto-évaluation, complétée par des tests automatiques (axe-core) de chaque type "
            "de page et de chaque formulaire dans les quatre langues. Elle a été revue pour "
            "la dernière fois le 3 décembre 2026.",
            "Deze verklaring is opgesteld op 1 december 2026 op basis van een "
            "zelfbeoordeling, aangevuld met automatische tests (axe-core) van elk paginatype "
            "en elk formulier in de vier talen. Ze werd het laatst herzien op 3 december "
            "2026.",
            "Diese Erklärung wurde am 1. Dezember 2026 auf der Grundlage einer "
            "Selbstbewertung erstellt, ergänzt durch automatische Tests (axe-core) jedes "
            "Seitentyps und jedes Formulars in den vier Sprachen. Sie wurde zuletzt am "
            "3. Dezember 2026 überprüft.",
            "This statement was prepared on 1 December 2026 on the basis of a "
            "self-assessment, completed by automated tests (axe-core) of every page type and "
            "every form in the four languages. It was last reviewed on 3 December 2026.",
        ),
        h2(
            "Signaler un problème",
            "Een probleem melden",
            "Ein Problem melden",
            "Reporting a problem",
        ),
        p(
            "Si un contenu vous est inaccessible, écrivez-nous via la page de contact ou à "
            "accessibilite@maillon.be : nous vous répondrons sous deux semaines et vous "
            "fournirons le contenu sous une autre forme.",
            "Als inhoud voor u niet toegankelijk is, schrijf ons via de contactpagina of "
            "naar accessibilite@maillon.be: we antwoorden binnen twee weken en bezorgen u "
            "de inhoud in een andere vorm.",
            "Wenn ein Inhalt für Sie nicht zugänglich ist, schreiben Sie uns über die "
            "Kontaktseite oder an accessibilite@maillon.be: Wir antworten innerhalb von zwei "
            "Wochen und stellen Ihnen den Inhalt in anderer Form bereit.",
            "If some content is not accessible to you, write to us through the contact page "
            "or at accessibilite@maillon.be: we will answer within two weeks and provide "
            "the content in another form.",
        ),
        h2(
            "Procédure de mise en œuvre",
            "Handhavingsprocedure",
            "Durchsetzungsverfahren",
            "Enforcement procedure",
        ),
        p(
            "Sans réponse satisfaisante, vous pouvez saisir le Médiateur commun de la "
            "Wallonie et de la Fédération Wallonie-Bruxelles (www.le-mediateur.be), rue "
            "Lucien Namèche 54, 5000 Namur.",
            "Zonder bevredigend antwoord kunt u zich wenden tot de gemeenschappelijke "
            "ombudsman van Wallonië en de Federatie Wallonië-Brussel (www.le-mediateur.be), "
            "rue Lucien Namèche 54, 5000 Namen.",
            "Ohne zufriedenstellende Antwort können Sie sich an den gemeinsamen Ombudsmann "
            "der Wallonie und der Föderation Wallonie-Brüssel wenden (www.le-mediateur.be), "
            "rue Lucien Namèche 54, 5000 Namur.",
            "Without a satisfactory answer, you may refer the matter to the joint ombudsman "
            "of Wallonia and the Wallonia-Brussels Federation (www.le-mediateur.be), rue "
            "Lucien Namèche 54, 5000 Namur.",
        ),
    ],
}

CONTACT = {
    "slug": {"fr": "contact", "nl": "contact-nl", "de": "kontakt", "en": "contact-en"},
    "title": {"fr": "Contact", "nl": "Contact", "de": "Kontakt", "en": "Contact"},
    "intro": {
        "fr": "Une question sur un projet ou sur la plateforme ? Écrivez à l'équipe de "
        "Maillon ou directement à un opérateur.",
        "nl": "Een vraag over een project of over het platform? Schrijf naar het team van "
        "Maillon of rechtstreeks naar een partner.",
        "de": "Eine Frage zu einem Projekt oder zur Plattform? Schreiben Sie dem "
        "Maillon-Team oder direkt einem Träger.",
        "en": "A question about a project or the platform? Write to Maillon's team or "
        "directly to an operator.",
    },
}

PAGES = {
    "privacy": PRIVACY,
    "legal_notice": LEGAL_NOTICE,
    "terms": TERMS,
    "accessibility": ACCESSIBILITY,
}


def _strings(texts, code):
    return {values["fr"]: values[code] for values in texts}


def _rich_text(body, code):
    return "".join(f"<{part['tag']}>{part[code]}</{part['tag']}>" for part in body)


def _seed_content_page(home, texts):
    page = ContentPage.objects.filter(slug=texts["slug"]["fr"], locale=home.locale).first()
    if page is None:
        page = ContentPage(
            title=texts["title"]["fr"],
            slug=texts["slug"]["fr"],
            summary=texts["summary"]["fr"],
            body=[("paragraph", _rich_text(texts["body"], "fr"))],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        create_aliases_for_new_page(page)
    for code in LANGUAGES:
        if not is_translated(page, code):
            strings = _strings([texts["title"], texts["slug"], texts["summary"]], code)
            strings.update(_strings(texts["body"], code))
            translate(page, code, strings)
    return page


def _seed_contact_page(home):
    page = ContactPage.objects.filter(locale=home.locale).first()
    if page is None:
        page = ContactPage(
            title=CONTACT["title"]["fr"],
            slug=CONTACT["slug"]["fr"],
            intro=CONTACT["intro"]["fr"],
            team_email=TEAM_EMAIL,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        create_aliases_for_new_page(page)
    for code in LANGUAGES:
        if not is_translated(page, code):
            translate(page, code, _strings(CONTACT.values(), code))
    return page


def seed_legal(home):
    """The legal pages and the contact page in four languages, linked from every footer."""
    pages = {role: _seed_content_page(home, texts) for role, texts in PAGES.items()}
    pages["contact"] = _seed_contact_page(home)
    for site in Site.objects.filter(root_page=home):
        LegalLinks.objects.update_or_create(site=site, defaults=pages)
    return pages
