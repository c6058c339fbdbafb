from django.core.management.base import BaseCommand

from portal.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po into .mo files (no GNU gettext needed)."

    def handle(self, *args, **options):
        compile_catalogues()
