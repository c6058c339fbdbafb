"""Index updates run as tasks, so a slow search cluster never slows an editor down."""

from django_tasks import task

from search.indexing import reindex_item


@task()
def reindex_items(items):
    """`items`: [[model label, translation key], …] of campaigns or briefs to index again."""
    for label, translation_key in items:
        reindex_item(label, translation_key)
