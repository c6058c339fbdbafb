"""Images and documents the public may see: those that live, public pages use.

An operator's collection also holds files that no page uses yet (drafts, uploads in progress,
internal documents). Wagtail's reference index knows where each file is used; anything that
no live, unrestricted page refers to stays with the operator's staff, out of /api/v2/ and of
/documents/.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast

from wagtail.models import Page, ReferenceIndex


def _public_usage(model):
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=public_pages,
        to_content_type=ContentType.objects.get_for_model(model),
    ).values("to_object_id")


def published(queryset):
    """The images or documents of `queryset` that a live, public page uses."""
    return queryset.annotate(reference_key=Cast("pk", CharField())).filter(
        reference_key__in=_public_usage(queryset.model)
    )


def is_published(item):
    return published(type(item).objects.filter(pk=item.pk)).exists()
