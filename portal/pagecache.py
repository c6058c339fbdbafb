"""Whole pages for anonymous visitors, served from the cache and kept exact.

Anonymous GETs of Wagtail pages are stored in the configured cache (Redis when REDIS_URL is
set, the database otherwise), keyed by scheme, host, path and language. Every entry carries the
*generation* the site was in when its request started; any change a page can show (a page
saved, published, moved or translated, a pledge, a sign-up, a comment, a snippet…) starts a new
generation, so older entries stop being served at once. One cache round trip reads both the
entry and the generation. Purging everything is coarse, but it can never miss a listing that
shows a counter, and the site is read far more often than money moves.

What is never stored: a request carrying a session or a messages cookie (members, visitors
with a flash message), a response that sets a cookie or used the CSRF token (a restricted
page's password form), anything but a 200 from Wagtail's page view. Those responses say
`Cache-Control: private`. Stored pages say `public` with `max-age`/`s-maxage` and an `ETag`,
so a reverse proxy can keep them too; wagtail.contrib.frontend_cache purges it (`purge_page`).

Members get the same pages with their own small parts (`MemberEdition`). A page is rendered
once per generation for a stand-in member who has no part in anything (no session, no
messages, no groups, a user id no row has), with *slots* where a member's own parts go: the
header's account links and the flash messages (`{% member_slot %}` in base.html) and every
form's CSRF token. That edition is stored apart from the anonymous one; a member's request
fills the slots with their own name, messages and token, and skips the page's template, tree
and queries. It is used only for members with nothing of their own on the page: no staff
(`is_staff`, superuser, any group or permission) and no page among their `register_member_pages`
(the pages they hold, follow, volunteer on, applied to, commented on…): everyone else gets a
page rendered for them, as before. Because the stand-in owns nothing, no member's data can be
in the shared edition: a part of a page that shows a member's own state must say so by listing
the page in a `register_member_pages` hook, or that member sees the page as any other member.

Pages rendered for members share the same generation through `remember()`: the menu, a page's
translations and a campaign's public figures are computed once per generation, so a member's
page costs only their own small parts.
"""

import copy
import hashlib
import re
import time
from importlib import import_module

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage import default_storage
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, get_language_from_path

GENERATION_KEY = "pagecache:generation"
CACHEABLE_ATTRIBUTE = "_page_cacheable"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/stripe/", "/documents/", "/static/", "/media/")
STORED_HEADERS_EXCLUDED = {"set-cookie"}
MEMO_TIMEOUT = 300  # also bounds how late a passing deadline shows in listings

# Models whose rows a public page shows besides pages themselves, by "app_label.ModelName":
# saving or deleting one starts a new generation. Apps add theirs with `follow()`, with a
# function giving the page to purge from a reverse proxy.
_followed = {
    "portal.Category": None,
    "portal.LegalLinks": None,
    "portal.Territory": None,
    "wagtailcore.Site": None,
    "wagtailcore.PageViewRestriction": None,
    "wagtailimages.Image": None,
    "django_comments_xtd.XtdComment": None,
    "django_comments.Comment": None,
}


def follow(label, page_of=None):
    """A model whose rows a page shows: `page_of(instance)` is that page, or None."""
    _followed[label] = page_of


def new_generation():
    """Every stored page is stale from now on; called again once the transaction commits,
    so a page rendered from the data before the commit is never served afterwards."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def changed(page_of=None, instance=None):
    """Something public changed: new generation now and at commit; with a reverse proxy
    configured, purge the page `page_of(instance)` (and its listings) from it too.

    The bump at commit is the one that matters. With the database cache inside a transaction
    there is no bump now: the cache row would stay locked until the commit, and every pledge
    in flight would queue behind it.
    """
    if not (isinstance(cache, DatabaseCache) and transaction.get_connection().in_atomic_block):
        new_generation()
    transaction.on_commit(new_generation, robust=True)
    if page_of is not None and settings.WAGTAILFRONTENDCACHE:
        page = page_of(instance)
        if page is not None:
            transaction.on_commit(lambda: purge_page(page), robust=True)


def purge_page(page):
    """Purge a page from the reverse proxy, in every language, with the pages that list it:
    its ancestors (home, operator) and the section indexes under each home page."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    pages = set()
    for translation in Page.objects.live().filter(translation_key=page.translation_key):
        pages.add(translation)
        ancestors = list(translation.get_ancestors().filter(depth__gte=2).live())
        pages.update(ancestors)
        if ancestors:
            pages.update(ancestors[0].get_children().live())
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def generation_of(request=None):
    """The site's generation, read once per request (the middleware reads it for the page)."""
    generation = getattr(request, "page_generation", None)
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, time.time_ns(), None)
            generation = cache.get(GENERATION_KEY)
        if request is not None:
            request.page_generation = generation
    return generation


