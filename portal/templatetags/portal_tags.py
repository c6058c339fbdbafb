from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page

from portal.pagecache import member_slot, remember

register = template.Library()
register.tag("member_slot", member_slot)


def _translations_by_language(request, page):
    """Every copy of the page (translations and fallback aliases), keyed by language: one query
    per generation of the site (portal.pagecache), shared by the switcher and hreflang links."""

    def copies():
        found = Page.objects.filter(translation_key=page.translation_key).select_related("locale")
        return {copy.locale.language_code: copy for copy in found}

    return remember(request, f"translations:{page.translation_key}", copies)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this same page in each language, or to the same URL for non-page views."""
    request = context["request"]
    current = translation.get_language()
    copies = _translations_by_language(request, page) if page else {}
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
    copies = _translations_by_language(request, page)
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


def _chrome(context):
    """The home page in the page's (or the active) language and its menu, once per request and
    once per generation of the site: they change only when pages do."""
    request = context["request"]
    chrome = getattr(request, "_maillon_chrome", None)
    if chrome is not None:
        return chrome
    from wagtail.models import Site

    site = Site.find_for_request(request)
    root = site.root_page if site else None
    if root is None:
        chrome = (None, [])
    else:
        page = context.get("page")
        locale_id = page.locale_id if isinstance(page, Page) else Locale.get_active().pk

        def compute():
            home = (
                Page.objects.filter(
                    translation_key=root.translation_key, locale_id=locale_id
                ).first()
                or root
            )
            return home, list(home.get_children().live().public().in_menu())

        chrome = remember(request, f"chrome:{site.pk}:{locale_id}", compute)
    request._maillon_chrome = chrome
    return chrome


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the site's root page)."""
    return _chrome(context)[0]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages shown in menus, in the active language."""
    return _chrome(context)[1]


@register.simple_tag(takes_context=True)
def legal_links(context):
    """The footer's legal pages in the active language: one query, once per generation."""
    from wagtail.models import Site

    from portal.models.legal import footer_links

    request = context.get("request")
    if request is None:
        return []
    links = getattr(request, "_maillon_legal_links", None)
    if links is None:
        site = Site.find_for_request(request)
        language = translation.get_language()
        key = f"legal:{site.pk if site else None}:{language}"
        links = remember(request, key, lambda: footer_links(site, language))
        request._maillon_legal_links = links
    return links
