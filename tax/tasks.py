"""Background work for tax attestations (django-tasks): e-mail them, erase expired numbers."""

from django.utils import timezone

from django_tasks import task

from tax import emails, retention
from tax.models import Attestation


@task()
def send_attestation(attestation_id):
    """E-mail the attestation's PDF to the donor, once."""
    claimed = Attestation.objects.filter(pk=attestation_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if claimed:
        emails.send_attestation(
            Attestation.objects.select_related("beneficiary").get(pk=attestation_id)
        )


@task()
def erase_expired_tax_data():
    """Erase the donors' numbers and addresses whose retention period has ended."""
    return retention.erase_expired()
