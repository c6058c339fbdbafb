"""How long donors' tax details are kept, and their erasure when that time is over.

An attestation's data may be asked for by the tax administration as long as the donor's return
can be checked: 7 years in the worst case (art. 354 CIR 92). So the national number, name and
address given for a gift of year Y are erased on 1 January of Y + 1 + TAX_RETENTION_YEARS, from
the gift declarations and from the attestations (which keep their number, year and amount for
the beneficiary's books). A declaration goes a year later than its attestation, as a gift pledged
in December may be paid, and so attested, in January. A member's kept tax details stay until the
member deletes them.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tax.attestations import year_bounds
from tax.models import Attestation, GiftDeclaration

logger = logging.getLogger(__name__)

ERASED = {
    "first_name": "",
    "last_name": "",
    "street": "",
    "postcode": "",
    "city": "",
    "national_number_encrypted": "",
}


def last_kept_year(today=None):
    """Gifts of this year or earlier are past their retention period."""
    today = today or timezone.localdate()
    return today.year - 1 - settings.TAX_RETENTION_YEARS


def erase_expired(today=None):
    """Erase what is past its retention period; returns how many rows were erased."""
    year = last_kept_year(today)
    start, _end = year_bounds(year)
    now = timezone.now()
    with transaction.atomic():
        declarations = GiftDeclaration.objects.filter(
            erased_at__isnull=True, pledge__created_at__lt=start
        ).update(erased_at=now, **ERASED)
        attestations = (
            Attestation.objects.filter(year__lte=year)
            .exclude(national_number_encrypted="")
            .update(**ERASED)
        )
    logger.info(
        "Erased the tax details of %s gifts and %s attestations", declarations, attestations
    )
    return declarations + attestations
