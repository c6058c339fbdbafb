"""The words a text is searched by in each language, as PostgreSQL's configurations find them.

PostgreSQL indexes and queries each language through its own text search configuration
(search/migrations/0002): words lowercased, accents folded by `unaccent`, the language's
Snowball stop words dropped, the rest reduced to their Snowball stem. SQLite's FTS5 only folds
case and accents, so on SQLite the database backend stores and looks up the terms computed here
(search.backends.sqlite), with the same stemmers (PyStemmer wraps the Snowball project's C
library) and the same stop word lists (search/stopwords/, as PostgreSQL ships them): "garden"
then finds "gardens", and "velo" finds "vélo", on both databases.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import Stemmer

# language: (Snowball algorithm, stop word list). Dutch is the algorithm PostgreSQL's
# dutch_stem runs: Snowball 3's new "dutch" stems "paarden" and "paard" apart.
SNOWBALL = {
    "fr": ("french", "french"),
    "nl": ("dutch_porter", "dutch"),
    "de": ("german", "german"),
    "en": ("english", "english"),
}
# Snowball's stop word lists (BSD licence), copied from PostgreSQL's tsearch_data.
STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# What `unaccent` folds that Unicode does not decompose (lowercase: text is lowered first).
LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "ŋ": "n",
    }
)
# Letters and digits, as FTS5's tokenizer and PostgreSQL's parser split words.
WORD = re.compile(r"[^\W_]+")


def fold(text):
    """Lowercase, without accents: "Énergie" → "energie", "Straße" → "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_stemmers = threading.local()  # PyStemmer's stemmers must not be shared between threads


@dataclass(frozen=True)
class Analyzer:
    """One language's way from a text to the terms it is indexed or searched by."""

    algorithm: str
    stopwords: frozenset

    def _stemmer(self):
        stemmers = _stemmers.__dict__.setdefault("by_algorithm", {})
        if self.algorithm not in stemmers:
            stemmers[self.algorithm] = Stemmer.Stemmer(self.algorithm)
        return stemmers[self.algorithm]

    def terms(self, text):
        """The stems of the words of `text`, in order, stop words left out.

        As in PostgreSQL's configurations, a word is folded before it is compared with the stop
        words, so accented ones ("été", "für") stay searchable as they are there."""
        words = [word for word in WORD.findall(fold(text)) if word not in self.stopwords]
        return self._stemmer().stemWords(words)


@cache
def analyzer(language):
    """The analyzer of a content language, None for any other."""
    if language not in SNOWBALL:
        return None
    algorithm, stoplist = SNOWBALL[language]
    words = (STOPWORDS_DIR / f"{stoplist}.stop").read_text(encoding="utf-8").split()
    return Analyzer(algorithm=algorithm, stopwords=frozenset(words))
