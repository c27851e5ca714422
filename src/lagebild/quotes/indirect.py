"""Indirect and reported speech on clause segments: "X sagte, A sei B", "A sei B, sagte X",
"X sagte, dass A", "laut X A", "wie X mitteilte, A", speech acts ("X verurteilte A"), and
free indirect continuations (a subjunctive main clause with no cue of its own)."""
from __future__ import annotations

from lagebild.model import Sentence
from lagebild.quotes.candidate import (P_ACT, P_CLAUSE, P_PHRASE, UNMARKED_QUOTE_WORDS, Candidate,
                                       relative_clause, sentence_subject, span, unmasked_range, words)
from lagebild.quotes.context import Chunk, DocView, Segment
from lagebild.quotes.cues import (Cue, clause_subject, finite_verb_follows, is_source, phrase_cues, strong,
                                  verb_cues)


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
    kept = _select(found)
    _source_fallback(v, segs, kept)
    return kept


INSTITUTION_LABELS = frozenset({"ORG", "AGENT"})


def _source_fallback(v: DocView, segs: list[Segment], cands: list[Candidate]) -> None:
    """'Dem Konzern wird nach Angaben der Agentur vorgeworfen, ...': a speech verb with no
    speaker (a passive) takes the source its sentence names, before any earlier speaker."""
    open_ = [c for c in cands if not c.speaker and not c.fallback]
    if not open_:
        return
    sources = [cue for i, g in enumerate(segs) for cue in phrase_cues(v, g, i) if cue.speaker]
    if sources:
        fallback = _source_author(v, sources[0].speaker)
    else:
        # "wurde im Innenministerium betont, dass ...": the institution the passive names
        fallback = [ch for g in segs for ch in v.chunks(g.a, g.b) if ch.gov >= 0
                    and v.word("source_preposition", ch.gov) and (e := v.chunk_entity(ch)) is not None
                    and e.label in INSTITUTION_LABELS][:1]
    for c in open_:
        c.fallback = fallback


def _select(found: list[Candidate]) -> list[Candidate]:
    """Keep the best-structured candidate where candidates overlap."""
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (c.priority, c.start)):
        if any(c.start < k.end and k.start < c.end for k in kept):
            continue
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _verb_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cues: list[Cue],
                     claimed: set[int]) -> list[Candidate]:
    first, last = cues[0], cues[-1]
    if first.verb and first.verb.clause and i > 0 and _opens_segment(v, segs[i], first) \
            and not _participial(v, segs[i], first) and not _complementizer_follows(v, segs, i, first):
        lo = max((j + 1 for j in claimed if j < i), default=0)
        out = _inverted(v, s, segs, lo, i, first) if lo < i else []
        if out:
            claimed.update(range(lo, len(segs)))
            return out
    for cue in reversed(cues):
        # the last cue first; an earlier one when the last has no clause of its own ("has
        # said he could not say sorry": 'say' is part of what was said)
        if cue.verb and (cue.verb.clause or cue.verb.question):
            c, k = _complement(v, s, segs, i, cue)
            if c is not None:
                claimed.update(range(i, k + 1))
                return [c]
    if any(all(v.masked[k] or v.is_punct(k) for k in range(g.a, g.b)) for g in segs):
        return []          # the content is a direct quote next to the cue: that is the quote
    for cue in cues:
        if cue.verb and cue.verb.reports and not cue.weak:
            speaker = _speaker(v, segs, i, cue)
            if speaker:
                # the main clause of the cue: a semicolon ends it
                seps = [k for k in range(s.tok_start, s.tok_end) if v.word("clause_separator", k)]
                lo = max((k + 1 for k in seps if k < cue.tok), default=s.tok_start)
                hi = min((k for k in seps if k > cue.tok), default=s.tok_end)
                c = span(v, s, lo, hi, "reported", cue, P_ACT, speaker)
                return [c] if c else []
    return []


