"""Keep the search entries and the active engine's index in step with the page tree."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import Page

from search.backends import get_engine
from search.documents import build_entries, searchable_models
from search.models import SearchEntry


def model_label(model):
    return model._meta.label_lower


@transaction.atomic
def refresh_entries(label, translation_key):
    """Rebuild the rows of one item (every language); return (saved, dropped) entries."""
    model = apps.get_model(label)
    wanted = {entry.language: entry for entry in build_entries(model, translation_key)}
    existing = {
        entry.language: entry
        for entry in SearchEntry.objects.filter(translation_key=translation_key)
    }
    dropped = [entry for language, entry in existing.items() if language not in wanted]
    if dropped:
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in dropped]).delete()
    for language, entry in wanted.items():
        if language in existing:
            entry.pk = existing[language].pk
        entry.save()
    return list(wanted.values()), dropped


def reindex_item(label, translation_key):
    """What a publish, unpublish, move or translation triggers, through search.tasks."""
    saved, dropped = refresh_entries(label, translation_key)
    engine = get_engine()
    engine.unindex(dropped)
    engine.index(saved)


def drop_page(page):
    """Before a page is deleted: its entries go, and so do their index rows."""
    entries = list(SearchEntry.objects.filter(page_id=page.pk))
    if entries:
        get_engine().unindex(entries)
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()


def items_under(page):
    """(model label, translation key) of every searchable page at or below `page`."""
    models_by_content_type = {
        ContentType.objects.get_for_model(model).pk: model for model in searchable_models()
    }
    rows = (
        Page.objects.descendant_of(page, inclusive=True)
        .filter(content_type_id__in=models_by_content_type)
        .values_list("content_type_id", "translation_key")
        .distinct()
    )
    return sorted(
        {
            (model_label(models_by_content_type[content_type_id]), str(key))
            for content_type_id, key in rows
        }
    )


def rebuild(progress=None):
    """Rebuild every entry from the page tree, then the engine's whole index.

    `progress(step, done, total)` is called as it goes ("entries", then "index").
    """
    keys = [
        (model_label(model), str(key))
        for model in searchable_models()
        for key in model.objects.values_list("translation_key", flat=True).distinct()
    ]
    for done, (label, key) in enumerate(keys, start=1):
        refresh_entries(label, key)
        if progress:
            progress("entries", done, len(keys))
    SearchEntry.objects.exclude(translation_key__in=[key for _label, key in keys]).delete()
    get_engine().rebuild(
        SearchEntry.objects.order_by("pk"),
        progress=(lambda done, total: progress("index", done, total)) if progress else None,
    )
    return len(keys)
