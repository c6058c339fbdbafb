"""On SQLite, the index rows of search entries as stems (search.backends.sqlite).

Rows written before SQLite's aliases stemmed hold the words as written, which stemmed queries
no longer match ("energ" is not "énergie"): their title and body become the terms of their
entry's language, as indexing now writes them. PostgreSQL searches its stored vectors and has
nothing to redo.
"""

from django.db import migrations

from search.text import analyzer


def stem_index_rows(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    SearchEntry = apps.get_model("search", "SearchEntry")
    content_type = ContentType.objects.filter(app_label="search", model="searchentry").first()
    if content_type is None:
        return
    rows = list(IndexEntry.objects.filter(content_type_id=content_type.pk))
    entries = SearchEntry.objects.in_bulk([int(row.object_id) for row in rows])
    for row in rows:
        entry = entries.get(int(row.object_id))
        text_analyzer = entry and analyzer(entry.language)
        if text_analyzer is None:
            continue
        row.title = " ".join(text_analyzer.terms(entry.title))
        row.body = " ".join(text_analyzer.terms(f"{entry.summary} {entry.body}"))
        row.save(update_fields=["title", "body"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_browse_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem_index_rows, migrations.RunPython.noop)]
