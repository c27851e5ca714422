"""Tense of the clause around a time expression, from cues listed in the data.

"on Saturday" means last Saturday in "attacked on Saturday" and the coming one in
"will travel on Saturday". Each `tense` entry of the data describes words that signal a
tense — by surface form, by lemma and POS tag, by POS tag alone, by a regex over the word
(used when there is no tagger), or as a finite verb whose form is its lemma's stem plus a
past-tense ending. A word takes the first cue (in file order) that fits it. The clause's
tense comes from the strongest cue in the clause of the expression (nearest on ties), else
from the nearest clause that has a cue; with no cue at all it is unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from lagebild.errors import DataError

UNKNOWN = "unknown"
# Punctuation that separates clauses. Not quotes or brackets: they mostly wrap a name, a
# title or a short insertion inside a clause, and speech is set off by commas anyway.
CLAUSE_BREAKS = frozenset(",;:–—")
_WORD = re.compile(r"\w+(?:[-']\w+)*")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""


@dataclass(frozen=True)
class TenseCue:
    tense: str
    strength: int
    forms: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    regex: re.Pattern[str] | None = None
    stem_suffixes: tuple[str, ...] = ()
    lemma_endings: tuple[str, ...] = ()

    @classmethod
    def from_entry(cls, e: Mapping[str, Any]) -> "TenseCue":
        rx = e.get("regex")
        return cls(
            tense=e["tense"], strength=int(e.get("strength", 1)),
            forms=frozenset(w.casefold() for w in e.get("forms") or ()),
            lemmas=frozenset(w.casefold() for w in e.get("lemmas") or ()),
            pos=frozenset(e.get("pos") or ()),
            regex=_compile(rx, e["tense"]) if rx else None,
            stem_suffixes=tuple(e.get("stem_suffixes") or ()),
            lemma_endings=tuple(e.get("lemma_endings") or ()),
        )

    def fits(self, w: Word) -> bool:
        text = w.text.casefold()
        if text in self.forms:
            return True
        if self.regex is not None and self.regex.fullmatch(w.text):
            return True
        if not (self.lemmas or self.pos):
            return False
        if self.lemmas and w.lemma.casefold() not in self.lemmas:
            return False
        if self.pos and w.pos not in self.pos:
            return False
        return not self.stem_suffixes or self._stem_plus_suffix(text, w.lemma.casefold())

    def _stem_plus_suffix(self, text: str, lemma: str) -> bool:
        # A weak past = the lemma's stem + a past ending; with a separable verb the finite form
        # is only the tail of the lemma's stem (the prefix stands apart in the clause).
        stems = [lemma[: -len(e)] for e in self.lemma_endings if e and lemma.endswith(e)] or [lemma]
        for suf in self.stem_suffixes:
            if text.endswith(suf) and len(text) > len(suf):
                head = text[: -len(suf)]
                if any(len(head) >= 2 and s.endswith(head) for s in stems):
                    return True
        return False


def _compile(rx: str, tense: str) -> re.Pattern[str]:
    try:
        return re.compile(rx)
    except re.error as err:
        raise DataError(f"tense cue '{tense}': invalid regex ({err})") from None


def words_in(text: str, offset: int = 0) -> list[Word]:
    """Fallback when there are no tokens: words of `text` with document offsets, no tags."""
    return [Word(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def clause_ids(words: Sequence[Word], text: str, offset: int) -> list[int]:
    """Clause number of each word: a new clause starts after clause punctuation."""
    ids, cur, prev_end = [], 0, None
    for w in words:
        gap = text[prev_end - offset: w.start - offset] if prev_end is not None else ""
        if any(c in CLAUSE_BREAKS for c in gap) or (w.text and all(c in CLAUSE_BREAKS for c in w.text)):
            cur += 1
        ids.append(cur)
        prev_end = w.end
    return ids


def classify(w: Word, cues: Iterable[TenseCue]) -> TenseCue | None:
    for c in cues:
        if c.fits(w):
            return c
    return None


def clause_tense(words: Sequence[Word], text: str, offset: int, span: tuple[int, int],
                 cues: Sequence[TenseCue]) -> str:
    """Tense for the expression at `span` (document offsets) in a sentence of `words`.

    `text` is the sentence text starting at document offset `offset`.
    """
    if not cues or not words:
        return UNKNOWN
    ids = clause_ids(words, text, offset)
    here = next((ids[i] for i, w in enumerate(words) if w.end > span[0]), ids[-1])
    found = []
    for i, w in enumerate(words):
        if w.start < span[1] and w.end > span[0]:
            continue           # the expression's own words are no cue
        cue = classify(w, cues)
        if cue is not None:
            dist = span[0] - w.end if w.end <= span[0] else w.start - span[1]
            found.append((ids[i], cue.strength, -dist, cue.tense))
    if not found:
        return UNKNOWN
    # The expression's own clause decides; a clause without a cue (an apposition such as
    # ", on 12 July,") takes the tense of the nearest clause that has one, the following
    # clause first: in verb-final clauses the verbs follow the expression.
    nearest = min(found, key=lambda f: (abs(f[0] - here), f[0] < here))[0]
    best = max(f for f in found if f[0] == nearest)
    return best[3]
