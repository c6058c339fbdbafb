"""Search vectors stored on `SearchEntry` itself, on PostgreSQL (search.backends.postgres).

Three generated columns, computed by PostgreSQL whenever a row is written (so indexing an entry
is saving it), each with the row's own language configuration from 0002:

- `search_vector`: title (weight A), summary (B) and body (C): what a search matches;
- `rank_vector`: title (A) and summary (B) only: what results are ranked by. A tenth the size
  of `search_vector`, it stays inline in the row, where ranking the full vector would read
  every match's body vector from TOAST (half of a search's time at 100,000 items);
- `title_vector`: the title in `maillon_simple` (no stemming, accents folded): suggestions and
  the prefix fallback.

One GIN index per language and vector, partial on `language`, so that the language filter is
done by choosing the index. The columns stay out of the model's state: SQLite has no
`tsvector` and searches through Wagtail's database backend (FTS5). The Wagtail index rows of
search entries, which PostgreSQL no longer reads, are deleted.

Adding a content language means a migration that redoes these columns and indexes.
"""

from django.db import migrations

TABLE = "search_searchentry"
CONFIGURATIONS = {
    "fr": "maillon_french",
    "nl": "maillon_dutch",
    "de": "maillon_german",
    "en": "maillon_english",
}
INDEXED_VECTORS = ("search_vector", "title_vector")


def _config():
    branches = " ".join(
        f"WHEN '{language}' THEN '{config}'::regconfig"
        for language, config in CONFIGURATIONS.items()
    )
    return f"(CASE language {branches} ELSE 'maillon_simple'::regconfig END)"


def _weighted(fields):
    return " || ".join(
        f"setweight(to_tsvector({_config()}, coalesce({field}, '')), '{weight}')"
        for field, weight in fields
    )


COLUMNS = {
    "search_vector": _weighted([("title", "A"), ("summary", "B"), ("body", "C")]),
    "rank_vector": _weighted([("title", "A"), ("summary", "B")]),
    "title_vector": "to_tsvector('maillon_simple'::regconfig, coalesce(title, ''))",
}


def _index_name(column, language):
    return f"search_entry_{column.removesuffix('_vector')}_{language}"


def add_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, expression in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS {column} tsvector "
            f"GENERATED ALWAYS AS ({expression}) STORED"
        )
    for column in INDEXED_VECTORS:
        for language in CONFIGURATIONS:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {_index_name(column, language)} ON {TABLE} "
                f"USING GIN ({column}) WHERE language = '{language}'"
            )
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    content_type = ContentType.objects.filter(app_label="search", model="searchentry").first()
    if content_type is not None:
        IndexEntry.objects.filter(content_type_id=content_type.pk).delete()


def drop_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS {column}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_index_title_and_body_together"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_vectors, drop_vectors)]
