"""Concurrent yearly runs, on PostgreSQL and on SQLite: numbers stay gapless and unique, and
every donor gets exactly one current attestation, however the runs interleave."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

import pytest

from tax import attestations
from tax.models import Attestation
from tests.factories.campaigns import CampaignPageFactory
from tests.factories.tax import BeneficiaryFactory
from tests.tax.conftest import paid_gift

pytestmark = pytest.mark.django_db(transaction=True)


def _national_number(n):
    nine = f"8501{n:02d}{n:03d}"
    return f"{nine}{97 - int(nine) % 97:02d}"


def test_concurrent_runs_number_gaplessly(threads_db, site, operator):
    beneficiary = BeneficiaryFactory(operator=operator)
    campaign = CampaignPageFactory(
        parent=operator, funding_model="flexible", beneficiary=beneficiary
    )
    donors = [_national_number(n) for n in range(1, 13)]
    for number in donors:
        paid_gift(campaign, 5_000, number)

    start = threading.Barrier(6)

    def one_run(_):
        try:
            start.wait()
            report = attestations.run_for(beneficiary, 2025)
            return len(report.issued)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        issued = list(pool.map(one_run, range(6)))

    assert sum(issued) == len(donors)
    rows = Attestation.objects.filter(beneficiary=beneficiary, year=2025)
    assert sorted(rows.values_list("number", flat=True)) == list(range(1, len(donors) + 1))
    assert sorted(a.national_number for a in rows) == sorted(donors)
