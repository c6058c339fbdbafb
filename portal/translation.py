"""Translate pages and snippets through wagtail-localize, as a translator would in its editor.

Used by the demo seed and the tests: every string segment of the source must have a translation,
so a seed can never publish a copy of the French text under a Dutch URL by accident.
"""

from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


class IncompleteTranslation(ValueError):
    pass


def translate(instance, language_code, strings, *, publish=True):
    """Create or update the `language_code` translation of `instance` from `strings`.

    `strings` maps each source text (a title, a slug, a paragraph…) to its translation.
    Returns the translated page or snippet.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    Translation.objects.get_or_create(source=source, target_locale=locale)

    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        text = segment.string.data
        if text not in strings:
            missing.append(text)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": strings[text],
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    if missing:
        raise IncompleteTranslation(
            f"No {language_code} translation for: " + "; ".join(repr(m) for m in missing)
        )
    # wagtail-localize publishes on commit; publish here so the result is live at once, inside
    # a transaction too (seeding, tests).
    is_publishable = isinstance(instance, DraftStateMixin)
    translated, _created = source.create_or_update_translation(
        locale, publish=not is_publishable, copy_parent_pages=True
    )
    if publish and is_publishable:
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated
