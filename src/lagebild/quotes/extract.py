"""Quote extraction: direct quotes (on characters), indirect and reported speech (on clause
segments), free indirect continuations, and their speakers.

Candidates are collected per sentence first and resolved in text order afterwards, so that a
pronoun or a continuation can lean on the speaker of the quote before it.
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

from lagebild.model import Document, Quote, Sentence
from lagebild.quotes.context import Chunk, DocView, Segment
from lagebild.quotes.cues import Cue, clause_subject, phrase_cues, strong, verb_cues
from lagebild.quotes.lexicon import QuoteLexicon
from lagebild.quotes.marks import MarkSpan
from lagebild.quotes.speakers import Resolution, SpeakerResolver

# A quotation of fewer words than this needs a speech verb next to it to count as a quote
# (scare quotes and names in quotation marks are common: die Operation „Sentry“).
SHORT_QUOTE_WORDS = 4
# How many clause segments may stand between a direct quote and its cue.
MAX_CUE_DISTANCE = 2
# Sentences back within which an unattributed quote continues the previous speaker.
CONTINUATION_SENTENCES = 2

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


def extract_quotes(doc: Document, lex: QuoteLexicon) -> list[Quote]:
    if not doc.tokens or not doc.sentences:
        return []
    view = DocView.build(doc, lex)
    by_sent: dict[int, list[Candidate]] = defaultdict(list)
    for c in direct_candidates(view):
        by_sent[c.sent].append(c)
    for s in doc.sentences:
        by_sent[s.index].extend(sentence_candidates(view, s))
    return resolve(view, by_sent)


# --- direct quotes ----------------------------------------------------------------------------
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
    if m.outer_end < len(text) and text[m.outer_end] in "-‐":
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
            if not speaker and cue.verb is not None and not cue.impersonal and i > 0:
                # "X, Sprecher für Y, sprachen von „…“": the subject opens the sentence
                first = v.sentence_segments(v.doc.sentences[v.toks[g.a].sent])[0]
                speaker = clause_subject(v, first)
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


# --- indirect and reported speech ----------------------------------------------------------
def sentence_candidates(v: DocView, s: Sentence) -> list[Candidate]:
    segs = v.sentence_segments(s)
    if not segs or all(v.masked[k] for g in segs for k in range(g.a, g.b)):
        return []
    found: list[Candidate] = []
    claimed: set[int] = set()      # segments already reported by an earlier cue
    for i, g in enumerate(segs):
        cues = verb_cues(v, g)
        if cues:
            found.extend(_verb_candidates(v, s, segs, i, cues, claimed))
        for cue in phrase_cues(v, g, i):
            found.extend(_phrase_candidates(v, s, segs, i, cue))
    found.extend(_colon_candidates(v, s, segs))
    return _select(found)


def _select(found: list[Candidate]) -> list[Candidate]:
    """Keep the best-structured candidate where candidates overlap."""
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (c.priority, c.start)):
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _span(v: DocView, s: Sentence, a: int, b: int, form: str, cue: Cue | None, priority: int,
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


def _verb_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cues: list[Cue],
                     claimed: set[int]) -> list[Candidate]:
    first, last = cues[0], cues[-1]
    if first.verb and first.verb.clause and i > 0 and _opens_segment(v, segs[i], first):
        lo = max((j + 1 for j in claimed if j < i), default=0)
        out = _inverted(v, s, segs, lo, i, first) if lo < i else []
        if out:
            claimed.update(range(lo, len(segs)))
            return out
    if last.verb and (last.verb.clause or last.verb.question):
        c, k = _complement(v, s, segs, i, last)
        if c is not None:
            claimed.update(range(i, k + 1))
            return [c]
    if any(all(v.masked[k] or v.is_punct(k) for k in range(g.a, g.b)) for g in segs):
        return []          # the content is a direct quote next to the cue: that is the quote
    for cue in cues:
        if cue.verb and cue.verb.reports and not cue.weak:
            speaker = cue.speaker or _sentence_subject(v, segs, i)
            if speaker:
                c = _span(v, s, s.tok_start, s.tok_end, "reported", cue, P_ACT, speaker)
                return [c] if c else []
    return []


def _opens_segment(v: DocView, g: Segment, cue: Cue) -> bool:
    """', sagte X' or ', hatte X ... gesagt': the cue (or its auxiliary) opens the segment."""
    fw = v.first_word(g)
    if cue.tok == fw:
        return True
    return v.tag("finite_verb", fw) and (v.tag("participle", cue.tok) or v.tag("infinitive", cue.tok)
                                         or not v.tag("finite_verb", cue.tok))


def _inverted(v: DocView, s: Sentence, segs: list[Segment], lo: int, i: int, cue: Cue) -> list[Candidate]:
    """Attribution after the reported clause: 'A sei B, sagte X.' (also 'A ist B, sagte X':
    direct speech whose quotation marks the text lost)."""
    a, b = segs[lo].a, segs[i - 1].b
    if not _unmasked_range(v, a, b):
        return []
    speaker = cue.speaker or _sentence_subject(v, segs, i)
    if v.has_subjunctive(a, b):
        form = "indirect"
    elif _words(v, a, b) >= SHORT_QUOTE_WORDS and any(v.tag("finite_verb", k) for k in range(a, b)) \
            and not cue.weak and speaker:
        form = "direct"
    else:
        return []
    out = [c for c in [_span(v, s, a, b, form, cue, P_CLAUSE, speaker)] if c]
    rest = segs[i + 1:]
    if rest and v.has_subjunctive(rest[0].a, rest[-1].b, substitutes=False) \
            and not v.word("complementizer", v.first_word(rest[0])) and not _relative_clause(v, rest[0]):
        c = _span(v, s, rest[0].a, rest[-1].b, "indirect", cue, P_CLAUSE, speaker)
        if c:
            out.append(c)
    return out


def _words(v: DocView, a: int, b: int) -> int:
    return sum(1 for k in range(a, b) if not v.is_punct(k) and not v.is_mark(k))


def _complement(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> tuple[Candidate | None, int]:
    """'X sagte, dass A' / 'X sagte, A sei B' / 'X forderte, A zu tun': the reported clause after
    the cue. Up to two verbless segments (appositions, infinitive clauses) may stand between."""
    inside = next((k for k in range(cue.tok + 1, segs[i].b)
                   if not v.masked[k] and v.word("complementizer", k)), None)
    if inside is not None and (cue.verb is None or cue.verb.clause):
        # no comma before the complementizer ("She told reporters that ...")
        k = _complement_end(v, segs, i)
        speaker = cue.speaker or _sentence_subject(v, segs, i)
        return _span(v, s, inside, segs[k].b, "indirect", cue, P_CLAUSE, speaker), k
    j = i + 1
    while j < len(segs) and j <= i + 3:
        if _complement_start(v, segs, j, cue):
            break
        if j > i + 2 or any(v.tag("finite_verb", k) for k in range(segs[j].a, segs[j].b)) and not _single_adverb(v, segs[j]):
            return None, i
        j += 1
    else:
        return None, i
    k = _complement_end(v, segs, j)
    speaker = cue.speaker or _sentence_subject(v, segs, i)
    return _span(v, s, segs[j].a, segs[k].b, "indirect", cue, P_CLAUSE, speaker), k


def _complement_start(v: DocView, segs: list[Segment], j: int, cue: Cue) -> bool:
    g = segs[j]
    fw = v.first_word(g)
    if v.word("complementizer", fw):
        return True
    if cue.verb is not None and cue.verb.question and v.word("question_word", fw):
        return True
    if cue.verb is not None and not cue.verb.clause:
        return False
    if v.tag("relative", fw) or _relative_clause(v, g) or v.word("infinitive_purpose", fw):
        return False
    if _zu_infinitive(v, g):
        return cue.verb is not None and (cue.verb.reports or cue.verb.clause) and not cue.weak
    if cue.weak:
        return False
    if v.has_subjunctive(g.a, g.b):
        return True
    # a main clause in the indicative ("X erklärte, die Lage ist ernst") or with the
    # subjunctive further on ("X sagte, die Gespräche sollten zeigen, ob es ... gebe")
    return _v2_clause(v, g) and (v.has_subjunctive(g.a, segs[-1].b) or cue.verb is not None and cue.verb.clause)


def _zu_infinitive(v: DocView, g: Segment) -> bool:
    last = g.b - 1
    while last > g.a and (v.is_punct(last) or v.is_mark(last)):
        last -= 1
    if any(v.tag("finite_verb", k) and not v.tag("infinitive", k) for k in range(g.a, last)):
        return False
    return v.tag("infinitive", last) or (last - 1 >= g.a and v.word("infinitive_marker", last - 1) and v.tag("verb", last))


def _v2_clause(v: DocView, g: Segment) -> bool:
    """A main clause: a subject-like chunk right at the start, then the finite verb."""
    fw = v.first_word(g)
    c = v.chunk_at(fw, g.b)
    return c is not None and c.b < g.b and v.tag("finite_verb", c.b) and not v.tag("determiner", c.b - 1)


def _single_adverb(v: DocView, g: Segment) -> bool:
    words = [k for k in range(g.a, g.b) if not v.is_punct(k)]
    return len(words) == 1 and v.tag("adverb", words[0])


def _relative_clause(v: DocView, g: Segment) -> bool:
    """', die X gesagt habe' / ', der ... sei': a relative clause, not a reported main clause."""
    fw = v.first_word(g)
    if v.tag("relative", fw):
        return True
    return v.tag("determiner", fw) and fw + 1 < g.b and (
        v.tag("finite_verb", g.b - 1) or v.is_preposition(fw + 1) or v.tag("adverb", fw + 1)) \
        and not (v.tag("noun", fw + 1) or v.tag("proper", fw + 1) or v.tag("adjective", fw + 1))


def _complement_end(v: DocView, segs: list[Segment], j: int) -> int:
    """Last segment of a reported clause that starts at segment j: it runs to the sentence end
    unless a new attribution begins (", sagte X", ", so X", ", und fügte hinzu")."""
    k = j
    while k + 1 < len(segs):
        g = segs[k + 1]
        fw = v.first_word(g)
        if any(c.tok == fw or (c.tok == fw + 1 and v.word("clause_link", fw)) for c in verb_cues(v, g)):
            break
        if any(c.phrase is not None and c.phrase.form == "attribution" for c in phrase_cues(v, g, k + 1)):
            break
        k += 1
    return k


def _unmasked_range(v: DocView, a: int, b: int) -> bool:
    return any(not v.masked[k] and not v.is_punct(k) for k in range(a, b))


def _sentence_subject(v: DocView, segs: list[Segment], i: int) -> list[Chunk]:
    """'X, der gestern ankam, sagte, ...': the subject stands in the sentence's first segment."""
    if i == 0:
        return []
    return clause_subject(v, segs[0])


