"""A tiny tokeniser and phrase table used only by the quantity finder.

The finder works on raw character spans (it needs exact offsets into the text and must see
"$200bn" or "10%" as number + unit), so it does not depend on the pipeline tokeniser. Numbers,
words and single punctuation characters are the only token kinds; the shape of a number
(which separators it may contain) comes from the language's format entry.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

NUM, WORD, PUNCT = "num", "word", "punct"

# A word: letters (plus superscripts like the "³" of "m³"), joined by hyphens or apostrophes,
# so compounds such as "US-Dollar" stay one token while "Covid-19" splits before the digits.
_WORD = r"[^\W\d_]+(?:[-'’][^\W\d_]+)*"

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    key: str        # case-folded text, for case-insensitive lookups
    start: int
    end: int
    kind: str       # NUM | WORD | PUNCT


def number_pattern(decimal: str, groups: Sequence[str]) -> str:
    """Regex for one written number in a language with these separators.

    Space-like group separators are only accepted in the strict 1-3 digits + groups-of-3 shape,
    because "2023 100" must stay two numbers; the other separators are taken greedily and
    sorted out by the numeral parser (which copes with malformed groupings).
    """
    spaces = "".join(re.escape(g) for g in groups if g.isspace())
    others = "".join(re.escape(c) for c in {decimal, *[g for g in groups if not g.isspace()]})
    plain = rf"\d+(?:[{others}]\d+)*" if others else r"\d+"
    if not spaces:
        return plain
    spaced = rf"\d{{1,3}}(?:[{spaces}]\d{{3}})+(?!\d)(?:{re.escape(decimal)}\d+)?"
    return f"(?:{spaced}|{plain})"


def compile_tokenizer(decimal: str, groups: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"(?P<num>{number_pattern(decimal, groups)})|(?P<word>{_WORD})|(?P<punct>\S)")


# The slots of Tok, filled directly by `tokenize`: a frozen dataclass's __init__ sets each
# field through object.__setattr__ (~1.2 µs a token), and the quantity finder tokenises every
# sentence; filling the slots gives the same object in half the time.
_TOK_SLOTS = (Tok.text.__set__, Tok.key.__set__, Tok.start.__set__, Tok.end.__set__, Tok.kind.__set__)


def tokenize(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of text[start:end], with offsets into `text`."""
    end = len(text) if end is None else end
    out = []
    new = object.__new__
    set_text, set_key, set_start, set_end, set_kind = _TOK_SLOTS
    for m in pattern.finditer(text, start, end):
        word = m.group()
        t = new(Tok)
        set_text(t, word)
        set_key(t, word.casefold())
        set_start(t, m.start())
        set_end(t, m.end())
        set_kind(t, m.lastgroup or PUNCT)
        out.append(t)
    return out


def adjacent(a: Tok, b: Tok) -> bool:
    """True when no whitespace separates the two tokens."""
    return a.end == b.start


class PhraseTable(Generic[P]):
    """Multi-token phrases ("mehr als", "US-Dollar", "Mrd.") mapped to payloads.

    Phrases are stored as tuples of token texts, so matching is insensitive to the amount of
    whitespace between words. Case-sensitive phrases exist for short abbreviations where case
    carries meaning ("m" metre vs "M").
    """

    def __init__(self) -> None:
        self._folded: dict[tuple[str, ...], P] = {}
        self._exact: dict[tuple[str, ...], P] = {}
        self.max_len = 0
        # First and last words of all phrases (folded or as written): the finder asks about
        # every token of every sentence, and almost every token can be refused by one lookup.
        self._firsts: set[str] = set()
        self._lasts: set[str] = set()

    def add(self, words: Sequence[str], payload: P, case_sensitive: bool = False) -> None:
        if not words:
            return
        key = tuple(words) if case_sensitive else tuple(w.casefold() for w in words)
        (self._exact if case_sensitive else self._folded).setdefault(key, payload)
        self._firsts.add(key[0])
        self._lasts.add(key[-1])
        self.max_len = max(self.max_len, len(words))

    def __len__(self) -> int:
        return len(self._folded) + len(self._exact)

    def _lookup(self, toks: Sequence[Tok]) -> P | None:
        hit = self._exact.get(tuple(t.text for t in toks))
        if hit is not None:
            return hit
        return self._folded.get(tuple(t.key for t in toks))

    def match(self, toks: Sequence[Tok], i: int) -> tuple[P, int] | None:
        """Longest phrase starting at token i: (payload, index after the phrase)."""
        if 0 <= i < len(toks) and toks[i].key not in self._firsts and toks[i].text not in self._firsts:
            return None
        for n in range(min(self.max_len, len(toks) - i), 0, -1):
            hit = self._lookup(toks[i:i + n])
            if hit is not None:
                return hit, i + n
        return None

    def match_before(self, toks: Sequence[Tok], i: int) -> tuple[P, int] | None:
        """Longest phrase ending just before token i: (payload, index of its first token)."""
        if 0 < i <= len(toks) and toks[i - 1].key not in self._lasts and toks[i - 1].text not in self._lasts:
            return None
        for n in range(min(self.max_len, i), 0, -1):
            hit = self._lookup(toks[i - n:i])
            if hit is not None:
                return hit, i - n
        return None
