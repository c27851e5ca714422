"""Find and resolve the time expressions of a whole document with a compiled grammar."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from lagebild.model import Document, Timex
from lagebild.timex.grammar import Grammar
from lagebild.timex.resolve import Context, resolve
from lagebild.timex.tense import UNKNOWN, Word, clause_tense, words_in

# A bare "in the evening" refers to the day last named in its own or the previous sentence;
# further back the story has usually moved on, and the publication date is the better guess.
ANCHOR_WINDOW = 1


def spans(doc: Document) -> Iterator[tuple[int, int, int]]:
    """(sentence index, start, end) of each sentence; the whole text when there are none."""
    if not doc.sentences:
        yield -1, 0, len(doc.text)
        return
    for s in doc.sentences:
        yield s.index, s.start, s.end


def sentence_words(doc: Document, sent: int, start: int, end: int) -> list[Word]:
    if 0 <= sent < len(doc.sentences) and doc.tokens:
        s = doc.sentences[sent]
        toks = doc.tokens[s.tok_start:s.tok_end]
        if toks:
            return [Word(t.text, t.start, t.end, t.lemma, t.pos) for t in toks]
    return words_in(doc.text[start:end], start)


def annotate(doc: Document, grammar: Grammar, ref: date | None) -> list[Timex]:
    """Timexes of `doc` whose value could be resolved (relative ones need `ref`)."""
    out: list[Timex] = []
    last_day: tuple[date, int] | None = None
    for sent, start, end in spans(doc):
        text = doc.text[start:end]
        words: list[Word] | None = None
        for m in grammar.find(text):
            spec = m.spec()
            if spec is None:
                continue
            a, b = start + m.start, start + m.end
            tense = UNKNOWN
            if spec.direction == "auto":
                words = words if words is not None else sentence_words(doc, sent, start, end)
                tense = clause_tense(words, text, start, (a, b), grammar.cues)
            previous = last_day[0] if last_day and sent - last_day[1] <= ANCHOR_WINDOW else None
            value = resolve(spec, Context(ref=ref, tense=tense, previous=previous))
            if value is None:
                continue
            type_ = "time" if spec.type == "date" and "T" in value else spec.type
            out.append(Timex(doc.text[a:b], a, b, type_, value, sent, m.rule.id))
            day = day_of(value) if type_ in ("date", "time") else None
            if day is not None:
                last_day = (day, sent)
    return out


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(value: str) -> date | None:
    """The day of a day-precise value ("2024-02-10", "2024-02-10TEV"); None for weeks,
    months and coarser values (fromisoformat alone would read "2024-W06" as a Monday)."""
    m = _DAY.match(value)
    return date.fromisoformat(m.group()) if m else None