def _complementizer_follows(v: DocView, segs: list[Segment], i: int, cue: Cue) -> bool:
    """'Auf die Frage, wann ..., sagte X, dass ...': a speech verb takes one reported clause;
    when a complementizer follows it, that clause is it, not what stands before the verb."""
    if any(not v.masked[k] and v.word("complementizer", k) for k in range(cue.tok + 1, segs[i].b)):
        return True
    last = _trim_punct(v, segs[i].a, segs[i].b) - 1
    if v.tag("correlative", last):
        return False    # "sagte X in Anspielung darauf, dass ...": the clause belongs to "darauf"
    return i + 1 < len(segs) and not v.masked[segs[i + 1].a] and v.word("complementizer", v.first_word(segs[i + 1]))


def _speaker(v: DocView, segs: list[Segment], i: int, cue: Cue) -> list[Chunk]:
    """The cue's subject; but a verb opening a segment after a subject and its apposition,
    neither with a verb ("X, der frühere Botschafter, begrüßte die Initiative"), follows
    its subject: what stands after it is its object. (After one segment only, the verb may be
    a parenthesis with its own subject after it: "X, meint ein Experte, sei ...".)"""
    if i >= 2 and cue.tok == v.first_word(segs[i]) and not any(
            v.tag("verb", k) and not v.masked[k] for g in segs[:i] for k in range(g.a, g.b)):
        subj = sentence_subject(v, segs, i)
        if subj and not v.chunk_blocked(subj[0]):
            return subj
    return cue.speaker or sentence_subject(v, segs, i)


def _participial(v: DocView, g: Segment, cue: Cue) -> bool:
    """', saying the plan was dead': a participle opening the segment reports what follows it,
    said by the sentence's subject; it attributes nothing before it."""
    return cue.tok == v.first_word(g) and v.tag("participle", cue.tok) and not v.tag("finite_verb", cue.tok)


def _opens_segment(v: DocView, g: Segment, cue: Cue) -> bool:
    """', sagte X' or ', hatte X ... gesagt': the cue (or its auxiliary) opens the segment."""
    fw = v.first_word(g)
    if cue.tok == fw:
        return True
    if v.lex.tags.get("attribution_subject") and v.tag("attribution_subject", fw) \
            and any(c.a == fw and (c.b == cue.tok or all(v.tag("finite_verb", j) or v.tag("adverb", j)
                                                         for j in range(c.b, cue.tok)))
                    for c in cue.speaker):
        # ', he said' / ', Mr Smith said' / ', the chancellor has said': languages whose data
        # allow it put the speaker first
        return True
    return v.tag("finite_verb", fw) and (v.tag("participle", cue.tok) or v.tag("infinitive", cue.tok)
                                         or not v.tag("finite_verb", cue.tok))


def _inverted(v: DocView, s: Sentence, segs: list[Segment], lo: int, i: int, cue: Cue) -> list[Candidate]:
    """Attribution after the reported clause: 'A sei B, sagte X.' (also 'A ist B, sagte X':
    direct speech whose quotation marks the text lost)."""
    a, b = segs[lo].a, segs[i - 1].b
    if not unmasked_range(v, a, b):
        return []
    speaker = cue.speaker or sentence_subject(v, segs, i)
    if v.has_subjunctive(a, b):
        form = "indirect"
    elif words(v, a, b) >= UNMARKED_QUOTE_WORDS and any(v.tag("finite_verb", k) for k in range(a, b)) \
            and not cue.weak and speaker and not (lo == i - 1 and _subordinate(v, segs[lo])):
        form = "direct"
    else:
        return []
    out = [c for c in [span(v, s, a, b, form, cue, P_CLAUSE, speaker)] if c]
    rest = segs[i + 1:]
    if rest and v.has_subjunctive(rest[0].a, rest[-1].b, substitutes=False) \
            and not v.word("complementizer", v.first_word(rest[0])) and not relative_clause(v, rest[0]):
        c = span(v, s, rest[0].a, rest[-1].b, "indirect", cue, P_CLAUSE, speaker)
        if c:
            out.append(c)
    return out


