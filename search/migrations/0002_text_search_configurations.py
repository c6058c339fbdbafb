"""PostgreSQL text-search configurations: each language's stemmer after unaccent.

"energie" then finds "énergie", and "Brauereien" finds "Brauerei". Other databases skip this:
SQLite's FTS5 tokenizer folds accents by itself.
"""

from django.db import migrations

CONFIGURATIONS = {
    "maillon_french": ("french", "french_stem"),
    "maillon_dutch": ("dutch", "dutch_stem"),
    "maillon_german": ("german", "german_stem"),
    "maillon_english": ("english", "english_stem"),
    "maillon_simple": ("simple", "simple"),
}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (template, dictionary) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{template})"
        )
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
