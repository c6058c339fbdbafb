"""`manage.py erase_tax_data`: erase donors' tax details past their retention period."""

from django.core.management.base import BaseCommand

from tax import retention


class Command(BaseCommand):
    help = "Erase the national numbers and addresses of gifts past their retention period."

    def handle(self, *args, **options):
        erased = retention.erase_expired()
        self.stdout.write(f"Erased the tax details of {erased} rows.")
