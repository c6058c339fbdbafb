"""The accessibility statement follows the EU model (Implementing Decision (EU) 2018/1523) in
the four languages: compliance status, non-accessible content, preparation and date,
feedback and contact, enforcement procedure."""

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from portal.demo_legal import seed_legal

pytestmark = pytest.mark.django_db

MODEL = {
    "fr": {
        "État de conformité": "partiellement conforme aux WCAG 2.1 niveau AA",
        "Contenus non accessibles": "Charge disproportionnée",
        "Établissement de cette déclaration": "1er décembre 2026",
        "Signaler un problème": "accessibilite@maillon.be",
        "Procédure de mise en œuvre": "Médiateur commun de la Wallonie",
    },
    "nl": {
        "Nalevingsstatus": "voldoet gedeeltelijk aan WCAG 2.1 niveau AA",
        "Niet-toegankelijke inhoud": "Onevenredige last",
        "Opstelling van deze verklaring": "1 december 2026",
        "Een probleem melden": "accessibilite@maillon.be",
        "Handhavingsprocedure": "gemeenschappelijke ombudsman van Wallonië",
    },
    "de": {
        "Stand der Vereinbarkeit": "teilweise mit WCAG 2.1 Stufe AA vereinbar",
        "Nicht barrierefreie Inhalte": "Unverhältnismäßige Belastung",
        "Erstellung dieser Erklärung": "1. Dezember 2026",
        "Ein Problem melden": "accessibilite@maillon.be",
        "Durchsetzungsverfahren": "Ombudsmann der Wallonie",
    },
    "en": {
        "Compliance status": "partially compliant with WCAG 2.1 level AA",
        "Non-accessible content": "Disproportionate burden",
        "Preparation of this statement": "1 December 2026",
        "Reporting a problem": "accessibilite@maillon.be",
        "Enforcement procedure": "joint ombudsman of Wallonia",
    },
}


@pytest.mark.parametrize("code", list(MODEL))
def test_statement_has_every_section_of_the_eu_model(client, home, code):
    statement = seed_legal(home)["accessibility"]
    copy = statement.get_translation(Locale.objects.get(language_code=code))
    response = client.get(copy.url)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").main
    sections = {}
    for heading in main.find_all("h2"):
        text = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            text.append(sibling.get_text(" ", strip=True))
        sections[heading.get_text(strip=True)] = " ".join(text)
    for title, content in MODEL[code].items():
        assert title in sections, (code, title)
        assert content in sections[title], (code, title)
