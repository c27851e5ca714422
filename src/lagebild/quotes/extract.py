"""Quote extraction: direct quotes (on characters), indirect and reported speech (on clause
segments), free indirect continuations, and their speakers.

Candidates are collected per sentence first and resolved in text order afterwards, so that a
pronoun or a continuation can lean on the speaker of the quote before it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lagebild.model import Document, Quote
from lagebild.quotes.candidate import P_ACT, Candidate
from lagebild.quotes.context import DocView
from lagebild.quotes.direct import direct_candidates
from lagebild.quotes.indirect import anaphoric_candidate, free_indirect, sentence_candidates
from lagebild.quotes.lexicon import QuoteLexicon
from lagebild.quotes.speakers import Resolution, SpeakerResolver

# Sentences back within which an unattributed quote continues the previous speaker.
CONTINUATION_SENTENCES = 2
# Sentences after a quoted headline in which its speaker is named (the lead).
LEAD_SENTENCES = 2
HEADLINE_MARGIN = 2    # characters (quotation marks) a headline may have around its quotation


def extract_quotes(doc: Document, lex: QuoteLexicon) -> list[Quote]:
    if not doc.tokens or not doc.sentences:
        return []
    view = DocView.build(doc, lex)
    by_sent: dict[int, list[Candidate]] = defaultdict(list)
    for c in direct_candidates(view):
        by_sent[c.sent].append(c)
    for s in doc.sentences:
        cands = sentence_candidates(view, s)
        ana = anaphoric_candidate(view, s, by_sent.get(s.index - 1, []))
        if ana is not None:
            # "Das teilte X mit" reports the sentence before: neither sentence reports more
            cands = [c for c in cands if c.priority < P_ACT]
            by_sent[s.index - 1] = [ana]
        by_sent[s.index].extend(cands)
    quotes = resolve(view, by_sent)
    _headline_speaker(view, quotes)
    return quotes


def _headline_speaker(v: DocView, quotes: list[Quote]) -> None:
    """'"Das ist ein Demokratieproblem"' as the headline, then 'Die SPD-Vorsitzende Bas hat
    ... kritisiert': a quotation that is the whole headline is the words of the first person
    the lead names."""
    doc = v.doc
    first = doc.sentences[0]
    if not doc.text[first.end:first.end + 3].strip(" ").startswith("\n"):
        return      # no headline: the first sentence runs on into the text
    for q in quotes:
        # the quotation is the headline: nothing but its marks around it
        if q.sent != 0 or q.speaker is not None or q.form != "direct" \
                or q.start - first.start > HEADLINE_MARGIN or first.end - q.end > HEADLINE_MARGIN:
            continue
        # a name, not a bare title ("die SPD-Vorsitzende")
        lead = [e for e in doc.entities if 1 <= e.sent <= LEAD_SENTENCES and e.label == "PER"
                and not e.source.startswith(("agent", "compound"))]
        if lead:
            q.speaker, q.speaker_text = lead[0], lead[0].text


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
        if all(c.direct and c.cue is None and not c.speaker for c in cands):
            # none, or only partial quotations without a cue of their own ('Sie habe wenig
            # Lust, Namen zu nennen, "die dann ..."'): the sentence may continue reported speech
            fi = free_indirect(v, s, recent=memory.resolution is not None
                               and s.index - memory.sent <= CONTINUATION_SENTENCES,
                               just_quoted=s.index - memory.sent == 1 and _person(memory.resolution))
            if fi is not None and all(fi.start < c.start and c.end <= fi.end for c in cands):
                cands = [fi] + cands
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


def _person(res: Resolution | None) -> bool:
    """The resolution names a person (a name, or a pronoun or title resolved to one)."""
    who = res and (res.antecedent or res.speaker)
    return who is not None and who.label == "PER"


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


def _quote(v: DocView, c: Candidate, res: Resolution) -> Quote:
    addressee = v.chunk_entity(c.cue.addressee) if c.cue and c.cue.addressee else None
    return Quote(text=v.doc.text[c.start:c.end], start=c.start, end=c.end, form=c.form, sent=c.sent,
                 cue=c.cue.as_dict() if c.cue else None, speaker=res.speaker, addressee=addressee,
                 speaker_text=res.text, speaker_named=res.antecedent)
