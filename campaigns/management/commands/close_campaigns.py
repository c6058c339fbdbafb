from django.core.management.base import BaseCommand

from campaigns.closing import run_closing


class Command(BaseCommand):
    help = (
        "Close campaigns past their deadline (charge or release), send payment reminders and "
        "lapse unpaid pledges. Safe to run from cron as often as you like, even concurrently."
    )

    def handle(self, *args, **options):
        report = run_closing()
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in report.items()))