def _colon_candidates(v: DocView, s: Sentence, segs: list[Segment]) -> list[Candidate]:
    """'X schloss sich der Kritik an: Die Mittel seien nicht verhältnismäßig.'"""
    out = []
    for i in range(1, len(segs)):
        colon = segs[i].a - 1
        if colon < s.tok_start or not v.word("colon", colon) or v.masked[colon]:
            continue
        a, b = segs[i].a, segs[-1].b
        if not _unmasked_range(v, a, b) or not v.has_subjunctive(a, b, substitutes=False):
            continue
        speaker = clause_subject(v, segs[0])
        c = _span(v, s, a, b, "indirect", None, P_PHRASE, speaker)
        if c and speaker:
            out.append(c)
    return out


def _phrase_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> list[Candidate]:
    p = cue.phrase
    assert p is not None
    if p.speaker == "previous":
        a = cue.tok + 1 if cue.tok == v.first_word(segs[0]) else s.tok_start   # "Demnach ..." / "soll demnach"
        c = _span(v, s, a, s.tok_end, _form(v, s.tok_start, s.tok_end), cue, P_PHRASE, [])
        if c:
            c.previous = True
        return [c] if c else []
    if not cue.speaker:
        return []
    if p.form == "attribution":
        return _attribution_candidates(v, s, segs, i, cue)
    # laut X / X zufolge / nach Angaben X: the sentence is the reported material; a source phrase
    # in the prefield is left out of it ("Laut X wurden ... getötet")
    a = s.tok_start
    speaker = cue.speaker
    phrase_start = min(cue.tok, cue.speaker[0].a)
    if i == 0 and phrase_start == v.first_word(segs[0]):
        verb = _prefield_end(v, segs, max(cue.tok + 1, cue.speaker[-1].b))
        if verb is not None and p.speaker == "after":
            speaker = [Chunk(cue.speaker[0].a, _trim_punct(v, cue.speaker[0].a, verb), cue.speaker[0].gov)]
        a = verb if verb is not None else max(cue.tok + 1, cue.speaker[-1].b)
    speaker = _source_author(v, speaker)
    if not _unmasked_range(v, a, s.tok_end):
        return []
    c = _span(v, s, a, s.tok_end, _form(v, a, s.tok_end), cue, P_PHRASE, speaker)
    return [c] if c else []


