"""Seed the demo portal. Idempotent: a second run finds everything in place and changes nothing.

The portal seeds its home pages, operators and accounts; then each app of the project that has
a `demo` module (campaigns.demo, lab.demo…) seeds its own content through its `seed(command)`.
"""

from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo

APPS_WITH_DEMO_CONTENT = ["campaigns", "lab", "projects", "search", "tax", "members"]


class Command(BaseCommand):
    help = "Seed demo content in four languages, demo operators and demo log-ins (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.seed(self)
            for app in APPS_WITH_DEMO_CONTENT:
                if find_spec(f"{app}.demo"):
                    import_module(f"{app}.demo").seed(self)
        demo.print_logins(self)
