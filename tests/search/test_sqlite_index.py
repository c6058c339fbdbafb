"""SQLite's index rows of search entries: written as stems, and upgraded to them."""

from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from wagtail.search.models import IndexEntry

import pytest

from search.models import SearchEntry
from tests.search.test_search import item_in, search, titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("engine")]


@pytest.fixture(autouse=True)
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("Only SQLite's index stores stems; PostgreSQL searches stored vectors.")


def test_index_rows_hold_stems_and_titles_as_written_for_suggestions(operator):
    item_in(operator, "fr", "Les chevaux", "Énergie du bois.")
    entry = SearchEntry.objects.get(language="fr")
    row = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(SearchEntry), object_id=str(entry.pk)
    )
    assert (row.title, row.autocomplete) == ("le cheval", "Les chevaux")
    assert row.body.startswith("energ bois")


def test_the_upgrade_stems_rows_written_before_stemming(client, operator):
    item_in(operator, "fr", "Quartier", "Des jardins partagés.")
    rows = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(SearchEntry))
    rows.update(title="Quartier", body="Des jardins partagés.")  # as indexed before stemming
    assert titles(search(client, q="jardin", lang="fr")) == []

    migration = import_module("search.migrations.0006_stem_sqlite_index_rows")
    migration.stem_index_rows(apps, SimpleNamespace(connection=connection))

    assert titles(search(client, q="jardin", lang="fr")) == ["Quartier"]