def remember(request, key, compute):
    """`compute()`'s result, computed once per generation: for public data only (the same for
    every visitor), which any change shown on a page makes stale at once."""
    generation = generation_of(request)
    prefetched = getattr(request, "_pagecache_found", {})
    if f"pagememo:{key}" in prefetched:
        entry = prefetched.pop(f"pagememo:{key}")
    else:
        entry = cache.get(f"pagememo:{key}")
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    cache.set(f"pagememo:{key}", (generation, value), MEMO_TIMEOUT)
    return value


def _prefetch(request, keys):
    """Read the generation and these entries in one cache round trip; `remember()` and the
    members' edition take them from the request."""
    found = cache.get_many([GENERATION_KEY, *keys])
    if getattr(request, "page_generation", None) is None:
        request.page_generation = found.get(GENERATION_KEY)
    request._pagecache_found = found


def _cache_key(request):
    path = request.path
    return f"pagecache:{request.scheme}:{request.get_host()}:{get_language_from_path(path)}:{path}"


def _may_use_cache(request):
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.PAGE_CACHE_TIMEOUT > 0
    )


def _may_store(request, response):
    return (
        getattr(request, CACHEABLE_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.user.is_authenticated
        and "no-store" not in response.get("Cache-Control", "")
    )


def _public_headers(response):
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_CACHE_MAX_AGE,
        s_maxage=settings.PAGE_CACHE_S_MAXAGE,
    )


def _from_entry(request, entry):
    _generation, status, headers, content = entry
    etag = dict(headers).get("ETag")
    if etag and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        for name, value in headers:
            if name in ("ETag", "Cache-Control", "Vary", "Content-Language"):
                response[name] = value
        return response
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous page views from the cache, store them, and say who else may cache them.

    Listed right after SecurityMiddleware and WhiteNoise: a hit skips sessions, locale,
    URL resolution and Wagtail's routing; SecurityMiddleware still redirects to HTTPS first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        usable = _may_use_cache(request)
        generation = None
        if usable:
            key = _cache_key(request)
            found = cache.get_many([key, GENERATION_KEY])
            request.page_generation = found.get(GENERATION_KEY)
            generation = generation_of(request)
            entry = found.get(key)
            if entry is not None and entry[0] == generation:
                return _from_entry(request, entry)
        response = self.get_response(request)
        if not getattr(request, CACHEABLE_ATTRIBUTE, False):
            return response
        if usable and _may_store(request, response):
            _public_headers(response)
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in STORED_HEADERS_EXCLUDED
            ]
            entry = (generation, response.status_code, headers, response.content)
            cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is serve:
            edition = MemberEdition(request)
            _prefetch(
                request,
                [
                    f"pagememo:{_site_key(request)}",
                    f"pagememo:{_route_key(request, _route_path(view_args, view_kwargs))}",
                ]
                + edition.keys(),
            )
        if view_func is serve or request.path.startswith("/api/v2/"):
            _memoized_site(request)
        _memoized_route(request, view_func, view_args, view_kwargs)
        if view_func is serve:
            return edition.response(view_func, view_args, view_kwargs)
        return None


# The members' edition -----------------------------------------------------------------------

SLOT_MARK = "<!--maillon-slot:{}-->"
CSRF_MARK = "maillon-csrf-slot"
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
STAND_IN_SECRET = "maillonstandinmemberhasnocsrfsecr"  # noqa: S105 (32 characters, no cookie)
NOT_SHARED = "not shared"
CONTROL = "Cache-Control"