def _trim_punct(v: DocView, a: int, b: int) -> int:
    while b > a + 1 and (v.is_punct(b - 1) or v.is_mark(b - 1)):
        b -= 1
    return b


def _prefield_end(v: DocView, segs: list[Segment], after: int) -> int | None:
    """The finite verb that closes a prefield ('Nach Angaben der ... Behörde wurden ...'): the
    first finite verb after `after` that opens a segment or follows the phrase directly and is
    not an attributive participle (a finite-looking form right before a noun)."""
    starts = {v.first_word(g) for g in segs}
    for k in range(after, segs[-1].b):
        if v.masked[k] or not v.tag("finite_verb", k):
            continue
        if k + 1 < len(v.toks) and v.tag("noun", k + 1) and k not in starts:
            continue
        if k == after or k in starts or not _in_relative(v, segs, k):
            return k
    return None


def _in_relative(v: DocView, segs: list[Segment], k: int) -> bool:
    for g in segs:
        if g.a <= k < g.b:
            return g.a != segs[0].a and _relative_clause(v, g)
    return False


def _source_author(v: DocView, speaker: list[Chunk]) -> list[Chunk]:
    """'Angaben der Zivilbehörde' -> 'der Zivilbehörde': a source noun opening the speaker phrase
    is dropped when the author follows it; 'Polizeiangaben' stays as it is."""
    if not speaker:
        return speaker
    c = speaker[0]
    if len(speaker) > 1 and all(_is_source_tok(v, j) for j in range(c.a, c.b) if v.tag("noun", j)):
        return speaker[1:]
    for j in range(c.a, c.b):
        if _is_source_tok(v, j):
            if j + 1 < c.b:
                return [Chunk(j + 1, c.b, -1)] + speaker[1:]
            break
    return speaker


