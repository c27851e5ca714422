"""Reference implementations of code that was optimised: the tests compare the fast path with
these, so each one is written once (issue 14)."""
from __future__ import annotations


def agent_by_scan(idx, word: str):
    """ActorIndex.agent_for before it looked heads up by length: every compound head, longest
    first, one by one."""
    ag = idx.agents.get(word)
    if ag:
        return ag
    low = word.lower()
    for head, ag in idx.heads:
        if low.endswith(head) and len(low) > len(head):
            return ag
    return None


def after_particle_by_scan(splitter, word: str):
    """GlueSplitter._after_particle before it looked particles up by length: every particle,
    longest first."""
    from lagebild.components.tokens import _NAME_LIKE
    for p in splitter.particles:
        rest = word[len(p):]
        if word.startswith(p) and len(rest) > 2 and rest[:1].isupper() and rest[1:2].islower() \
                and (rest in splitter.known or rest.split("-", 1)[0] in splitter.known or _NAME_LIKE.match(rest)):
            return len(p)
    return None


def extra_get_by_line_index(cache, word: str):
    """ExtraWordCache.get before it bisected the blob's bytes: bisection over an array of
    line starts."""
    key = word.encode("utf-8", "surrogatepass") + b"\t"
    blob, starts = cache._blob, cache._starts
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        a = starts[mid]
        line = blob[a:a + len(key)]
        if line < key:
            lo = mid + 1
        elif line == key:
            _, lemma, tag = blob[a:starts[mid + 1] - 1].decode("utf-8").split("\t")
            return lemma, tag
        else:
            hi = mid
    return None


def numbers_tokenize_by_constructor(pattern, text: str, start: int = 0, end=None):
    """numbers.tokens.tokenize before it filled Tok's slots directly: the dataclass's own
    constructor for every token."""
    from lagebild.numbers.tokens import PUNCT, Tok
    end = len(text) if end is None else end
    return [Tok(m.group(), m.group().casefold(), m.start(), m.end(), m.lastgroup or PUNCT)
            for m in pattern.finditer(text, start, end)]
