"""An attestation as a PDF (WeasyPrint), in the donor's language.

French, Dutch and German donors read it in their language; the form has no English version, so
English-speaking donors get the French one with a short English note on top.
"""

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import number_format

from weasyprint import HTML

from tax.identifiers import format_national_number

FORM_LANGUAGES = ("fr", "nl", "de")


def form_language(language):
    return language if language in FORM_LANGUAGES else "fr"


def render_html(attestation):
    language = form_language(attestation.language)
    with translation.override(language):
        return render_to_string(
            "tax/attestation_pdf.html",
            {
                "attestation": attestation,
                "beneficiary": attestation.beneficiary,
                "language": language,
                "courtesy_note": attestation.language == "en",
                "amount": number_format(
                    Decimal(attestation.amount) / 100, decimal_pos=2, force_grouping=True
                ),
                # The law wants it in full on the form: the PDF goes to the donor alone.
                "national_number": format_national_number(attestation.national_number),
            },
        )


def render_pdf(attestation):
    return HTML(string=render_html(attestation)).write_pdf()


def filename(attestation):
    return f"attestation-281-71-{attestation.year}-{attestation.number}.pdf"
