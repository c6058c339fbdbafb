"""The yearly run: which gifts count, the 40 EUR threshold, gapless numbers, reruns,
corrections. Through the management command, as operations run it."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command

import pytest

from campaigns.models import PledgeStatus
from tax.models import Attestation, AttestationCounter
from tests.factories.campaigns import RewardTierFactory
from tests.tax.conftest import ALICE, BOB, BRUSSELS, paid_gift

pytestmark = pytest.mark.django_db


def run(year=2025, *args):
    out = StringIO()
    call_command("tax_attestations", "--year", str(year), *args, stdout=out)
    return out.getvalue()


def current(beneficiary, year=2025):
    return list(
        Attestation.objects.filter(beneficiary=beneficiary, year=year, replaced_at__isnull=True)
    )


def test_several_gifts_reaching_40_eur_give_one_attestation_and_39_99_gives_none(
    gift_campaign, beneficiary, django_capture_on_commit_callbacks
):
    for cents in (1_500, 1_500, 1_000):  # Alice: 40.00 EUR
        paid_gift(gift_campaign, cents, ALICE)
    for cents in (2_000, 1_999):  # Bob: 39.99 EUR
        paid_gift(gift_campaign, cents, BOB, first_name="Bob")
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    (attestation,) = current(beneficiary)
    assert attestation.amount == 4_000
    assert attestation.number == 1
    assert attestation.national_number == ALICE
    assert attestation.first_name == "Alice"
    assert len(attestation.pledge_ids) == 3
    assert "1 issued" in output and "1 below the minimum" in output
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][2] == "application/pdf"


def test_rewards_refunds_other_years_and_unpaid_pledges_do_not_count(gift_campaign, beneficiary):
    tier = RewardTierFactory(campaign=gift_campaign, minimum_amount=1_000)
    paid_gift(gift_campaign, 3_000, ALICE)
    paid_gift(gift_campaign, 5_000, ALICE, reward_tier=tier)
    paid_gift(gift_campaign, 5_000, ALICE, status=PledgeStatus.REFUNDED, refunded=5_000)
    paid_gift(gift_campaign, 5_000, ALICE, status=PledgeStatus.COMMITTED)
    paid_gift(gift_campaign, 5_000, ALICE, status=PledgeStatus.FAILED)
    paid_gift(
        gift_campaign, 5_000, ALICE, when=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=BRUSSELS)
    )
    paid_gift(
        gift_campaign, 5_000, ALICE, when=datetime.datetime(2026, 1, 1, 0, 30, tzinfo=BRUSSELS)
    )
    # A partial refund counts net: 2000 - 1000.
    paid_gift(gift_campaign, 2_000, ALICE, refunded=1_000)
    run()
    (attestation,) = current(beneficiary)
    assert attestation.amount == 4_000  # 30 EUR + 10 EUR net: nothing else counted


def test_a_gift_paid_before_the_approval_does_not_count(gift_campaign, beneficiary):
    beneficiary.approved_from = datetime.date(2025, 7, 1)
    beneficiary.save()
    paid_gift(gift_campaign, 10_000, ALICE)  # 1 June 2025
    run()
    assert current(beneficiary) == []


def test_a_rerun_changes_nothing_and_later_gifts_get_the_next_numbers(
    gift_campaign, beneficiary, django_capture_on_commit_callbacks
):
    paid_gift(gift_campaign, 5_000, ALICE)
    paid_gift(gift_campaign, 5_000, BOB, first_name="Bob")
    with django_capture_on_commit_callbacks(execute=True):
        run()
    before = sorted(current(beneficiary), key=lambda a: a.number)
    assert [a.number for a in before] == [1, 2]
    assert [a.national_number for a in before] == [ALICE, BOB]
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "0 issued, 0 corrected, 2 unchanged" in output
    assert sorted(current(beneficiary), key=lambda a: a.number) == before
    assert len(mail.outbox) == 2

    carol = "90021512370"
    paid_gift(gift_campaign, 4_000, carol, first_name="Carol")
    run()
    numbers = sorted(a.number for a in current(beneficiary))
    assert numbers == [1, 2, 3]
    assert AttestationCounter.objects.get(beneficiary=beneficiary, year=2025).last_number == 3


def test_a_refund_after_issue_gives_a_corrected_attestation_referencing_the_original(
    gift_campaign, beneficiary
):
    first = paid_gift(gift_campaign, 6_000, ALICE)
    paid_gift(gift_campaign, 4_000, BOB, first_name="Bob")
    run()
    original = Attestation.objects.get(beneficiary=beneficiary, number=1)

    first.refunded_amount = 1_000
    first.save()
    run()
    original.refresh_from_db()
    assert original.replaced_at is not None
    correction = Attestation.objects.get(corrects=original)
    assert (correction.number, correction.amount) == (3, 5_000)
    assert correction.replaced_at is None

    # Refunded below the minimum: a cancelling correction (amount 0) of the correction.
    first.refunded_amount = 2_500
    first.save()
    run()
    cancellation = Attestation.objects.get(corrects=correction)
    assert (cancellation.number, cancellation.amount) == (4, 0)
    assert run().count("unchanged") == 1 and "0 issued, 0 corrected" in run()
    numbers = sorted(
        Attestation.objects.filter(beneficiary=beneficiary).values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3, 4]


def test_a_dry_run_saves_nothing_and_takes_no_number(gift_campaign, beneficiary):
    paid_gift(gift_campaign, 5_000, ALICE)
    output = run(2025, "--dry-run")
    assert "1 issued" in output and "dry run" in output
    assert Attestation.objects.count() == 0
    assert AttestationCounter.objects.get(beneficiary=beneficiary, year=2025).last_number == 0
    run()
    assert [a.number for a in current(beneficiary)] == [1]


def test_numbers_are_per_beneficiary_and_year(gift_campaign, beneficiary, operator):
    from tests.factories.campaigns import CampaignPageFactory
    from tests.factories.tax import BeneficiaryFactory

    other = BeneficiaryFactory(operator=operator)
    other_campaign = CampaignPageFactory(
        parent=operator, funding_model="flexible", beneficiary=other
    )
    paid_gift(gift_campaign, 5_000, ALICE)
    paid_gift(gift_campaign, 5_000, ALICE, when=datetime.datetime(2024, 5, 1, tzinfo=BRUSSELS))
    paid_gift(other_campaign, 5_000, ALICE)
    run(2024)
    run(2025, "--beneficiary", str(beneficiary.pk))
    assert [a.number for a in current(beneficiary, 2024)] == [1]
    assert [a.number for a in current(beneficiary, 2025)] == [1]
    assert current(other, 2025) == []
    run(2025)
    assert [a.number for a in current(other, 2025)] == [1]
