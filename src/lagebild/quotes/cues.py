"""Cues (speech verbs and source phrases) in a clause segment, and the speaker phrase each
cue points to.

German news attributes speech in a handful of shapes: "X sagte", "sagte X" (after a quote),
"wie X mitteilte", "so X", "laut X", "X zufolge", "nach Angaben von X", "heißt es in X".
Each shape says where the speaker stands relative to the cue; this module finds the cue and
that noun chunk. Which words are cues is data (lexicon); the shapes are here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lagebild.quotes.context import Chunk, DocView, Segment
from lagebild.quotes.lexicon import PhraseCue, VerbCue


@dataclass
class Cue:
    text: str
    start: int
    end: int
    tok: int                          # first token of the cue
    verb: VerbCue | None = None
    phrase: PhraseCue | None = None
    speaker: list[Chunk] = field(default_factory=list)
    addressee: Chunk | None = None
    impersonal: bool = False          # "hieß es", "wurde kritisiert": the speaker is not named here

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @property
    def weak(self) -> bool:
        return self.verb is not None and self.verb.weak


def verb_cues(v: DocView, seg: Segment) -> list[Cue]:
    """Speech verbs in a segment (outside quotations), with their speaker and addressee."""
    key = ("verbs", seg.a, seg.b)
    if key not in v.memo:
        v.memo[key] = _verb_cues(v, seg)
    return v.memo[key]


def _verb_cues(v: DocView, seg: Segment) -> list[Cue]:
    out = []
    for k in range(seg.a, seg.b):
        misread = v.toks[k].text.lower() in v.lex.verb_forms
        if v.masked[k] or not (misread or v.tag("verb", k)) or _infinitive(v, seg, k) \
                or v.lex.is_subjunctive(v.toks[k]):
            continue      # a speech verb in the subjunctive is part of reported content
        verb = _verb_at(v, seg, k)
        if verb is None:
            continue
        t = v.toks[k]
        cue = Cue(text=t.text, start=t.start, end=t.end, tok=k, verb=verb)
        if verb.speaker_in_pp:
            cue.speaker = _pp_speaker(v, seg, k)
            nxt = k + 1
            if nxt < seg.b and v.word("impersonal", nxt):
                cue.text, cue.end = v.doc.text[t.start:v.toks[nxt].end], v.toks[nxt].end
            cue.impersonal = not cue.speaker
        else:
            cue.speaker, cue.addressee = _subject(v, seg, k, verb)
            cue.impersonal = not cue.speaker and _passive(v, seg, k)
        out.append(cue)
    return out


def _infinitive(v: DocView, seg: Segment, k: int) -> bool:
    """'ohne auf X zu verweisen': an adverbial zu-infinitive reports nothing ("beeilte sich,
    zu erklären, ..." does)."""
    zu = v.tag("infinitive", k) or (k - 1 >= seg.a and v.word("infinitive_marker", k - 1))
    # "Er habe keine Lust, neue Namen vorzuschlagen": a zu-infinitive has no subject
    # of its own, so a noun phrase before it is its object, never the speaker
    return zu and (v.word("infinitive_purpose", v.first_word(seg)) or not v.word("infinitive_marker", v.first_word(seg)))


def _verb_at(v: DocView, seg: Segment, k: int) -> VerbCue | None:
    lex, lemma = v.lex, v.toks[k].lemma.lower()
    words = {v.toks[j].text.lower() for j in range(seg.a, seg.b) if not v.masked[j]}
    for cand in lex.separable.get(lemma, ()):
        # main clause: the particle is split off and closes the clause ("teilte ... mit,")
        if cand.particle and _particle_closes(v, seg, k, cand.particle.lower()) and cand.requires <= words:
            return cand
    found = next((verb for verb in lex.verbs.get(lemma, ()) if verb.requires <= words), None)
    if found is None:
        found = next((verb for verb in lex.verb_forms.get(v.toks[k].text.lower(), ()) if verb.requires <= words), None)
    return found


def _particle_closes(v: DocView, seg: Segment, k: int, particle: str) -> bool:
    last = seg.b - 1
    while last > k and (v.is_punct(last) or v.is_mark(last)):
        last -= 1
    if any(v.toks[j].text.lower() == particle for j in range(k + 1, last + 1)
           if j == last or v.is_punct(j + 1)):
        return True
    # "pflichtete X, Vizepräsident der Y, bei": the bracket closes after an apposition, at the
    # sentence end, with no verb between
    end = v.doc.sentences[v.toks[k].sent].tok_end - 1
    while end > seg.b and (v.is_punct(end) or v.is_mark(end)):
        end -= 1
    return end > seg.b and v.toks[end].text.lower() == particle and not any(
        v.tag("verb", j) or v.masked[j] for j in range(seg.b, end))


def _pp_speaker(v: DocView, seg: Segment, k: int) -> list[Chunk]:
    """'heißt es in der Erklärung des Ministeriums', 'In einem Papier des Ministeriums heißt
    es', 'aus Militärkreisen verlautete': the chunk after a source preposition."""
    chunks = [c for c in v.chunks(seg.a, seg.b) if c.gov >= 0 and v.word("source_preposition", c.gov)]
    after = [c for c in chunks if c.a > k]
    before = [c for c in chunks if c.b <= k]
    pick = after[0] if after else (before[-1] if before else None)
    if pick is None:
        pick = _relative_source(v, seg)
        return [pick] if pick is not None else []
    return _with_von(v, pick, seg.b)


def _relative_source(v: DocView, seg: Segment) -> Chunk | None:
    """'eine Erklärung, in der es hieß, ...': a relative clause opened by a source preposition
    and a relative pronoun speaks through the noun before its comma."""
    fw = v.first_word(seg)
    if fw + 1 >= seg.b or fw < 1 or not v.word("source_preposition", fw) or not v.word("comma", fw - 1):
        return None
    if not (v.tag("relative", fw + 1) or v.tag("determiner", fw + 1)) or v.chunk_at(fw + 1, seg.b) is not None:
        return None     # "in der Erklärung" is a chunk of its own; "in der" alone is relative
    start = v.doc.sentences[v.toks[fw].sent].tok_start
    ante = v.chunk_before(fw - 1, start)
    if ante is None:
        # extraposed past the verbs that close the clause ("eine Mitteilung verbreiten, in der")
        k = fw - 2
        while k >= start and v.tag("verb", k):
            k -= 1
        ante = v.chunk_before(k + 1, start) if k < fw - 2 else None
    return ante


def _with_von(v: DocView, c: Chunk, b: int) -> list[Chunk]:
    """A source noun chunk plus the `von` chunk naming its author ("Angaben von X")."""
    nxt = v.chunk_at(c.b + 1, b, c.b) if c.b < b and v.word("passive_agent", c.b) else None
    return [c, nxt] if nxt is not None else [c]


def strong(v: DocView, c: Chunk) -> bool:
    return (v.chunk_entity(c) is not None or v.chunk_role(c) is not None
            or v.chunk_pronoun(c) is not None)


def _free(v: DocView, c: Chunk) -> bool:
    """Could be a subject: not governed by a preposition, not a dative, not 'es'/'das'."""
    return c.gov < 0 and not v.chunk_blocked(c) and not v.word("addressee_marker", c.a)


def _skip_back(v: DocView, k: int, a: int) -> int:
    """Index of the nearest token before k that is not an adverb."""
    j = k - 1
    while j >= a and v.tag("adverb", j) and not v.word("clause_link", j):
        j -= 1
    return j


def clause_subject(v: DocView, seg: Segment) -> list[Chunk]:
    """Subject of the main clause that starts the segment, found as for a speech verb at the
    clause's first finite verb ("In Israel protestierten Angehörige der Geiseln")."""
    k = next((j for j in range(seg.a, seg.b) if not v.masked[j] and v.tag("finite_verb", j)), None)
    if k is None:
        # a subject standing alone before an apposition or relative clause: "X, der ..., sagte"
        free = [c for c in v.chunks(seg.a, seg.b) if _free(v, c)]
        return [next((c for c in free if strong(v, c)), free[0])] if free else []
    before = [c for c in v.chunks(seg.a, k) if _free(v, c)]
    after = _after_candidates(v, seg, k)
    pick = (next((c for c in before if strong(v, c)), None)
            or next((c for c in after if strong(v, c)), None)
            or (before[0] if before else None)
            or _plain_after(v, k, after))
    return [pick] if pick is not None else []


def _subject(v: DocView, seg: Segment, k: int, verb: VerbCue) -> tuple[list[Chunk], Chunk | None]:
    """The subject chunk of the speech verb at k.

    - elided after a coordinator ("... und forderte"): the clause's first chunk;
    - passive ("wurde von X kritisiert"): the agent after `von`;
    - otherwise a speaker-like chunk (named actor, role noun, pronoun) before the verb, then one
      after it ("sagte X", "Am Montag sagte X"), then a plain noun chunk before or right after.
    """
    a = _relative_start(v, seg)
    prev = _skip_back(v, k, a)
    pick: Chunk | None = None
    if prev >= a and v.word("clause_link", prev):
        first = [c for c in v.chunks(a, prev) if _free(v, c)]
        pick = first[0] if first else None
        if pick is not None and any(v.tag("verb", j) for j in range(a, pick.a)):
            # ", condemned the debate and complained ...": the segment opens with a verb whose
            # subject stands before it; its object is no speaker (the sentence's subject is)
            pick = None
    elif _passive(v, seg, k):
        pick = _passive_agent(v, seg, verb)   # the grammatical subject is what was said
    else:
        before = [c for c in v.chunks(a, k) if _free(v, c)]
        after = _after_candidates(v, seg, k)
        if k == v.first_word(seg) and v.tag("participle", k) and not v.tag("finite_verb", k):
            after = []      # ", pointing out that ...": a participle clause has no subject of its own
        elif verb.clause and v.lex.tags.get("bare_clause_start"):
            # "has said he is pleased": a noun phrase right after the verb and followed by a
            # finite verb opens the reported clause; it is not the speaker
            after = [c for c in after if not _opens_bare_clause(v, seg, k, c)]
        pick = (next((c for c in before if strong(v, c)), None)
                or next((c for c in after if strong(v, c)), None)
                or (before[0] if before else None)
                or _plain_after(v, k, after))
    addressee = _addressee(v, seg, k, pick) if verb.addressee else None
    return ([pick] if pick is not None else []), addressee


def _relative_start(v: DocView, seg: Segment) -> int:
    """'in der Hu ... bezeichnete': a clause opened by preposition + relative pronoun starts
    after them (a determiner before a name is a relative pronoun, 'in der Erklärung' is not)."""
    fw = v.first_word(seg)
    if fw + 2 < seg.b and v.is_preposition(fw) and v.tag("determiner", fw + 1):
        nxt = fw + 2
        if v.tag("proper", nxt) or v.tag("determiner", nxt) or v.tag("personal_pronoun", nxt):
            return nxt
    return seg.a


def _passive(v: DocView, seg: Segment, k: int) -> bool:
    """A participle with a passive auxiliary before it ("wurde kritisiert", "was criticised") or
    right after it ("kritisiert wurde"); one further on belongs to another clause ("has said he
    is glad")."""
    return v.tag("participle", k) and any(v.word("passive_auxiliary", j) for j in range(seg.a, min(k + 2, seg.b))
                                          if not v.masked[j])


def _passive_agent(v: DocView, seg: Segment, verb: VerbCue) -> Chunk | None:
    for c in v.chunks(seg.a, seg.b):
        if c.gov >= 0 and v.word("passive_agent", c.gov) and v.toks[c.gov].text.lower() not in verb.requires:
            return c
    return None


def _opens_bare_clause(v: DocView, seg: Segment, k: int, c: Chunk) -> bool:
    """`c`, right after the verb at `k` (past adverbs), opens a reported clause: a chunk that
    may start one, with a finite verb after it ("has said he is pleased")."""
    return c.a == v.past_adverbs(k + 1, seg.b) and v.tag("bare_clause_start", c.a) \
        and finite_verb_follows(v, c.b, seg.b)


def finite_verb_follows(v: DocView, j: int, b: int) -> bool:
    """A finite verb stands at `j`, past adverbs, before `b`: the chunk that ends at `j` is
    the subject of a clause."""
    end = v.past_adverbs(j, b)
    return end < b and v.tag("finite_verb", end)


def _after_candidates(v: DocView, seg: Segment, k: int) -> list[Chunk]:
    end = seg.b
    for j in range(k + 1, seg.b):
        if v.word("clause_link", j) and j + 1 < seg.b and v.tag("verb", j + 1):
            end = j          # "sagte X und forderte Y": Y belongs to the next clause
            break
    return [c for c in v.chunks(k + 1, end) if _free(v, c)]


def _plain_after(v: DocView, k: int, after: list[Chunk]) -> Chunk | None:
    """A plain noun right after the verb: 'sagte die Organisation'."""
    if after and _skip_back(v, after[0].a, k) == k and any(v.tag("noun", j) for j in range(after[0].a, after[0].b)):
        return after[0]
    return None


def _addressee(v: DocView, seg: Segment, k: int, speaker: Chunk | None) -> Chunk | None:
    """Who was spoken to: a dative chunk ("dem Sender", "gegenüber X") or, failing that, the
    first actor after the verb that is not the speaker ("warf der Regierung vor")."""
    after = [c for c in v.chunks(k + 1, seg.b) if c != speaker]
    for c in after:
        if v.word("addressee_marker", c.a) or (c.gov >= 0 and v.word("addressee_marker", c.gov)):
            return c
    for c in after:
        e = v.chunk_entity(c)
        if c.gov < 0 and e is not None and e.label != "MISC":
            return c
    return None


def phrase_cues(v: DocView, seg: Segment, seg_index: int) -> list[Cue]:
    """Source phrases in a segment: laut X, X zufolge, nach Angaben X, so X, wie X sagte."""
    key = ("phrases", seg.a, seg.b, seg_index)
    if key not in v.memo:
        v.memo[key] = _phrase_cues(v, seg, seg_index)
    return v.memo[key]


def _phrase_cues(v: DocView, seg: Segment, seg_index: int) -> list[Cue]:
    out = []
    for k in range(seg.a, seg.b):
        if v.masked[k]:
            continue
        p = v.lex.phrases.get(v.toks[k].text.lower())
        if p is None:
            continue
        cue = _phrase_cue(v, seg, seg_index, k, p)
        if cue is not None:
            out.append(cue)
    return out


def _phrase_cue(v: DocView, seg: Segment, seg_index: int, k: int, p: PhraseCue) -> Cue | None:
    t = v.toks[k]
    cue = Cue(text=t.text, start=t.start, end=t.end, tok=k, phrase=p)
    first = v.first_word(seg)
    if p.sentence_initial:
        return cue if seg_index == 0 and k == first else None
    if p.after_comma and (k != first or seg_index == 0):
        return None
    if p.speaker == "before":
        c = v.chunk_before(k, seg.a)
        if c is None:
            return None
        cue.speaker = [c]
        return cue
    if p.form == "attribution" and not p.after_comma:
        # "wie X mitteilte": only a cue when its clause holds a speech verb
        if k != first:
            return None
        verbs = [c for c in verb_cues(v, Segment(k + 1, seg.b)) if not c.weak]
        if not verbs:
            return None
        inner = [c for c in v.chunks(k + 1, verbs[0].tok) if _free(v, c)]
        cue.speaker = inner[:1] or verbs[0].speaker
        cue.verb = verbs[0].verb
        return cue
    nxt = k + 1
    if nxt < seg.b and v.is_preposition(nxt) and v.chunk_at(nxt, seg.b) is None:
        nxt += 1           # "according to X"
    c = v.chunk_at(nxt, seg.b, nxt - 1)
    if c is None:
        return None
    if p.needs_source_noun and not _has_source(v, c):
        return None
    cue.speaker = _with_von(v, c, seg.b)
    if p.needs_source_noun:
        src = next(j for j in range(c.a, c.b) if is_source(v, j))
        cue.text, cue.end = v.doc.text[t.start:v.toks[src].end], v.toks[src].end
    return cue


def is_source(v: DocView, j: int) -> bool:
    r = v.lex.role_for(v.toks[j].text) if (v.tag("noun", j) or v.tag("proper", j)) else None
    return r is not None and r.source


def _has_source(v: DocView, c: Chunk) -> bool:
    return any(is_source(v, j) for j in range(c.a, c.b))
