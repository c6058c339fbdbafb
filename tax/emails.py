"""The attestation e-mailed to its donor, in the donor's language, with its PDF attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tax import pdf


def send_attestation(attestation):
    with translation.override(attestation.language):
        context = {
            "attestation": attestation,
            "beneficiary": attestation.beneficiary,
            "amount": attestation.euros,
            "attestations_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("tax:attestations"),
        }
        subject = render_to_string("emails/tax/attestation_subject.txt", context)
        body = render_to_string("emails/tax/attestation_body.txt", context)
    message = EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [attestation.email]
    )
    message.attach(pdf.filename(attestation), pdf.render_pdf(attestation), "application/pdf")
    message.send()
