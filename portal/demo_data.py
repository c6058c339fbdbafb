"""The demo's content, read from data files: `demo/facts.toml` holds what is the same in every
language, and `demo/<language>.toml` that language's texts at the same places.

`load()` weaves them into one tree where each text is a `{"fr": …, "nl": …, "de": …, "en": …}`
mapping, the shape the apps' `demo.seed()` functions translate with wagtail-localize. A
translator edits one file; a developer adds a campaign to facts.toml and its texts to the four
language files.
"""

import datetime
import functools
import tomllib

from django.conf import settings

LANGUAGES = ("fr", "nl", "de", "en")


@functools.cache
def load():
    directory = settings.BASE_DIR / "demo"
    with open(directory / "facts.toml", "rb") as facts_file:
        tree = tomllib.load(facts_file)
    for language in LANGUAGES:
        with open(directory / f"{language}.toml", "rb") as texts_file:
            _weave(tree, tomllib.load(texts_file), language)
    return tree


def section(name):
    """One app's part of the demo (`portal`, `campaigns`, `lab`, `search`)."""
    return load()[name]


def listed(mapping, key="slug"):
    """Entries keyed by slug in the files, as a list of dicts that carry their slug."""
    return [{key: slug, **values} for slug, values in mapping.items()]


def duration(text):
    """ "-10 days", "20 hours" → a timedelta."""
    amount, unit = text.split()
    return datetime.timedelta(**{unit: int(amount)})


def _weave(facts, texts, language):
    """Put each string of `texts` at the same place in `facts`, under the language's code."""
    keys = texts.keys() if isinstance(texts, dict) else range(len(texts))
    for key in keys:
        text = texts[key]
        if isinstance(text, str):
            _slot(facts, key, dict)[language] = text
        elif isinstance(text, dict):
            _weave(_slot(facts, key, dict), text, language)
        else:
            slot = _slot(facts, key, list)
            slot.extend({} for _ in range(len(text) - len(slot)))
            _weave(slot, text, language)


def _slot(container, key, kind):
    if isinstance(container, dict):
        return container.setdefault(key, kind())
    return container[key]
