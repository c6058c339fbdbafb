"""The yearly run: one numbered attestation per beneficiary and donor whose gifts count.

A gift counts for year Y when its pledge was paid in Y (Brussels time: the closing charge for an
all-or-nothing campaign, else the moment it counted), is still paid (not refunded), took no
reward, and the beneficiary was approved on the pledge's date; it counts for its net amount
(partial refunds deducted). Donors are told apart by their national number. A donor whose
counting gifts reach TAX_ATTESTATION_MINIMUM gets one attestation.

Numbers are gapless per beneficiary and year: each run locks the beneficiary's counter row for
the year (select_for_update; on SQLite the IMMEDIATE transaction holds the database's write lock)
and numbers inside that one transaction, so concurrent runs wait for each other and a rerun
finds every attestation already issued: it changes nothing. Gifts found later get the next
numbers; when a donor's total changes after issue (a refund, a late gift), a corrected
attestation with the next number replaces the original and references it (amount 0 when the
total fell below the minimum: the original is cancelled).
"""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.models import PledgeStatus
from tax.models import Attestation, AttestationCounter, Beneficiary, GiftDeclaration

logger = logging.getLogger(__name__)


@dataclass
class RunReport:
    beneficiary: Beneficiary
    year: int
    issued: list = field(default_factory=list)
    corrected: list = field(default_factory=list)
    unchanged: int = 0
    below_minimum: int = 0


def year_bounds(year):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def counting_declarations(beneficiary, year):
    """The year's declarations whose pledge counts as a deductible gift."""
    start, end = year_bounds(year)
    declarations = (
        GiftDeclaration.objects.filter(
            beneficiary=beneficiary,
            erased_at__isnull=True,
            pledge__status=PledgeStatus.PAID,
            pledge__tier_key__isnull=True,
        )
        .annotate(paid_at=Coalesce("pledge__charge_attempted_at", "pledge__counted_at"))
        .filter(paid_at__gte=start, paid_at__lt=end)
        .annotate(net=F("pledge__amount") - F("pledge__refunded_amount"))
        .select_related("pledge")
        .order_by("pledge__created_at", "pk")
    )
    return [
        declaration
        for declaration in declarations
        if declaration.net > 0
        and beneficiary.is_approved_on(timezone.localdate(declaration.pledge.created_at))
    ]


@dataclass
class DonorTotal:
    national_number: str
    amount: int = 0
    declarations: list = field(default_factory=list)

    @property
    def latest(self):
        return self.declarations[-1]


def donor_totals(beneficiary, year):
    totals = {}
    for declaration in counting_declarations(beneficiary, year):
        number = declaration.national_number
        total = totals.setdefault(number, DonorTotal(number))
        total.amount += declaration.net
        total.declarations.append(declaration)
    return totals


def run(year, beneficiaries=None, dry_run=False):
    """Issue what is due for `year`, beneficiary by beneficiary; returns a RunReport each."""
    if beneficiaries is None:
        beneficiaries = Beneficiary.objects.filter(approved_from__isnull=False)
    return [run_for(beneficiary, year, dry_run) for beneficiary in beneficiaries]


def run_for(beneficiary, year, dry_run=False):
    report = RunReport(beneficiary, year)
    # Created beforehand, in its own transaction: concurrent runs then only ever lock it.
    AttestationCounter.objects.get_or_create(beneficiary=beneficiary, year=year)
    with transaction.atomic():
        counter = AttestationCounter.objects.select_for_update().get(
            beneficiary=beneficiary, year=year
        )
        current = defaultdict(list)
        # Erased ones (past their retention period, see tax.retention) are history.
        for attestation in Attestation.objects.filter(
            beneficiary=beneficiary, year=year, replaced_at__isnull=True
        ).exclude(national_number_encrypted=""):
            current[attestation.national_number].append(attestation)
        minimum = settings.TAX_ATTESTATION_MINIMUM
        totals = donor_totals(beneficiary, year)
        for number in sorted(set(totals) | set(current), key=_first_gift_order(totals)):
            total = totals.get(number) or DonorTotal(number)
            issued = current.get(number, [None])[0]
            amount = total.amount if total.amount >= minimum else 0
            if issued is None and amount == 0:
                report.below_minimum += 1
                continue
            if issued is not None and issued.amount == amount:
                report.unchanged += 1
                continue
            counter.last_number += 1
            attestation = _attestation(beneficiary, year, counter.last_number, total, issued)
            (report.corrected if issued else report.issued).append(attestation)
            if dry_run:
                continue
            if issued is not None:
                issued.replaced_at = timezone.now()
                issued.save(update_fields=["replaced_at"])
            attestation.save()
        if dry_run:
            transaction.set_rollback(True)
        else:
            counter.save(update_fields=["last_number"])
    if not dry_run:
        for attestation in report.issued + report.corrected:
            transaction.on_commit(lambda pk=attestation.pk: _queue_mail(pk))
    logger.info(
        "Tax attestations %s for beneficiary %s: %s issued, %s corrected, %s unchanged%s",
        year,
        beneficiary.pk,
        len(report.issued),
        len(report.corrected),
        report.unchanged,
        " (dry run)" if dry_run else "",
    )
    return report


def _first_gift_order(totals):
    """Numbers follow the donors' first gifts, so a run's numbering does not depend on keys."""

    def key(number):
        total = totals.get(number)
        if total is None or not total.declarations:
            return (datetime.datetime.max.replace(tzinfo=datetime.UTC), 0)
        first = total.declarations[0]
        return (first.pledge.created_at, first.pk)

    return key


def _attestation(beneficiary, year, number, total, original):
    """The attestation for a donor's total (amount 0: the original is cancelled)."""
    minimum = settings.TAX_ATTESTATION_MINIMUM
    source = total.latest if total.declarations else original
    pledge = total.latest.pledge if total.declarations else None
    attestation = Attestation(
        beneficiary=beneficiary,
        year=year,
        number=number,
        amount=total.amount if total.amount >= minimum else 0,
        pledge_ids=[declaration.pledge_id for declaration in total.declarations],
        user=pledge.backer if pledge else original.user,
        email=pledge.email if pledge else original.email,
        language=pledge.language if pledge else original.language,
        corrects=original,
        **source.identity(),
    )
    return attestation


def _queue_mail(attestation_id):
    from tax.tasks import send_attestation

    send_attestation.enqueue(attestation_id)