class MemberSlotNode(template.Node):
    """`{% member_slot "name" %}…{% endmember_slot %}`: a member's own part of the page shell.

    Rendered as usual, except in the members' edition, where it leaves a mark that each
    member's request fills by rendering the same nodes with their own user and messages.
    """

    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if getattr(request, "_maillon_member_edition", False):
            return SLOT_MARK.format(self.name)
        return self.nodelist.render(context)


def member_slot(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('Usage: {% member_slot "name" %}…{% endmember_slot %}')
    nodelist = parser.parse(("endmember_slot",))
    parser.delete_first_token()
    return MemberSlotNode(bits[1][1:-1], nodelist)


_slots = {}


def _slot_nodes():
    """The member slots of base.html, by name (found again if the template was reloaded)."""
    from django.template.loader import get_template

    shell = get_template("base.html").template
    if _slots.get("template") is not shell:
        _slots.clear()
        nodes = shell.nodelist.get_nodes_by_type(MemberSlotNode)
        _slots.update({node.name: node for node in nodes})
        _slots["template"] = shell
    return _slots


class _NoPermissions(dict):
    """`perms` in a member's slots: only members with no group nor permission get the edition."""

    def __getitem__(self, app_label):
        return {}

    def __contains__(self, name):
        return False


def member_pages(user):
    """The translation keys of the pages showing something of `user`'s own, and whether they
    have any group or permission: once per generation (every such change starts a new one)."""
    from wagtail import hooks
    from wagtail.models import Page

    from django_comments.models import Comment

    page_ids = set()
    for pages_of in hooks.get_hooks("register_member_pages"):
        page_ids.update(pages_of(user))
    commented = Comment.objects.filter(user=user).values_list("object_pk", flat=True)
    page_ids.update(int(pk) for pk in commented if pk.isdigit())
    keys = Page.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True)
    has_permissions = user.groups.exists() or user.user_permissions.exists()
    return has_permissions, frozenset(keys)


def _stand_in():
    """A member with no part in anything: an id no row has, never saved."""
    from django.contrib.auth import get_user_model

    def refuse(*args, **kwargs):
        raise RuntimeError("The members' edition's stand-in member is never saved.")

    member = get_user_model()(pk=0, is_active=True)
    member.save = refuse
    return member


