"""The attestation's PDF in French, Dutch and German (English donors: French with a note), and
the Belcotax XML file checked field by field."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from tax import attestations, belcotax, pdf
from tax.models import Attestation
from tests.tax.conftest import ALICE, BOB, paid_gift

pytestmark = pytest.mark.django_db


def text_of(attestation):
    reader = PdfReader(io.BytesIO(pdf.render_pdf(attestation)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def issued(campaign, language, cents=12_345, number=ALICE):
    paid_gift(campaign, cents, number, language=language)
    attestations.run(2025)
    return Attestation.objects.get(national_number_encrypted__isnull=False, language=language)


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("fr", ["Attestation de libéralités", "définitive et irrévocable", "145/33", "123,45 EUR"]),
        ("nl", ["Attest voor giften", "definitief en onherroepelijk", "145/33", "123,45 EUR"]),
        (
            "de",
            [
                "Bescheinigung für Zuwendungen",
                "endgültig und unwiderruflich",
                "145/33",
                "123,45 EUR",
            ],
        ),
    ],
)
def test_the_pdf_has_the_legal_mentions_in_the_donors_language(gift_campaign, language, phrases):
    attestation = issued(gift_campaign, language)
    text = text_of(attestation)
    for phrase in phrases + [
        "2025/1",
        "ASBL Vélo Solidaire",
        "0203.201.340",
        "AGR-2020-0042",
        "Lambert Alice",
        "Rue des Brasseurs 12",
        "85.07.30-033.28",
    ]:
        assert phrase in text, (phrase, text)
    assert "Courtesy" not in text


def test_english_donors_get_the_french_form_with_an_english_note(gift_campaign):
    text = text_of(issued(gift_campaign, "en"))
    assert "Attestation de libéralités" in text
    assert "Courtesy translation note" in text


def test_a_correction_says_which_attestation_it_replaces(gift_campaign):
    pledge = paid_gift(gift_campaign, 10_000, ALICE)
    attestations.run(2025)
    pledge.refunded_amount = 2_000
    pledge.save()
    attestations.run(2025)
    correction = Attestation.objects.get(corrects__isnull=False)
    assert "remplace l'attestation n° 2025/1" in text_of(correction)


def test_the_belcotax_file_field_by_field(gift_campaign, beneficiary):
    first = paid_gift(gift_campaign, 10_000, ALICE)
    paid_gift(
        gift_campaign,
        5_000,
        BOB,
        first_name="Bob",
        last_name="Bastin",
        country="NL",
        postcode="6211",
    )
    attestations.run(2025)
    first.refunded_amount = 2_500
    first.save()
    attestations.run(2025)  # Alice's attestation 1 is replaced by no. 3 (75 EUR)

    root = ET.fromstring(belcotax.build(beneficiary, 2025))  # noqa: S314 (our own output)
    assert root.tag == "Verzendingen"
    sending = root.find("Verzending")
    field = lambda parent, tag: parent.find(tag).text  # noqa: E731
    assert field(sending, "v0002_inkomstenjaar") == "2025"
    assert field(sending, "v0010_bestandtype") == "BELCOTAX"
    assert datetime.datetime.strptime(field(sending, "v0011_aanmaakdatum"), "%d-%m-%Y")
    assert field(sending, "v0014_naam") == beneficiary.legal_name
    assert field(sending, "v0015_adres") == "Rue de Fer 25"
    assert field(sending, "v0016_postcode") == "5000"
    assert field(sending, "v0017_gemeente") == "Namur"
    assert field(sending, "v0018_telefoonnummer") == "081223344"
    assert field(sending, "v0021_contactpersoon") == "Claire Dupont"
    assert field(sending, "v0022_taalcode") == "2"
    assert field(sending, "v0023_emailadres") == "compta@velo-solidaire.be"
    assert field(sending, "v0024_nationaalnr") == "0203201340"
    assert field(sending, "v0025_typeenvoi") == "1"  # holds a correction
    assert field(sending, "v0028_landwoonplaats") == "BE"

    declaration = sending.find("Aangiften/Aangifte")
    assert field(declaration, "a1002_inkomstenjaar") == "2025"
    assert field(declaration, "a1005_registratienummer") == "0203201340"
    assert field(declaration, "a1011_naamnl1") == beneficiary.legal_name
    assert field(declaration, "a1014_postcodebelgisch") == "5000"
    assert field(declaration, "a1016_landwoonplaats") == "BE"

    fiches = declaration.findall("Opgaven/Opgave32571/Fiche28171")
    assert len(fiches) == 2  # the replaced original is not filed
    bob, alice = fiches
    assert [field(f, "f2009_volgnummer") for f in fiches] == ["1", "2"]
    assert field(bob, "f2002_inkomstenjaar") == "2025"
    assert field(bob, "f2005_registratienummer") == "0203201340"
    assert field(bob, "f2008_typefiche") == "28171"
    assert field(bob, "f2010_referentie") == "2025-2"
    assert field(bob, "f2011_nationaalnr") == BOB
    assert field(bob, "f2013_naam") == "Bastin"
    assert field(bob, "f2114_voornamen") == "Bob"
    assert field(bob, "f2015_adres") == "Rue des Brasseurs 12"
    assert bob.find("f2016_postcodebelgisch") is None
    assert field(bob, "f2112_buitenlandspostnummer") == "6211"
    assert field(bob, "f2017_gemeente") == "Namur"
    assert field(bob, "f2018_landwoonplaats") == "NL"
    assert field(bob, "f2028_typetraitement") == "0"
    assert field(bob, "f2029_enkelopgave325") == "0"
    assert field(bob, "f71_2060_bedraggiften") == "5000"
    assert field(bob, "f71_2059_totaalcontrole") == "5000"
    assert field(alice, "f2010_referentie") == "2025-3"
    assert field(alice, "f2011_nationaalnr") == ALICE
    assert field(alice, "f2016_postcodebelgisch") == "5000"
    assert field(alice, "f2028_typetraitement") == "1"
    assert field(alice, "f71_2060_bedraggiften") == "7500"

    assert field(declaration, "r8002_inkomstenjaar") == "2025"
    assert field(declaration, "r8005_registratienummer") == "0203201340"
    assert field(declaration, "r8010_aantalrecords") == "4"
    assert field(declaration, "r8011_controletotaal") == "3"
    assert field(declaration, "r8012_controletotaal") == "12500"
    assert field(sending, "r9002_inkomstenjaar") == "2025"
    assert field(sending, "r9010_aantallogbestanden") == "3"
    assert field(sending, "r9011_totaalaantalrecords") == "6"
    assert field(sending, "r9012_controletotaal") == "3"
    assert field(sending, "r9013_controletotaal") == "12500"