def _subordinate(v: DocView, g: Segment) -> bool:
    """'Weil es Probleme gibt': a subordinator first and the finite verb last. Fronted before a
    verb ("..., fordert X mehr Geld"), such a clause is that verb's adverbial, not a statement
    whose quotation marks were lost."""
    return v.tag("subordinator", v.first_word(g)) and v.tag("finite_verb", _trim_punct(v, g.a, g.b) - 1)


def _complement(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> tuple[Candidate | None, int]:
    """'X sagte, dass A' / 'X sagte, A sei B' / 'X forderte, A zu tun': the reported clause after
    the cue. Up to two verbless segments (appositions, infinitive clauses) may stand between."""
    inside = next((k for k in range(cue.tok + 1, segs[i].b)
                   if not v.masked[k] and v.word("complementizer", k)), None)
    if inside is not None and (cue.verb is None or cue.verb.clause):
        # no comma before the complementizer ("She told reporters that ...")
        k = _complement_end(v, segs, i)
        speaker = _speaker(v, segs, i, cue)
        return span(v, s, inside, segs[k].b, "indirect", cue, P_CLAUSE, speaker), k
    bare = _bare_complement(v, segs[i], cue)
    if bare is not None:
        k = _complement_end(v, segs, i)
        speaker = _speaker(v, segs, i, cue)
        return span(v, s, bare, segs[k].b, "indirect", cue, P_CLAUSE, speaker), k
    j = i + 1
    while j < len(segs) and j <= i + 3:
        if segs[j].a > 0 and v.word("clause_separator", segs[j].a - 1):
            return None, i      # "bekannte sich zu dem Anschlag; Ankara setzte ...": a new main clause
        if _complement_start(v, segs, j, cue):
            break
        if j > i + 2 or any(v.tag("finite_verb", k) for k in range(segs[j].a, segs[j].b)) and not _single_adverb(v, segs[j]):
            return None, i
        j += 1
    else:
        return None, i
    k = _complement_end(v, segs, j)
    speaker = _speaker(v, segs, i, cue)
    return span(v, s, segs[j].a, segs[k].b, "indirect", cue, P_CLAUSE, speaker), k


def _bare_complement(v: DocView, g: Segment, cue: Cue) -> int | None:
    """Where a reported clause starts that follows its cue with neither complementizer nor
    comma ("He said he was ashamed", "told reporters the plan was dead"), for languages whose
    data name the tags that may open one (`bare_clause_start`); None otherwise. The clause is a
    subject chunk right after the cue (after its addressee, for verbs that take one) followed by
    a finite verb."""
    if not v.lex.tags.get("bare_clause_start") or cue.verb is None or not cue.verb.clause:
        return None
    k = v.past_adverbs(cue.tok + 1, g.b)
    if cue.addressee is not None and cue.addressee.a == k:
        k = cue.addressee.b
    elif cue.verb.addressee and k < g.b and not v.tag("personal_pronoun", k):
        # "told reporters the plan was dead": an object chunk, then the clause
        c = v.chunk_at(k, g.b)
        nxt = c.b if c is not None else k
        if c is not None and nxt < g.b and v.tag("bare_clause_start", nxt) and not v.tag("finite_verb", nxt):
            k = nxt
    if k >= g.b or v.masked[k] or not v.tag("bare_clause_start", k):
        return None
    c = v.chunk_at(k, g.b)
    return k if finite_verb_follows(v, c.b if c is not None else k + 1, g.b) else None


def _complement_start(v: DocView, segs: list[Segment], j: int, cue: Cue) -> bool:
    g = segs[j]
    fw = v.first_word(g)
    if v.word("complementizer", fw):
        return True
    if cue.verb is not None and cue.verb.question and v.word("question_word", fw):
        return True
    if cue.verb is not None and not cue.verb.clause:
        return False
    if v.tag("relative", fw) or relative_clause(v, g) or v.word("infinitive_purpose", fw):
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


def _colon_candidates(v: DocView, s: Sentence, segs: list[Segment]) -> list[Candidate]:
    """'X schloss sich der Kritik an: Die Mittel seien nicht verhältnismäßig.' In the
    indicative, a speech verb right before the colon ('X verlangte: Es gibt ...') introduces
    direct speech whose quotation marks the text lost."""
    out = []
    for i in range(1, len(segs)):
        colon = segs[i].a - 1
        if colon < s.tok_start or not v.word("colon", colon) or v.masked[colon]:
            continue
        a, b = segs[i].a, segs[-1].b
        if not unmasked_range(v, a, b):
            continue
        if v.has_subjunctive(a, b, substitutes=False):
            speaker = clause_subject(v, segs[0])
            c = span(v, s, a, b, "indirect", None, P_PHRASE, speaker)
            if c and speaker:
                out.append(c)
            continue
        cue = next((c for c in reversed(verb_cues(v, segs[i - 1])) if c.verb is not None and not c.weak
                    and not c.impersonal and _closes_segment(v, segs[i - 1], c)), None)
        if cue is None or words(v, a, b) < UNMARKED_QUOTE_WORDS or v.masked[a] \
                or not any(v.tag("finite_verb", k) for k in range(a, b)):
            continue
        speaker = cue.speaker or sentence_subject(v, segs, i - 1)
        c = span(v, s, a, b, "direct", cue, P_PHRASE, speaker)
        if c and speaker:
            out.append(c)
    return out


def _closes_segment(v: DocView, g: Segment, cue: Cue) -> bool:
    """The speech verb ends its clause but for its subject, adverbs and a separable particle
    ('verlangte Wolff:', 'wies X ebenfalls zurück:', 'Y betonte:'): nothing it says stands
    between it and the colon."""
    k = cue.tok + 1
    if cue.speaker and cue.speaker[0].a == k:
        k = cue.speaker[-1].b
    k = v.past_adverbs(k, g.b)
    if cue.verb is not None and cue.verb.particle and k < g.b and v.toks[k].text.lower() == cue.verb.particle:
        k += 1
    return all(v.is_punct(j) for j in range(k, g.b))


def _phrase_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> list[Candidate]:
    p = cue.phrase
    assert p is not None
    if p.speaker == "previous":
        a = cue.tok + 1 if cue.tok == v.first_word(segs[0]) else s.tok_start   # "Demnach ..." / "soll demnach"
        c = span(v, s, a, s.tok_end, _form(v, s.tok_start, s.tok_end), cue, P_PHRASE, [])
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
    if not unmasked_range(v, a, s.tok_end):
        return []
    c = span(v, s, a, s.tok_end, _form(v, a, s.tok_end), cue, P_PHRASE, speaker)
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
            return g.a != segs[0].a and relative_clause(v, g)
    return False


def _source_author(v: DocView, speaker: list[Chunk]) -> list[Chunk]:
    """'Angaben der Zivilbehörde' -> 'der Zivilbehörde': a source noun opening the speaker phrase
    is dropped when the author follows it; 'Polizeiangaben' stays as it is."""
    if not speaker:
        return speaker
    c = speaker[0]
    if len(speaker) > 1 and all(is_source(v, j) for j in range(c.a, c.b) if v.tag("noun", j)):
        return speaker[1:]
    for j in range(c.a, c.b):
        if is_source(v, j):
            if any(v.word("reflexive_possessive", i) for i in range(c.a, j)):
                # "nach eigenen Angaben 200 Soldaten": the source is the subject's own word,
                # and what follows it is no author
                return [Chunk(c.a, j + 1, c.gov)]
            if j + 1 < c.b:
                return [Chunk(j + 1, c.b, -1)] + speaker[1:]
            break
    return speaker


def _attribution_candidates(v: DocView, s: Sentence, segs: list[Segment], i: int, cue: Cue) -> list[Candidate]:
    """'A, so X, B' and 'wie X mitteilte, A': the other segments are the reported material."""
    out = []
    parts = [(segs[0].a, segs[i - 1].b)] if i > 0 else []
    if i + 1 < len(segs):
        parts.append((segs[i + 1].a, segs[-1].b))
    # a trailing "wie X berichtete" names the news source; a speech act in the clause wins
    priority = P_CLAUSE if i == 0 or (cue.phrase is not None and cue.phrase.after_comma) else P_ACT + 1
    for a, b in parts:
        if unmasked_range(v, a, b):
            c = span(v, s, a, b, _form(v, a, b), cue, priority)
            if c:
                out.append(c)
    return out


def _form(v: DocView, a: int, b: int) -> str:
    return "indirect" if v.has_subjunctive(a, b) else "reported"


def anaphoric_candidate(v: DocView, s: Sentence, before: list[Candidate]) -> Candidate | None:
    """'Die Regierung stellt neue Hilfen bereit. Das teilte der Minister mit.': a demonstrative
    opening the sentence right before its speech verb is the verb's object and stands for the
    sentence before, which is then the reported material, said by the verb's subject; for verbs
    whose object is the message (`message_object`), not those that judge it ("Das bestritt X").
    Not when that sentence already reports speech of its own (a quotation or a clause after a cue)."""
    if s.index == 0:
        return None
    segs = v.sentence_segments(s)
    if not segs:
        return None
    fw = v.first_word(segs[0])
    if v.masked[fw] or not v.word("anaphoric_object", fw):
        return None
    cue = next((c for c in verb_cues(v, segs[0]) if c.tok == fw + 1 and c.verb is not None
                and c.verb.message_object), None)
    if cue is None or not cue.speaker or any(c.direct or c.priority < P_ACT for c in before):
        return None
    prev = v.doc.sentences[s.index - 1]
    if any(v.masked[k] for k in range(prev.tok_start, prev.tok_end)):
        return None
    c = span(v, prev, prev.tok_start, prev.tok_end, _form(v, prev.tok_start, prev.tok_end), cue, P_CLAUSE)
    if c is not None:
        c.sent_end = s.index
    return c


def free_indirect(v: DocView, s: Sentence, recent: bool, just_quoted: bool = False) -> Candidate | None:
    """A main clause in the subjunctive with no cue of its own reports speech: it continues
    the previous quote's speaker; with none nearby, the previous sentence's subject is taken.
    Right after a quote, a hearsay modal ("soll") or a past subjunctive counts as well, and in
    the sentence right after a person's quote (`just_quoted`) a first-person clause with no
    speech verb of its own is direct speech."""
    segs = v.sentence_segments(s)
    if not segs or not unmasked_range(v, s.tok_start, s.tok_end):
        return None
    g = segs[0]
    if relative_clause(v, g) or v.tag("subordinator", v.first_word(g)):
        return None
    strict = v.has_subjunctive(g.a, g.b, substitutes=False)
    loose = v.has_subjunctive(g.a, g.b) or any(
        v.lex.is_reportative(v.toks[k]) and not v.masked[k] for k in range(g.a, g.b))
    # "... sagte X. Wir haben keine Wahl.": the narrator does not say "ich" or "wir"; right
    # after a quote, a sentence in the first person is that speaker's words whose marks were lost
    first_person = just_quoted and not any(v.masked[k] for k in range(s.tok_start, s.tok_end)) \
        and any(v.word("first_person", k) for k in range(g.a, g.b)) and not any(verb_cues(v, x) for x in segs)
    if not (strict or (recent and loose) or first_person):
        return None
    c = Candidate(start=v.content_start(s.tok_start, s.tok_end), end=v.content_end(s.tok_start, s.tok_end),
                  form="free_indirect" if strict or loose else "direct", sent=s.index, sent_end=s.index,
                  previous=True)
    if not recent and s.index > 0:
        prev_segs = v.sentence_segments(v.doc.sentences[s.index - 1])
        if prev_segs:
            c.fallback = [x for x in clause_subject(v, prev_segs[0]) if strong(v, x)]
    return c if c.end > c.start else None