def _is_source_tok(v: DocView, j: int) -> bool:
    r = v.lex.role_for(v.toks[j].text) if v.tag("noun", j) else None
    return r is not None and r.source


def _attribution_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> list[Candidate]:
    """'A, so X, B' and 'wie X mitteilte, A': the other segments are the reported material."""
    out = []
    parts = [(segs[0].a, segs[i - 1].b)] if i > 0 else []
    if i + 1 < len(segs):
        parts.append((segs[i + 1].a, segs[-1].b))
    # a trailing "wie X berichtete" names the news source; a speech act in the clause wins
    priority = P_CLAUSE if i == 0 or (cue.phrase is not None and cue.phrase.after_comma) else P_ACT + 1
    for a, b in parts:
        if _unmasked_range(v, a, b):
            c = _span(v, s, a, b, _form(v, a, b), cue, priority)
            if c:
                out.append(c)
    return out


def _form(v: DocView, a: int, b: int) -> str:
    return "indirect" if v.has_subjunctive(a, b) else "reported"


# --- resolution in text order -----------------------------------------------------------------
@dataclass
class _Memory:
    resolution: Resolution | None = None
    sent: int = -10


def resolve(v: DocView, by_sent: dict[int, list[Candidate]]) -> list[Quote]:
    resolver = SpeakerResolver(v)
    memory = _Memory()
    quotes: list[Quote] = []
    for s in v.doc.sentences:
        cands = sorted(by_sent.get(s.index, ()), key=lambda c: (c.start, -c.end, c.direct))
        if not cands:
            fi = _free_indirect(v, s, recent=memory.resolution is not None
                                and s.index - memory.sent <= CONTINUATION_SENTENCES)
            cands = [fi] if fi else []
        done: list[tuple[Candidate, Resolution]] = []
        for c in cands:
            outer = _enclosing(c, done)
            if outer is not None:
                # a partial quote inside reported speech: same speaker, same cue
                c.cue, res = outer[0].cue, outer[1]
            else:
                res = _resolve_one(resolver, memory, c)
            done.append((c, res))
            quotes.append(_quote(v, c, res))
            if res.speaker is not None or res.text:
                memory.resolution, memory.sent = res, c.sent_end
                resolver.remember(res, c.sent_end)
    return quotes


