from django.core.management.base import BaseCommand, CommandError

from portal.models import HomePage, OperatorPage
from portal.operators import create_operator


class Command(BaseCommand):
    help = (
        "Create an operator's section with its editors and moderators groups, its collection "
        "and its moderation workflow. Idempotent on the slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, choices=OperatorPage.Kind.values)
        parser.add_argument("--slug")
        parser.add_argument("--website", default="")

    def handle(self, *args, name, kind, slug, website, **options):
        if not HomePage.objects.filter(locale__language_code="fr").exists():
            raise CommandError("No French home page yet: run `manage.py seed_demo` first.")
        page = create_operator(name=name, kind=kind, slug=slug, website=website)
        self.stdout.write(
            f"{page.title}: section /{page.slug}/, groups “{page.editors_group}” and "
            f"“{page.moderators_group}”."
        )
