"""Words as the story grouper and the fact aligner compare them: no word list, no language.

Function words are not listed anywhere: inverse document frequency over the documents being
compared makes them weigh nothing. Inflection is folded by cutting words to a prefix: crude,
but language-neutral, and reports of one story share their rarer words (names, numbers,
nouns) anyway.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

WORD = re.compile(r"\w+", re.UNICODE)
MIN_CHARS = 3       # shorter words are articles, prepositions and the like in the languages we read
PREFIX = 7          # characters kept of a word: folds most inflectional endings

Vector = dict[str, float]


def terms(text: str) -> list[str]:
    """The comparable words of a text, lower-cased and cut to a prefix; numbers are kept whole."""
    out = []
    for w in WORD.findall(text.lower()):
        if w.isdigit():
            out.append(w)
        elif len(w) >= MIN_CHARS:
            out.append(w[:PREFIX])
    return out


class Idf:
    """Inverse document frequency over a collection of term sets, smoothed so that unseen terms
    weigh like the rarest seen ones."""

    def __init__(self, documents: Iterable[Iterable[str]]):
        self.df: Counter = Counter()
        self.n = 0
        for d in documents:
            self.n += 1
            self.df.update(set(d))

    def __call__(self, term: str) -> float:
        return math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1e-3

    def share(self, term: str) -> float:
        """The share of documents that contain the term."""
        return self.df.get(term, 0) / self.n if self.n else 0.0


def tfidf(counts: Mapping[str, float], idf: Idf) -> Vector:
    """Unit-length TF-IDF vector (sub-linear term frequency)."""
    v = {t: (1.0 + math.log(c)) * idf(t) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {t: x / norm for t, x in v.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
