"""With tasks queued in the database (production), `manage.py db_worker` (`make worker`), a
process of its own, runs what the app processes queue: here, indexing a published campaign."""

from io import StringIO

from django.core.management import call_command

import pytest

from search.models import SearchEntry
from tests.factories.campaigns import CampaignPageFactory

# Real transactions: the worker closes the connection between tasks, as a process of its own
# does, which would end a test wrapped in one transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_db_worker_runs_the_tasks_that_publishing_queued(settings, operator):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    campaign = CampaignPageFactory(
        parent=operator, title="Atelier vélo", slug="atelier-velo", live=False
    )
    campaign.save_revision().publish()
    assert not SearchEntry.objects.filter(translation_key=campaign.translation_key).exists()

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    entries = SearchEntry.objects.filter(translation_key=campaign.translation_key)
    assert {entry.language for entry in entries} == {"fr", "nl", "de", "en"}
