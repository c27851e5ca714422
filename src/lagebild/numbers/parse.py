"""Parsing written numbers: digit strings with separators, and spelled-out number words.

Both parsers are total: malformed input yields a best-effort value or None, never an
exception, because they run on arbitrary news text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

# Longer digit strings are identifiers, hashes or garbage, not amounts; refusing them also keeps
# clear of float overflow and Python's int-from-string length limit.
MAX_DIGITS = 24

_RUNS = re.compile(r"\d+|\D")

# Roles of number morphemes (see lang/schemas/numbers.json, entry type "word").
VALUE, MULTIPLIER, CONNECTOR = "value", "multiplier", "connector"


@dataclass(frozen=True, slots=True)
class NumeralFormat:
    decimal: str
    groups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Morpheme:
    value: float
    role: str = VALUE


def _split(text: str) -> tuple[list[str], list[str]] | None:
    """Digit runs and the single separators between them; None unless digits come first."""
    runs = _RUNS.findall(text.strip())
    digits = runs[0::2]
    seps = runs[1::2]
    # isdecimal, not isdigit: "¹" is a digit to Python but no decimal digit to float()
    if not digits or not all(d.isdecimal() for d in digits) or any(s.isdigit() for s in seps):
        return None
    if len(seps) == len(digits):        # a trailing separator ("20.") is no part of the number
        seps = seps[:-1]
    return digits, seps


def _number(int_digits: str, frac_digits: str = "") -> float:
    return float(f"{int_digits}.{frac_digits}" if frac_digits else int_digits)


def _strict(digits: list[str], seps: list[str], fmt: NumeralFormat) -> float | None:
    """Value if the string follows the language's rules exactly, else None."""
    if any(s != fmt.decimal and s not in fmt.groups for s in seps):
        return None
    n_dec = seps.count(fmt.decimal)
    if n_dec > 1 or (n_dec == 1 and seps[-1] != fmt.decimal):
        return None
    int_runs = digits[:-1] if n_dec else digits
    group_seps = seps[:-1] if n_dec else seps
    if group_seps:
        if len(set(group_seps)) > 1 or not 1 <= len(int_runs[0]) <= 3:
            return None
        if any(len(r) != 3 for r in int_runs[1:]):
            return None
    return _number("".join(int_runs), digits[-1] if n_dec else "")


def _lenient(digits: list[str], seps: list[str], fmt: NumeralFormat) -> float:
    """Best effort for malformed numbers ("10.000.0", "1,2,3", an English "1.5" in German).

    The last separator is read as the decimal mark when it is the language's decimal sign or
    does not close a group of three digits; all other separators are read as grouping.
    """
    last = seps[-1]
    if last == fmt.decimal or len(digits[-1]) != 3:
        return _number("".join(digits[:-1]), digits[-1])
    return _number("".join(digits))


def parse_numeral(text: str, fmt: NumeralFormat) -> float | None:
    """Value of a digit string such as "2.500", "1,5", "10 000" (German) or "1,500.25" (English)."""
    split = _split(text)
    if split is None:
        return None
    digits, seps = split
    if sum(len(d) for d in digits) > MAX_DIGITS:
        return None
    if not seps:
        return _number(digits[0])
    strict = _strict(digits, seps, fmt)
    return strict if strict is not None else _lenient(digits, seps, fmt)


def segment(word: str, morphemes: Mapping[str, Morpheme], max_len: int) -> list[Morpheme] | None:
    """Split a case-folded word into number morphemes ("zweiundzwanzig" -> zwei|und|zwanzig).

    Longest morphemes are tried first, with backtracking, so "achtzehn" is read as one
    morpheme when the data lists it; None when the word is not made of morphemes only.
    """
    memo: dict[int, list[Morpheme] | None] = {len(word): []}

    def rest(i: int) -> list[Morpheme] | None:
        if i in memo:
            return memo[i]
        memo[i] = None
        for n in range(min(max_len, len(word) - i), 0, -1):
            m = morphemes.get(word[i:i + n])
            if m is None:
                continue
            tail = rest(i + n)
            if tail is not None:
                memo[i] = [m, *tail]
                break
        return memo[i]

    return rest(0) if word else None


def _is_tens(m: Morpheme) -> bool:
    return m.role == VALUE and 20 <= m.value <= 90 and m.value % 10 == 0


def _is_unit(m: Morpheme) -> bool:
    return m.role == VALUE and 1 <= m.value <= 9 and m.value == int(m.value)


def _connects(left: Morpheme, right: Morpheme) -> bool:
    """A connector joins units and tens (either order: "twenty-one", "einundzwanzig") or follows
    a multiplier ("hundred and five"); "five-four" is no number."""
    if left.role == MULTIPLIER:
        return right.role != CONNECTOR
    return (_is_tens(left) and _is_unit(right)) or (_is_unit(left) and _is_tens(right))


def combine(parts: Sequence[Morpheme]) -> float | None:
    """Value of a morpheme sequence: values add up, multipliers scale what precedes them.

    Multipliers below 1000 ("hundert") scale the running group; larger ones ("tausend") close
    the group, as in zwei|hundert|drei|tausend = (2*100+3)*1000. None for sequences that start
    or end with a connector or use one where it joins nothing sensible.
    """
    if not parts or parts[0].role == CONNECTOR or parts[-1].role == CONNECTOR:
        return None
    if not all(_connects(parts[i - 1], parts[i + 1]) for i, p in enumerate(parts) if p.role == CONNECTOR):
        return None
    total = current = 0.0
    for p in parts:
        if p.role == CONNECTOR:
            continue
        if p.role == MULTIPLIER and p.value < 1000:
            current = (current or 1.0) * p.value
        elif p.role == MULTIPLIER:
            total += (current or 1.0) * p.value
            current = 0.0
        else:
            current += p.value
    return total + current


def parse_number_word(word: str, morphemes: Mapping[str, Morpheme], max_len: int) -> float | None:
    """Value of one spelled-out number word ("zehntausend", "twenty-one"), else None."""
    parts = segment(word.casefold(), morphemes, max_len)
    return combine(parts) if parts else None
