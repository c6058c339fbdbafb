"""Publishing, unpublishing, moving, translating or restricting a page updates search.

Wired in SearchConfig.ready(). The handlers only queue a task (search.tasks), with the items
to index again; the task reads the live pages from the database, never a draft in memory.
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.signals import needs_changed
from search.documents import searchable_models
from search.indexing import drop_page, items_under, model_label
from search.tasks import reindex_items

_muted = threading.local()


@contextmanager
def muted():
    """Bulk imports (a corpus, a benchmark) index once at the end with search.indexing.rebuild."""
    _muted.active = True
    try:
        yield
    finally:
        _muted.active = False


def schedule(items):
    items = [list(item) for item in items]
    if items and not getattr(_muted, "active", False):
        reindex_items.enqueue(items)


def _item(page):
    return model_label(type(page)), str(page.translation_key)


def on_publish_or_unpublish(sender, instance, **kwargs):
    """A campaign or brief changes itself; any other page may change its section's URLs."""
    if getattr(instance, "search_kind", None):
        schedule([_item(instance)])
    elif instance.get_children_count():
        schedule(items_under(instance))


def on_live_save(sender, instance, update_fields=None, **kwargs):
    """A live campaign or brief saved outside a publish (a brief closed, a goal reached…)."""
    if update_fields is None and instance.live and not instance.alias_of_id:
        schedule([_item(instance)])


def on_move(sender, instance, **kwargs):
    schedule(items_under(instance))


def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(items_under(page))


def before_delete(sender, instance, **kwargs):
    drop_page(instance)


def after_delete(sender, instance, **kwargs):
    schedule([_item(instance)])


def on_needs_changed(sender, model, translation_key, **kwargs):
    """An app says an item's needs moved (money counted): reindex it once committed."""
    item = (model_label(model), str(translation_key))
    transaction.on_commit(lambda: schedule([item]), robust=True)


def connect():
    needs_changed.connect(on_needs_changed, dispatch_uid="search_needs_changed")
    page_published.connect(on_publish_or_unpublish, dispatch_uid="search_published")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="search_unpublished")
    post_page_move.connect(on_move, dispatch_uid="search_moved")
    post_save.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search_restricted"
    )
    post_delete.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search_unrestricted"
    )
    for model in searchable_models():
        post_save.connect(on_live_save, sender=model, dispatch_uid=f"search_save_{model}")
        pre_delete.connect(before_delete, sender=model, dispatch_uid=f"search_del_{model}")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"search_gone_{model}")
