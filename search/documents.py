"""What a visitor of each language can find about one campaign or brief, built from its pages.

The same entries feed Wagtail's database backend (as `SearchEntry` rows) and Elasticsearch (as
documents made from those rows), so both engines always agree on what is open and where.

For each language: the item's own live translation; failing that its French original (or the
original in whatever language it was written), marked as a fallback and linked through the
language's alias page when there is one. Only live, public and open items get an entry.
"""

from django.apps import apps
from django.conf import settings

from wagtail.models import Locale
from wagtail.search import index

from portal.models.crowd import CrowdPage
from portal.operators import section_of
from search.models import NEEDS, SearchEntry

DISPLAYED_STATUS = {"campaign": "live"}
OWN_TEXT_FIELDS = {"title", "summary"}
BODY_MAX_CHARS = 20_000


def searchable_models():
    """The page types the crowd acts on (portal.models.crowd.CrowdPage: campaigns, briefs)."""
    return [model for model in apps.get_models() if issubclass(model, CrowdPage)]


def is_open(page):
    """Open to the crowd or about to be: its window's dates are checked at query time."""
    return page.open_window() is not None


def build_entries(model, translation_key):
    """Unsaved SearchEntry objects for one item, one per language it can be found in."""
    copies = list(model.objects.filter(translation_key=translation_key).select_related("locale"))
    if not copies:
        return []
    public_ids = set(
        model.objects.filter(translation_key=translation_key)
        .live()
        .public()
        .values_list("pk", flat=True)
    )
    by_language = {page.locale.language_code: page for page in copies}
    originals = {
        page.locale.language_code: page
        for page in copies
        # A page saved live but not published yet (add_child) has no date; its publish indexes it.
        if not page.alias_of_id
        and page.pk in public_ids
        and page.first_published_at
        and is_open(page)
    }
    if not originals:
        return []
    published_at = min(page.first_published_at for page in originals.values())
    default = originals.get(settings.LANGUAGE_CODE) or next(iter(originals.values()))
    locales = {locale.language_code: locale for locale in Locale.objects.all()}

    entries = []
    for language, _name in settings.LANGUAGES:
        source = originals.get(language, default)
        copy = by_language.get(language)
        link = copy if copy is not None and copy.pk in public_ids else source
        url = link.get_url()
        if url is None:
            continue
        entries.append(_entry(source, link, language, locales.get(language), url, published_at))
    return entries


def _entry(source, link, language, locale, url, published_at):
    kind = source.search_kind
    needs = set(source.needs)
    window = source.open_window()
    return SearchEntry(
        language=language,
        kind=kind,
        translation_key=source.translation_key,
        page_id=link.pk,
        fallback=source.locale.language_code != language,
        text_language=source.locale.language_code,
        title=source.title,
        summary=source.summary or "",
        body=body_text(source),
        url=url,
        status=DISPLAYED_STATUS.get(kind, source.status),
        operator=section_of(link),
        category=_in_language(source.category, locale),
        territory=_in_language(source.territory, locale),
        opens_at=window[0],
        closes_at=window[1],
        published_at=published_at,
        **{f"needs_{need}": need in needs for need in NEEDS},
    )


def _in_language(snippet, locale):
    if snippet is None or locale is None:
        return snippet
    return snippet.get_translation_or_none(locale) or snippet


def body_text(page):
    """Every searchable text of the page but its title and summary, related needs included."""
    texts = []
    for field in page.get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in OWN_TEXT_FIELDS:
            texts.extend(_flatten(field.get_value(page)))
        elif isinstance(field, index.RelatedFields):
            texts.extend(_related_texts(page, field))
    return "\n".join(text for text in texts if text)[:BODY_MAX_CHARS]


def _related_texts(obj, related):
    value = related.get_value(obj)
    if value is None:
        return []
    children = value.all() if hasattr(value, "all") else [value() if callable(value) else value]
    texts = []
    for child in children:
        for field in related.fields:
            if isinstance(field, index.SearchField):
                texts.extend(_flatten(field.get_value(child)))
            elif isinstance(field, index.RelatedFields):
                texts.extend(_related_texts(child, field))
    return texts


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]
