from django.core.management.base import BaseCommand

from members.notifications import send_digests


class Command(BaseCommand):
    help = (
        "E-mail the daily and weekly digests of the last whole day and week. Each member gets "
        "each digest once: safe to run from cron as often as you like, even concurrently."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"digests sent: {send_digests()}")
