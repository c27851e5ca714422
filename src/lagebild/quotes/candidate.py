"""Quote candidates: a span of reported material with its cue and speaker phrase, before the
speaker is resolved. Shared by the direct and the indirect extraction steps."""
from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.model import Sentence
from lagebild.quotes.context import Chunk, DocView, Segment
from lagebild.quotes.cues import Cue, clause_subject

# A quotation of fewer words than this needs a speech verb next to it to count as a quote
# (scare quotes and names in quotation marks are common: die Operation „Sentry“).
SHORT_QUOTE_WORDS = 4
# A clause whose quotation marks the text lost ('Das ist unerhört, sagte X'): subject,
# finite verb and complement are a whole statement.
UNMARKED_QUOTE_WORDS = 3

# Candidate priority: structured reported speech beats source phrases beats speech acts.
P_CLAUSE, P_PHRASE, P_ACT = 0, 1, 2


@dataclass
class Candidate:
    start: int
    end: int
    form: str
    sent: int
    sent_end: int
    cue: Cue | None = None
    speaker: list[Chunk] = field(default_factory=list)
    previous: bool = False        # the speaker is the previous quote's speaker
    fallback: list[Chunk] = field(default_factory=list)   # speaker when there is no previous one
    direct: bool = False
    priority: int = P_CLAUSE


def span(v: DocView, s: Sentence, a: int, b: int, form: str, cue: Cue | None, priority: int,
          speaker: list[Chunk] | None = None) -> Candidate | None:
    """A candidate for tokens [a, b) of sentence s, without edge punctuation."""
    if b <= a:
        return None
    start, end = v.content_start(a, b), v.content_end(a, b)
    if end <= start:
        return None
    spk = list(speaker if speaker is not None else (cue.speaker if cue else []))
    if cue is not None and cue.impersonal:
        spk = []           # "hieß es", "wurde kritisiert": whoever spoke last
    return Candidate(start=start, end=end, form=form, sent=s.index, sent_end=s.index, cue=cue,
                     speaker=spk, priority=priority, previous=bool(cue and cue.impersonal))


def unmasked_range(v: DocView, a: int, b: int) -> bool:
    return any(not v.masked[k] and not v.is_punct(k) for k in range(a, b))


def words(v: DocView, a: int, b: int) -> int:
    return sum(1 for k in range(a, b) if not v.is_punct(k) and not v.is_mark(k))


def relative_clause(v: DocView, g: Segment) -> bool:
    """', die X gesagt habe' / ', der ... sei': a relative clause, not a reported main clause."""
    fw = v.first_word(g)
    if v.tag("relative", fw):
        return True
    return v.tag("determiner", fw) and fw + 1 < g.b and (
        v.tag("finite_verb", g.b - 1) or v.is_preposition(fw + 1) or v.tag("adverb", fw + 1)) \
        and not (v.tag("noun", fw + 1) or v.tag("proper", fw + 1) or v.tag("adjective", fw + 1))


def sentence_subject(v: DocView, segs: list[Segment], i: int) -> list[Chunk]:
    """'X, der gestern ankam, sagte, ...': for a cue in segment i > 0 of a sentence with segments
    `segs`, the subject stands in the sentence's first segment."""
    if i == 0:
        return []
    return clause_subject(v, segs[0])
