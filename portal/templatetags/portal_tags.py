from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page

register = template.Library()


def _translations_by_language(page):
    """Every copy of the page (translations and fallback aliases), keyed by language, one query."""
    copies = Page.objects.filter(translation_key=page.translation_key).select_related("locale")
    return {copy.locale.language_code: copy for copy in copies}


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this same page in each language, or to the same URL for non-page views."""
    request = context["request"]
    current = translation.get_language()
    copies = _translations_by_language(page) if page else {}
    links = []
    for code, name in settings.LANGUAGES:
        copy = copies.get(code)
        if page is not None and copy is not None:
            url = copy.get_url(request)
            fallback = bool(copy.alias_of_id)
        else:
            url = translate_url(request.get_full_path(), code)
            fallback = False
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "current": code == current,
                "fallback": fallback,
            }
        )
    return {"links": links, "current": current}


@register.inclusion_tag("components/hreflang.html", takes_context=True)
def hreflang_links(context, page):
    """hreflang for real translations only: a fallback copy is the French page, not a version."""
    request = context["request"]
    copies = _translations_by_language(page)
    links = [
        {"code": code, "url": copy.get_full_url(request)}
        for code, copy in copies.items()
        if not copy.alias_of_id
    ]
    default = copies.get(settings.LANGUAGE_CODE)
    return {
        "links": links,
        "default_url": default.get_full_url(request) if default else None,
    }


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the site's root page)."""
    request = context["request"]
    cache = getattr(request, "_maillon_home", None)
    if cache is None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        root = site.root_page if site else None
        if root is not None:
            locale = Locale.get_active()
            cache = (
                Page.objects.filter(translation_key=root.translation_key, locale=locale).first()
                or root
            )
        request._maillon_home = cache
    return cache


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages shown in menus, in the active language, in one query."""
    request = context["request"]
    home = localized_home(context)
    if home is None:
        return []
    menu = getattr(request, "_maillon_menu", None)
    if menu is None:
        menu = list(home.get_children().live().public().in_menu())
        request._maillon_menu = menu
    return menu


@register.filter
def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def legal_links(context):
    """The footer's legal pages in the active language: one query, once per request."""
    from wagtail.models import Site

    from portal.models.legal import footer_links

    request = context.get("request")
    if request is None:
        return []
    links = getattr(request, "_maillon_legal_links", None)
    if links is None:
        site = Site.find_for_request(request)
        links = footer_links(site, translation.get_language())
        request._maillon_legal_links = links
    return links
