"""The walls on Wagtail's own admin views, where Wagtail offers no hook to put them.

Wagtail checks the permission to act on a page, not to read its title: its explorer, chooser,
move confirmation, revisions and bulk-action confirmation of another operator's draft would show
it, and its page-types report names the last page edited anywhere. `wall_admin_urls` wraps every
admin URL so that one naming a page or object behind a wall (`portal.walls`) answers 404.
"""

from functools import wraps

from django.apps import apps
from django.http import Http404

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from portal.walls import SectionPermissionPolicy, visible_pages

# Admin URL parameters that name pages, and views whose `?id=` query parameters name objects.
PAGE_URL_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id"}
PAGES_NAMESPACE = "wagtailadmin_pages"  # where `pk` names a page too (revisions compare)
PAGE_CHOSEN_VIEW = "wagtailadmin_choose_page_chosen_multiple"
BULK_ACTION_VIEW = "wagtail_bulk_action"
BULK_ACTIONS = ["view", "choose", "change", "delete"]
# wagtail-localize's snippet API lists and shows any snippet model's rows, unwalled.
LOCALIZE_SNIPPET_API = {"snippets_api_listing", "snippets_api_detail"}


def _pages_hidden(user, pages):
    return visible_pages(pages, user).count() < pages.count()


def _bulk_hides(request, kwargs):
    """Whether a bulk action's confirmation would list objects hidden from the user."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return False
    ids = request.GET.getlist("id")
    if issubclass(model, Page):
        if "all" in ids:  # every page under `childOf`
            parent = Page.objects.filter(pk=request.GET.get("childOf") or 0).first()
            pages = parent.get_descendants(inclusive=True) if parent else Page.objects.all()
        else:
            pages = Page.objects.filter(pk__in=[pk for pk in ids if pk.isdigit()])
        return _pages_hidden(request.user, pages)
    if "all" in ids:  # Wagtail lists only the user's own objects
        return False
    objects = model._default_manager.filter(pk__in=[pk for pk in ids if pk.isdigit()])
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(request.user, BULK_ACTIONS)
    return allowed.filter(pk__in=objects.values("pk")).count() < objects.count()


def _walled_snippet_api(request, kwargs):
    """Whether wagtail-localize's snippet API is asked for a walled model (by non-superusers:
    walled models are not translated, so the translation editor never needs it)."""
    try:
        model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
    except LookupError:
        return False
    policy = policy_registry.get_by_type(model)
    return isinstance(policy, SectionPermissionPolicy) and not request.user.is_superuser


def _names_hidden_objects(request, kwargs):
    url_name = request.resolver_match.url_name if request.resolver_match else None
    if url_name == BULK_ACTION_VIEW:
        return _bulk_hides(request, kwargs)
    if url_name in LOCALIZE_SNIPPET_API:
        return _walled_snippet_api(request, kwargs)
    page_kwargs = PAGE_URL_KWARGS
    if request.resolver_match and PAGES_NAMESPACE in request.resolver_match.namespaces:
        page_kwargs = PAGE_URL_KWARGS | {"pk"}
    page_ids = [value for name, value in kwargs.items() if name in page_kwargs]
    if url_name == PAGE_CHOSEN_VIEW:
        page_ids += [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    return bool(page_ids) and _pages_hidden(request.user, Page.objects.filter(pk__in=page_ids))


class WalledPageTypesUsageReport(PageTypesUsageReportView):
    """The page-types report without the titles of last-edited pages behind a wall."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        edited = Page.objects.filter(pk__in=[row.last_edited_page_id for row in page_types])
        shown = set(visible_pages(edited, self.request.user).values_list("pk", flat=True))
        for page_type in page_types:
            if page_type.last_edited_page_id not in shown:
                page_type.last_edited_page = None
        return page_types


def _walled_view(view):
    if getattr(view, "view_class", None) is PageTypesUsageReportView:
        view = WalledPageTypesUsageReport.as_view(**view.view_initkwargs)

    @wraps(view)
    def walled(request, *args, **kwargs):
        if _names_hidden_objects(request, kwargs):
            raise Http404
        return view(request, *args, **kwargs)

    return walled


def wall_admin_urls(urlpatterns):
    """Wagtail's admin URLs, answering 404 when they name a page or object behind a wall."""
    return decorate_urlpatterns(urlpatterns, _walled_view)
