from django import template
from django.utils import translation

from campaigns.sharing import OG_LOCALES
from portal.templatetags.portal_tags import _translations_by_language

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """A URL as visitors' link previews need it: absolute (a storage's URL stays as it is)."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag(takes_context=True)
def og_locales(context, page):
    """The page's Open Graph locale and those of its real translations (not fallbacks)."""
    current = translation.get_language()
    copies = _translations_by_language(context["request"], page)
    return {
        "locale": OG_LOCALES.get(current, OG_LOCALES["fr"]),
        "alternates": [
            OG_LOCALES[code]
            for code, copy in copies.items()
            if code != current and code in OG_LOCALES and not copy.alias_of_id
        ],
    }