class MemberEdition:
    """A member's page from the edition shared by all members, with their own slots filled."""

    def __init__(self, request):
        self.request = request
        self.usable = self._usable()
        self.key = "pagecache:member:" + _cache_key(request).removeprefix("pagecache:")

    def keys(self):
        """What `response()` reads from the cache, to read it with the rest (`_prefetch`)."""
        if not self.usable:
            return []
        return [f"pagememo:member:{self.request.user.pk}", self.key]

    def response(self, view_func, view_args, view_kwargs):
        request = self.request
        route = getattr(request, "_wagtail_route_for_request", None)
        if not (self.usable and route is not None and self._shares(route[0])):
            return None
        key = self.key
        generation = generation_of(request)
        prefetched = getattr(request, "_pagecache_found", {})
        entry = prefetched.pop(key) if key in prefetched else cache.get(key)
        if entry is None or entry[0] != generation:
            entry = (generation, self._render(view_func, view_args, view_kwargs, route[0]))
            cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        if entry[1] == NOT_SHARED:
            return None
        return self._filled(*entry[1])

    def _usable(self):
        request, user = self.request, self.request.user
        return (
            request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and settings.PAGE_CACHE_TIMEOUT > 0
            and user.is_authenticated
            and user.is_active
            and not user.is_staff
            and not user.is_superuser
        )

    def _shares(self, page):
        user = self.request.user
        found = remember(self.request, f"member:{user.pk}", lambda: member_pages(user))
        has_permissions, keys = found
        return not has_permissions and page.translation_key not in keys

    def _render(self, view_func, view_args, view_kwargs, page):
        """The page for the stand-in member, with marks for the slots; or NOT_SHARED."""
        request = self.request
        stand_in = copy.copy(request)
        stand_in.user = _stand_in()
        stand_in.session = import_module(settings.SESSION_ENGINE).SessionStore()
        stand_in._messages = default_storage(stand_in)  # empty: no cookie, no session
        stand_in.COOKIES = {}
        stand_in.META = {
            name: value
            for name, value in request.META.items()
            if name not in ("HTTP_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE")
        }
        stand_in.META["CSRF_COOKIE"] = STAND_IN_SECRET
        stand_in._maillon_member_edition = True
        try:
            response = view_func(stand_in, *view_args, **view_kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        except (Http404, PermissionDenied):
            return NOT_SHARED
        shared = (
            getattr(stand_in, CACHEABLE_ATTRIBUTE, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not {"no-store", "private"} & set(re.split(r"[\s,=]+", response.get(CONTROL, "")))
            and not page.get_view_restrictions().exists()
        )
        if not shared:
            return NOT_SHARED
        content = response.content.decode(response.charset)
        content = CSRF_INPUT.sub(rf"\g<1>{CSRF_MARK}\g<2>", content)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in STORED_HEADERS_EXCLUDED
        ]
        return response.status_code, headers, content

    def _filled(self, status, headers, content):
        request = self.request
        token = get_token(request)
        context = template.Context(
            {
                "request": request,
                "user": request.user,
                "perms": _NoPermissions(),
                "messages": get_messages(request),
                "csrf_token": token,
            }
        )
        for name, node in _slot_nodes().items():
            mark = SLOT_MARK.format(name)
            if name != "template" and mark in content:
                content = content.replace(mark, node.nodelist.render(context))
        content = content.replace(CSRF_MARK, token)
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        patch_cache_control(response, private=True, no_cache=True)
        return response


def _memoized_site(request):
    """The Wagtail site of the request's host, once per generation (a site saved is followed)."""
    from wagtail.models import Site

    key = _site_key(request)
    request._wagtail_site = remember(request, key, lambda: Site.find_for_request(request))


def _site_key(request):
    return f"site:{request.get_host()}:{request.get_port()}"


def _route_key(request, path):
    return f"route:{request.get_host()}:{get_language()}:{path}"[:250]


def _memoized_route(request, view_func, view_args, view_kwargs):
    """Wagtail's routing (the site's root in the active language, then one query per path
    segment) once per generation: Wagtail's serve view reads the result from the request."""
    from wagtail.models import Page
    from wagtail.views import serve

    if view_func is not serve:
        return
    path = _route_path(view_args, view_kwargs)
    route = remember(
        request, _route_key(request, path), lambda: Page.route_for_request(request, path)
    )
    request._wagtail_route_for_request = route


def _route_path(view_args, view_kwargs):
    return view_kwargs.get("path", view_args[0] if view_args else "")


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: this request serves a page.

    Restricted pages need no check here: without a session, a visitor gets a redirect to the
    log-in page or a password form carrying a CSRF token, and neither is stored.
    """
    setattr(request, CACHEABLE_ATTRIBUTE, True)


def _on_save_or_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if type(instance).__module__ == "__fake__":
        return  # a migration's historical model: nothing is served, nor cached, yet
    if isinstance(instance, Page):
        changed()
        return
    label = type(instance)._meta.label
    if label in _followed:
        changed(_followed[label], instance)


def _on_relation_change(sender, instance, action, **kwargs):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if not action.startswith("post_"):
        return
    user = get_user_model()
    if sender in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        changed()  # who gets the members' edition (MemberEdition) changed
        return
    _on_save_or_delete(type(instance), instance)


def _on_publication(sender, instance, **kwargs):
    changed(lambda page: page, instance)


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail import hooks
    from wagtail.signals import page_published, page_unpublished, post_page_move

    hooks.register("before_serve_page", mark_cacheable)

    post_save.connect(_on_save_or_delete, dispatch_uid="pagecache_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="pagecache_delete")
    m2m_changed.connect(_on_relation_change, dispatch_uid="pagecache_relation")
    page_published.connect(_on_publication, dispatch_uid="pagecache_published")
    page_unpublished.connect(_on_publication, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(_on_publication, dispatch_uid="pagecache_moved")