def _enclosing(c: Candidate, done: list[tuple[Candidate, Resolution]]) -> tuple[Candidate, Resolution] | None:
    if not c.direct:
        return None
    for o, res in done:
        if not o.direct and o.start <= c.start and c.end <= o.end and (res.speaker is not None or res.text):
            return o, res
    return None


def _resolve_one(resolver: SpeakerResolver, memory: _Memory, c: Candidate) -> Resolution:
    if c.speaker:
        return resolver.resolve(c.speaker, c.sent)
    recent = memory.resolution is not None and c.sent - memory.sent <= CONTINUATION_SENTENCES
    if (c.previous or (c.direct and c.cue is None)) and recent:
        assert memory.resolution is not None
        return memory.resolution.continued()
    if c.fallback:
        return resolver.resolve(c.fallback, c.sent)
    return Resolution(None, None)


def _free_indirect(v: DocView, s: Sentence, recent: bool) -> Candidate | None:
    """A main clause in the subjunctive with no cue of its own reports speech: it continues
    the previous quote's speaker; with none nearby, the previous sentence's subject is taken.
    Right after a quote, a hearsay modal ("soll") or a past subjunctive counts as well."""
    segs = v.sentence_segments(s)
    if not segs or not _unmasked_range(v, s.tok_start, s.tok_end):
        return None
    g = segs[0]
    if _relative_clause(v, g) or v.tag("subordinator", v.first_word(g)):
        return None
    strict = v.has_subjunctive(g.a, g.b, substitutes=False)
    loose = v.has_subjunctive(g.a, g.b) or any(
        v.lex.is_reportative(v.toks[k]) and not v.masked[k] for k in range(g.a, g.b))
    if not (strict or (recent and loose)):
        return None
    c = Candidate(start=v.content_start(s.tok_start, s.tok_end), end=v.content_end(s.tok_start, s.tok_end),
                  form="free_indirect", sent=s.index, sent_end=s.index, previous=True)
    if not recent and s.index > 0:
        prev_segs = v.sentence_segments(v.doc.sentences[s.index - 1])
        if prev_segs:
            c.fallback = [x for x in clause_subject(v, prev_segs[0]) if strong(v, x)]
    return c if c.end > c.start else None


def _quote(v: DocView, c: Candidate, res: Resolution) -> Quote:
    addressee = v.chunk_entity(c.cue.addressee) if c.cue and c.cue.addressee else None
    return Quote(text=v.doc.text[c.start:c.end], start=c.start, end=c.end, form=c.form, sent=c.sent,
                 cue=c.cue.as_dict() if c.cue else None, speaker=res.speaker, addressee=addressee,
                 speaker_text=res.text)
