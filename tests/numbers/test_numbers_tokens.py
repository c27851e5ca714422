"""The quantity finder's tokeniser and phrase table (numbers/tokens.py)."""
from __future__ import annotations

import pytest

from lagebild.numbers.tokens import PhraseTable, compile_tokenizer, tokenize

TOKENS = compile_tokenizer(",", ["."])


def _table() -> PhraseTable[str]:
    t: PhraseTable[str] = PhraseTable()
    t.add(["mehr", "als"], "gt")
    t.add(["rund"], "approx")
    t.add(["US", "-", "Dollar"], "USD")
    t.add(["M"], "mega", case_sensitive=True)
    return t


def _naive_match(table, toks, i):
    for n in range(min(table.max_len, len(toks) - i), 0, -1):
        hit = table._lookup(toks[i:i + n])
        if hit is not None:
            return hit, i + n
    return None


def _naive_before(table, toks, i):
    for n in range(min(table.max_len, i), 0, -1):
        hit = table._lookup(toks[i - n:i])
        if hit is not None:
            return hit, i - n
    return None


@pytest.mark.parametrize("text", ["Mehr als 20 Menschen", "rund 5 M und 3 m", "200 US-Dollar",
                                  "mehr oder weniger", "", "RUND 3"])
def test_first_and_last_word_filter_changes_no_answer(text):
    """match / match_before refuse a token by its first / last word alone; the answers must be
    those of trying every phrase length, at every position (also out of range)."""
    table, toks = _table(), tokenize(TOKENS, text)
    for i in range(-1, len(toks) + 2):
        assert table.match(toks, i) == _naive_match(table, toks, i)
        assert table.match_before(toks, i) == _naive_before(table, toks, i)


@pytest.mark.parametrize("decimal,groups", [(",", ["."]), (".", [","]), (",", [".", " "])])
def test_tokenize_fills_the_same_tokens_as_the_constructor(decimal, groups):
    """`tokenize` fills Tok's slots directly (issue 14); the tokens are those the dataclass's
    constructor builds (tests/unoptimised.py), equal and with equal hashes."""
    from unoptimised import numbers_tokenize_by_constructor
    pattern = compile_tokenizer(decimal, groups)
    text = "Rund 1.500 Menschen, 3,5 Mio. US-Dollar; ÄRZTE  zählten 12 000 Fälle – „mehr als“ 40% (2025)!"
    for start, end in [(0, None), (5, 40), (0, 0), (len(text) - 3, None)]:
        got = tokenize(pattern, text, start, end)
        want = numbers_tokenize_by_constructor(pattern, text, start, end)
        assert got == want and [hash(t) for t in got] == [hash(t) for t in want]
        assert [repr(t) for t in got] == [repr(t) for t in want]
