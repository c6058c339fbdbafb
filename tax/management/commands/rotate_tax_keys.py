"""`manage.py rotate_tax_keys`: re-encrypt every stored national number with the newest key."""

from django.core.management.base import BaseCommand
from django.db import transaction

from tax import crypto
from tax.models import Attestation, GiftDeclaration, TaxProfile


class Command(BaseCommand):
    help = "Re-encrypt the donors' national numbers with the first of TAX_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        count = 0
        with transaction.atomic():
            for model in (TaxProfile, GiftDeclaration, Attestation):
                rows = model.objects.select_for_update().exclude(national_number_encrypted="")
                for row in rows.only("pk", "national_number_encrypted"):
                    row.national_number_encrypted = crypto.rotate(row.national_number_encrypted)
                    row.save(update_fields=["national_number_encrypted"])
                    count += 1
        self.stdout.write(f"Re-encrypted {count} national numbers with the newest key.")
