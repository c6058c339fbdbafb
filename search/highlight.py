"""Snippets with the visitor's words marked, whatever the engine that found them.

A word is marked when it has the stem of a query word in the query's language (search.text,
as the engines stem: "libraries" marks "library"), or when it starts like one after folding
accents and case ("cheval" marks "chevaux", "energie" marks "Énergie"), which covers what a
stemmer misses and the prefix fallback finds. Stop words are neither searched nor marked, unless
the query has nothing else.
"""

import re
from functools import cache

from django.utils.html import escape
from django.utils.text import Truncator

from search.text import analyzer, fold

WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 30
CONTEXT_BEFORE = 8


def stem_prefix(term):
    """A word's likely stem: its start, without up to two final letters."""
    return term if len(term) <= 4 else term[: max(4, len(term) - 2)]


def highlight(text, *sources, language=None):
    """An escaped extract of the first source where a query word occurs, words in <mark>."""
    matches = word_matcher(text or "", language)
    fallback = next((source for source in sources if source), "")
    if not matches:
        return escape(Truncator(fallback).words(SNIPPET_WORDS))
    for source in sources:
        words = list(WORD.finditer(source or ""))
        first_hit = next((i for i, w in enumerate(words) if matches(w.group())), None)
        if first_hit is not None:
            return _extract(source, words, first_hit, matches)
    return escape(Truncator(fallback).words(SNIPPET_WORDS))


def word_matcher(text, language=None):
    """A test of whether a word is one the query `text` finds in `language`, or None."""
    words = [word for word in WORD.findall(text) if len(word) > 1]
    text_analyzer = analyzer(language)
    stopwords = text_analyzer.stopwords if text_analyzer else frozenset()
    searched = [word for word in words if fold(word) not in stopwords]
    if not searched:
        searched, stopwords = words, frozenset()
    if not searched:
        return None
    prefixes = tuple({stem_prefix(fold(word)) for word in searched})
    stems = set(text_analyzer.terms(" ".join(searched))) if text_analyzer else set()

    @cache  # a text says the same words again and again
    def matches(word):
        folded = fold(word)
        if folded in stopwords:
            return False
        if folded.startswith(prefixes):
            return True
        return bool(stems) and any(term in stems for term in text_analyzer.terms(word))

    return matches


def _extract(source, words, first_hit, matches):
    start_word = max(0, first_hit - CONTEXT_BEFORE)
    end_word = min(len(words), start_word + SNIPPET_WORDS)
    start = 0 if start_word == 0 else words[start_word].start()
    end = len(source) if end_word == len(words) else words[end_word - 1].end()
    parts = ["… " if start else ""]
    cursor = start
    for word in words[start_word:end_word]:
        parts.append(escape(source[cursor : word.start()]))
        if matches(word.group()):
            parts.append(f"<mark>{escape(word.group())}</mark>")
        else:
            parts.append(escape(word.group()))
        cursor = word.end()
    parts.append(escape(source[cursor:end]))
    if end < len(source):
        parts.append(" …")
    return "".join(parts)
