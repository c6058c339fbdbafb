"""Snippets with the visitor's words marked, whatever the engine that found them.

Matching is by word prefix after folding accents and case, which is close enough to the engines'
stemming for a highlight ("cheval" marks "chevaux", "energie" marks "Énergie").
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.text import Truncator

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 30
CONTEXT_BEFORE = 8


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem_prefix(term):
    """A word's likely stem: its start, without up to two final letters."""
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def query_prefixes(text):
    return {stem_prefix(fold(term)) for term in WORD.findall(text) if len(term) > 1}


def highlight(text, *sources):
    """An escaped extract of the first source where a query word occurs, words in <mark>."""
    prefixes = query_prefixes(text or "")
    fallback = next((source for source in sources if source), "")
    if not prefixes:
        return escape(Truncator(fallback).words(SNIPPET_WORDS))
    for source in sources:
        words = list(WORD.finditer(source or ""))
        hits = [i for i, w in enumerate(words) if _matches(w.group(), prefixes)]
        if hits:
            return _extract(source, words, hits[0], prefixes)
    return escape(Truncator(fallback).words(SNIPPET_WORDS))


def _matches(word, prefixes):
    folded = fold(word)
    return any(folded.startswith(prefix) for prefix in prefixes)


def _extract(source, words, first_hit, prefixes):
    start_word = max(0, first_hit - CONTEXT_BEFORE)
    end_word = min(len(words), start_word + SNIPPET_WORDS)
    start = 0 if start_word == 0 else words[start_word].start()
    end = len(source) if end_word == len(words) else words[end_word - 1].end()
    parts = ["… " if start else ""]
    cursor = start
    for word in words[start_word:end_word]:
        parts.append(escape(source[cursor : word.start()]))
        if _matches(word.group(), prefixes):
            parts.append(f"<mark>{escape(word.group())}</mark>")
        else:
            parts.append(escape(word.group()))
        cursor = word.end()
    parts.append(escape(source[cursor:end]))
    if end < len(source):
        parts.append(" …")
    return "".join(parts)
