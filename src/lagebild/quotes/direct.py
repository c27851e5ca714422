"""Direct quotes: quotation marks paired on characters, each quotation attributed to the
nearest speech cue (before it, after it, or an interrupting "sagte X")."""
from __future__ import annotations

import bisect

from lagebild.quotes.candidate import SHORT_QUOTE_WORDS, Candidate, sentence_subject
from lagebild.quotes.context import Chunk, DocView, Segment
from lagebild.quotes.cues import Cue, phrase_cues, verb_cues
from lagebild.quotes.marks import MarkSpan

# How many clause segments may stand between a direct quote and its cue.
MAX_CUE_DISTANCE = 2


def direct_candidates(v: DocView) -> list[Candidate]:
    out = []
    for m in v.marks:
        if m.depth > 0:
            continue          # a quote inside a quote belongs to the outer quotation
        c = _direct(v, m)
        if c is not None:
            out.append(c)
    return out


def _direct(v: DocView, m: MarkSpan) -> Candidate | None:
    doc = v.doc
    start, end = _strip(doc.text, m.start, m.end)
    if start >= end:
        return None
    i_open, i_close = v.token_at(m.open_at), v.token_at(m.close_at)
    if i_open < 0 or i_close < 0:
        return None
    s_open, s_close = doc.tokens[i_open].sent, doc.tokens[i_close].sent
    inner = [k for k in range(i_open + 1, i_close) if not v.is_punct(k) and not v.is_mark(k)]
    long = len(inner) >= SHORT_QUOTE_WORDS or any(v.word("sentence_punct", k) for k in range(i_open + 1, i_close))
    cue, speaker = _direct_cue(v, i_open, i_close, s_open, s_close)
    apposition = _is_name_like(v, m, i_open, inner)
    if cue is None:
        if not long or apposition:
            return None
    elif not long and (cue.verb is None or cue.weak or apposition):
        return None
    return Candidate(start=start, end=end, form="direct", sent=s_open, sent_end=s_close, cue=cue,
                     speaker=speaker, direct=True, previous=bool(cue and cue.impersonal))


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Whitespace around the quoted material, and a clause comma before the closing mark
    ("We will not give in," said Smith), are not part of it."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _is_name_like(v: DocView, m: MarkSpan, i_open: int, inner: list[int]) -> bool:
    """Names and titles in quotation marks: after a noun ("die Mission „Sentry“"), glued to a
    hyphen ("„Eurofighter“-Jets"), or made of proper nouns only."""
    text = v.doc.text
    if m.outer_end < len(text) and v.lex.is_word("hyphen", text[m.outer_end]):
        return True
    prev = i_open - 1
    # a capitalised quotation right after a noun names it; a lower-case one quotes a judgement
    # ("nannte den Vorschlag „völlig unrealistisch“")
    if prev >= 0 and not v.is_punct(prev) and not v.is_mark(prev) and v.tag("noun", prev) \
            and v.toks[prev].sent == v.toks[i_open].sent and v.entity_at[prev] is None \
            and text[m.start:m.start + 1].isupper():
        return True
    return 0 < len(inner) < SHORT_QUOTE_WORDS and all(v.tag("proper", k) for k in inner)


def _direct_cue(v: DocView, i_open: int, i_close: int, s_open: int, s_close: int) -> tuple[Cue | None, list[Chunk]]:
    """The cue nearest to the quote within MAX_CUE_DISTANCE segments, and its speaker; after the
    quote wins ties ("„…“, sagte X")."""
    segs, starts, ends = _segments_between(v, s_open, s_close)
    # segments are in text order: the ones the quotation touches form a contiguous run
    lo = bisect.bisect_right(ends, i_open)
    hi = bisect.bisect_right(starts, i_close) - 1
    if lo >= len(segs) or hi < lo:
        return None, []
    best, best_key, best_speaker = None, None, []
    for j in range(max(0, lo - MAX_CUE_DISTANCE), min(len(segs), hi + MAX_CUE_DISTANCE + 1)):
        g, i = segs[j]
        dist = lo - j if j < lo else (j - hi if j > hi else 0)
        for cue in _segment_cues(v, g, i):
            speaker = cue.speaker
            if not speaker and cue.verb is not None and not cue.impersonal:
                # "X, Sprecher für Y, sprachen von „…“": the subject opens the sentence
                speaker = sentence_subject(v, v.sentence_segments(v.doc.sentences[v.toks[g.a].sent]), i)
            if not speaker and cue.phrase is None and not cue.impersonal:
                continue
            side = 0 if j > hi or (j == hi and cue.tok > i_close) else 1
            key = (dist, side, abs(cue.tok - (i_close if side == 0 else i_open)))
            if best_key is None or key < best_key:
                best, best_key, best_speaker = cue, key, list(speaker)
    if best is None:
        best = _colon_intro(v, i_open, s_open)
        best_speaker = list(best.speaker) if best else []
    return best, best_speaker


def _segments_between(v: DocView, s_open: int, s_close: int) -> tuple[list[tuple[Segment, int]], list[int], list[int]]:
    """Segments (with their index in their sentence) of sentences s_open..s_close, and their
    start and end token indexes for bisection; memoised per document."""
    key = ("between", s_open, s_close)
    if key not in v.memo:
        segs: list[tuple[Segment, int]] = []
        for s in range(s_open, s_close + 1):
            segs.extend((g, i) for i, g in enumerate(v.sentence_segments(v.doc.sentences[s])))
        v.memo[key] = (segs, [g.a for g, _ in segs], [g.b for g, _ in segs])
    return v.memo[key]


def _segment_cues(v: DocView, g: Segment, i: int) -> list[Cue]:
    return verb_cues(v, g) + [c for c in phrase_cues(v, g, i) if c.phrase and c.phrase.speaker != "previous"]


def _colon_intro(v: DocView, i_open: int, s_open: int) -> Cue | None:
    """'X sagte:' closing the previous sentence introduces a quote that opens the next one."""
    sent = v.doc.sentences[s_open]
    if i_open != sent.tok_start or s_open == 0:
        return None
    prev = v.doc.sentences[s_open - 1]
    if not v.word("colon", prev.tok_end - 1):
        return None
    segs = v.sentence_segments(prev)
    for g in reversed(segs):
        cues = [c for c in verb_cues(v, g) if c.speaker]
        if cues:
            return cues[-1]
    return None
