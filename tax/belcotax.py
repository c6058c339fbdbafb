"""The Belcotax-on-web file for one beneficiary and year: its current 281.71 attestations.

The layout follows the Belcotax XML envelope every 281.xx form shares (a sending, one return per
debtor, one fiche per attestation, control totals): see docs/tax-attestations.md for each field
and for what was, and was not, checked against the administration's published specification.
Built with the standard library; nothing is fetched at run time.
"""

import xml.etree.ElementTree as ET

from django.utils import timezone

from tax.identifiers import digits_of
from tax.models import Attestation

FICHE_TYPE = "28171"
LANGUAGE_CODES = {"nl": "1", "fr": "2", "de": "3"}  # Belcotax: 1 Dutch, 2 French, 3 German
ORIGINAL, CHANGE, CANCELLATION = "0", "1", "3"  # f2028_typetraitement
NAME_MAX, FIRST_NAME_MAX, ADDRESS_MAX = 41, 30, 200


def current_attestations(beneficiary, year):
    return list(
        Attestation.objects.filter(
            beneficiary=beneficiary, year=year, replaced_at__isnull=True
        ).order_by("number")
    )


def treatment(attestation):
    if attestation.corrects_id is None:
        return ORIGINAL
    return CANCELLATION if attestation.is_cancellation else CHANGE


def _add(parent, tag, value):
    ET.SubElement(parent, tag).text = str(value)


def _sender(sending, beneficiary, year, corrections):
    _add(sending, "v0002_inkomstenjaar", year)
    _add(sending, "v0010_bestandtype", "BELCOTAX")
    _add(sending, "v0011_aanmaakdatum", timezone.localdate().strftime("%d-%m-%Y"))
    _add(sending, "v0014_naam", beneficiary.legal_name[:NAME_MAX])
    _add(sending, "v0015_adres", beneficiary.street[:ADDRESS_MAX])
    _add(sending, "v0016_postcode", beneficiary.postcode)
    _add(sending, "v0017_gemeente", beneficiary.city)
    _add(sending, "v0018_telefoonnummer", digits_of(beneficiary.contact_phone))
    _add(sending, "v0021_contactpersoon", beneficiary.contact_name)
    _add(sending, "v0022_taalcode", LANGUAGE_CODES["fr"])
    _add(sending, "v0023_emailadres", beneficiary.contact_email)
    _add(sending, "v0024_nationaalnr", beneficiary.enterprise_number)
    _add(sending, "v0025_typeenvoi", "1" if corrections else "0")
    _add(sending, "v0028_landwoonplaats", beneficiary.country)


def _debtor(declaration, beneficiary, year):
    _add(declaration, "a1002_inkomstenjaar", year)
    _add(declaration, "a1005_registratienummer", beneficiary.enterprise_number)
    _add(declaration, "a1011_naamnl1", beneficiary.legal_name[:NAME_MAX])
    _add(declaration, "a1013_adresnl", beneficiary.street[:ADDRESS_MAX])
    _add(declaration, "a1014_postcodebelgisch", beneficiary.postcode)
    _add(declaration, "a1015_gemeente", beneficiary.city)
    _add(declaration, "a1016_landwoonplaats", beneficiary.country)
    _add(declaration, "a1020_taalcode", LANGUAGE_CODES["fr"])


def _fiche(parent, attestation, beneficiary, sequence):
    fiche = ET.SubElement(parent, "Fiche28171")
    _add(fiche, "f2002_inkomstenjaar", attestation.year)
    _add(fiche, "f2005_registratienummer", beneficiary.enterprise_number)
    _add(fiche, "f2008_typefiche", FICHE_TYPE)
    _add(fiche, "f2009_volgnummer", sequence)
    _add(fiche, "f2010_referentie", f"{attestation.year}-{attestation.number}")
    _add(fiche, "f2011_nationaalnr", attestation.national_number)
    _add(fiche, "f2013_naam", attestation.last_name[:NAME_MAX])
    _add(fiche, "f2015_adres", attestation.street[:ADDRESS_MAX])
    if attestation.country == "BE":
        _add(fiche, "f2016_postcodebelgisch", attestation.postcode)
    else:
        _add(fiche, "f2112_buitenlandspostnummer", attestation.postcode)
    _add(fiche, "f2017_gemeente", attestation.city)
    _add(fiche, "f2018_landwoonplaats", attestation.country)
    _add(fiche, "f2028_typetraitement", treatment(attestation))
    _add(fiche, "f2029_enkelopgave325", "0")
    _add(fiche, "f2114_voornamen", attestation.first_name[:FIRST_NAME_MAX])
    _add(fiche, "f71_2060_bedraggiften", attestation.amount)
    _add(fiche, "f71_2059_totaalcontrole", attestation.amount)


def build(beneficiary, year):
    """The XML document (bytes, UTF-8) for the beneficiary's current attestations of `year`."""
    attestations = current_attestations(beneficiary, year)
    count = len(attestations)
    total = sum(attestation.amount for attestation in attestations)
    corrections = any(attestation.corrects_id for attestation in attestations)

    root = ET.Element("Verzendingen")
    sending = ET.SubElement(root, "Verzending")
    _sender(sending, beneficiary, year, corrections)
    declarations = ET.SubElement(sending, "Aangiften")
    declaration = ET.SubElement(declarations, "Aangifte")
    _debtor(declaration, beneficiary, year)
    returns = ET.SubElement(ET.SubElement(declaration, "Opgaven"), "Opgave32571")
    for sequence, attestation in enumerate(attestations, start=1):
        _fiche(returns, attestation, beneficiary, sequence)
    # Control totals: records (fiches + the return's opening and closing), the sum of the
    # sequence numbers 1..n, and the sum of the amounts; then the same for the whole sending.
    _add(declaration, "r8002_inkomstenjaar", year)
    _add(declaration, "r8005_registratienummer", beneficiary.enterprise_number)
    _add(declaration, "r8010_aantalrecords", count + 2)
    _add(declaration, "r8011_controletotaal", count * (count + 1) // 2)
    _add(declaration, "r8012_controletotaal", total)
    _add(sending, "r9002_inkomstenjaar", year)
    _add(sending, "r9010_aantallogbestanden", 3)
    _add(sending, "r9011_totaalaantalrecords", count + 4)
    _add(sending, "r9012_controletotaal", count * (count + 1) // 2)
    _add(sending, "r9013_controletotaal", total)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def filename(beneficiary, year):
    return f"belcotax-281-71-{year}-{beneficiary.enterprise_number}.xml"
