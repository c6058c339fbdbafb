from django.core.management.base import BaseCommand, CommandError

from portal.catalogues import catalogue_paths, catalogue_problems


class Command(BaseCommand):
    help = "Fail when a catalogue has an untranslated or fuzzy message, or mismatched placeholders."

    def handle(self, *args, **options):
        problems = [problem for path in catalogue_paths() for problem in catalogue_problems(path)]
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"{len(catalogue_paths())} catalogues complete.")
