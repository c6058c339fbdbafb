"""`manage.py tax_attestations --year 2026 [--beneficiary ID] [--dry-run]`: the yearly run."""

from django.core.management.base import BaseCommand, CommandError

from tax import attestations
from tax.models import Beneficiary


class Command(BaseCommand):
    help = "Issue (and e-mail) the year's tax attestations (281.71) for deductible gifts."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--beneficiary", type=int, help="one beneficiary's id")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be issued, change nothing"
        )

    def handle(self, *args, year, beneficiary=None, dry_run=False, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("Give the year of the gifts, for example --year 2026.")
        beneficiaries = None
        if beneficiary is not None:
            beneficiaries = Beneficiary.objects.filter(pk=beneficiary)
            if not beneficiaries.exists():
                raise CommandError(f"No beneficiary with id {beneficiary}.")
        for report in attestations.run(year, beneficiaries, dry_run=dry_run):
            numbers = [a.number for a in report.issued + report.corrected]
            self.stdout.write(
                f"{report.beneficiary.legal_name} ({report.beneficiary.pk}) {year}: "
                f"{len(report.issued)} issued, {len(report.corrected)} corrected, "
                f"{report.unchanged} unchanged, {report.below_minimum} below the minimum"
                + (f"; numbers {numbers}" if numbers else "")
                + (" (dry run: nothing saved)" if dry_run else "")
            )
