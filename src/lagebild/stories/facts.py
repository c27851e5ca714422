"""Facts of one story, lined up across its articles.

A fact is something an article states: a sentence (an event, a quote or a plain claim,
whichever the analysis found in it) or a figure (a quantity). Sentences of different articles
that say the same thing are aligned: each article's sentences are matched, best pair first, to
the facts the earlier articles opened, and a sentence that matches none opens a fact of its
own. An article contributes at most one sentence per fact. Figures are aligned by what they
count and their value, so "eleven dead" and "twelve dead" stay two facts (and become a
conflict, see `conflicts`). Every article of the story that has no mention of a fact leaves
it out: articles are judged one by one, never by outlet.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lagebild.ontology import UNASSERTED_CONTEXTS
from lagebild.stories.grouping import Article
from lagebild.stories.text import WORD, Idf, Vector, cosine, terms, tfidf

ANNOUNCED = "future"     # the event context of announced and planned events
CONTEXT_WORDS = 4        # words either side of a figure that say what it counts


@dataclass(frozen=True)
class FactSettings:
    align: float = 0.30          # cosine of two sentences that state the same fact (compare-dev: 0.25-0.35 meet every target)
    label_chars: int = 90
    small_count: int = 3         # below this a figure is aligned with what it counts as well


@dataclass
class Mention:
    doc_id: str
    start: int
    end: int
    text: str
    according_to: str | None = None
    date: str | None = None                # an event's date
    value: float | None = None             # a figure's value
    unit: str | None = None
    counts: str | None = None              # what a figure counts
    context: tuple[str, ...] = ()          # a figure: its words and those next to it, lower-cased
    figure_at: tuple[int, int] = (0, 0)    # where in `context` the figure's own words are


@dataclass
class Fact:
    kind: str                              # event | quote | quantity | claim
    type: str | None
    label: str
    mentions: list[Mention]
    omitted_by: list[str] = field(default_factory=list)
    announced: bool = False
    key: tuple = ()                         # what aligned it (a figure's unit and value)
    sentence_fact: int | None = None        # a figure: the sentence fact its first mention is in


@dataclass
class StoryText:
    """One article with what the facts are read from."""
    article: Article
    sentences: list[tuple[int, int]]
    records: list[dict[str, Any]]


def story_facts(texts: list[StoryText], settings: FactSettings | None = None) -> list[Fact]:
    s = settings or FactSettings()
    sentence_facts = _align_sentences(texts, s)
    quantity_facts = _quantity_facts(texts, sentence_facts, s)
    facts = sentence_facts + quantity_facts
    docs = [t.article.doc_id for t in texts]
    for f in facts:
        reporting = {m.doc_id for m in f.mentions}
        f.omitted_by = [d for d in docs if d not in reporting]
    return facts


# --- sentences ------------------------------------------------------------------------------
@dataclass
class _Unit:
    mention: Mention
    vector: Vector


def _align_sentences(texts: list[StoryText], s: FactSettings) -> list[Fact]:
    bags = {t.article.doc_id: [Counter(terms(t.article.text[a:b])) for a, b in t.sentences] for t in texts}
    idf = Idf(b for bs in bags.values() for b in bs)
    groups: list[list[_Unit]] = []
    for t in texts:
        units = [_Unit(_sentence_mention(t, a, b), tfidf(bag, idf))
                 for (a, b), bag in zip(t.sentences, bags[t.article.doc_id]) if bag]
        pairs = sorted(((cosine(u.vector, m.vector), i, g) for i, u in enumerate(units)
                        for g, grp in enumerate(groups) for m in grp), reverse=True)
        used_units: set[int] = set()
        used_groups: set[int] = set()
        for score, i, g in pairs:
            if score < s.align:
                break
            if i in used_units or g in used_groups:
                continue
            groups[g].append(units[i])
            used_units.add(i)
            used_groups.add(g)
        groups.extend([u] for i, u in enumerate(units) if i not in used_units)
    records = {t.article.doc_id: t.records for t in texts}
    return [_sentence_fact([u.mention for u in grp], records, s) for grp in groups]


def _sentence_mention(t: StoryText, start: int, end: int) -> Mention:
    quote = next((r for r in t.records if r.get("kind") == "quote" and _inside(r, start, end)), None)
    return Mention(t.article.doc_id, start, end, t.article.text[start:end],
                   according_to=_speaker(quote) if quote else None)


def _inside(rec: dict[str, Any], start: int, end: int) -> bool:
    a, b = _span(rec)
    return a is not None and a < end and b > start


def _span(rec: dict[str, Any]) -> tuple[int | None, int | None]:
    if rec.get("kind") == "event":
        info = rec.get("text_info") or {}
        return info.get("start"), info.get("end")
    return rec.get("start"), rec.get("end")


def _speaker(quote: dict[str, Any]) -> str | None:
    sp = quote.get("speaker") or {}
    return sp.get("identifier_text") or sp.get("entity_text")


def _sentence_fact(mentions: list[Mention], records: dict[str, list[dict[str, Any]]], s: FactSettings) -> Fact:
    events, quotes = [], []
    for m in mentions:
        for r in records.get(m.doc_id, ()):
            if not _inside(r, m.start, m.end):
                continue
            if r.get("kind") == "event" and not (UNASSERTED_CONTEXTS - {ANNOUNCED}) & set(r.get("context") or []):
                events.append(r)
                m.date = m.date or r.get("date")
            elif r.get("kind") == "quote":
                quotes.append(r)
    snippet = _snippet(mentions[0].text, s.label_chars)
    if events:
        etype = Counter((e.get("event") or ["?"])[0] for e in events).most_common(1)[0][0]
        announced = all(ANNOUNCED in (e.get("context") or []) for e in events if (e.get("event") or [""])[0] == etype)
        first = next(e for e in events if (e.get("event") or [""])[0] == etype)
        label = f"{etype}{' (announced)' if announced else ''} {_party(first, 'actor')} → {_party(first, 'recipient')}: {snippet}"
        return Fact("event", etype, label, mentions, announced=announced)
    if quotes:
        return Fact("quote", None, f"{_speaker(quotes[0]) or '?'}: {snippet}", mentions)
    return Fact("claim", None, snippet, mentions)


def _party(event: dict[str, Any], role: str) -> str:
    ps = event.get(role) or []
    return "+".join(p.get("identifier_text") or p.get("code") or p.get("entity_text") or "?" for p in ps) or "?"


def _snippet(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"


# --- figures --------------------------------------------------------------------------------
def _quantity_facts(texts: list[StoryText], sentence_facts: list[Fact], s: FactSettings) -> list[Fact]:
    where = {(m.doc_id, m.start): n for n, f in enumerate(sentence_facts) for m in f.mentions}
    facts: dict[tuple, Fact] = {}
    for t in texts:
        starts = [a for a, _ in t.sentences]
        for r in t.records:
            if r.get("kind") != "quantity" or r.get("value") is None:
                continue
            m = _quantity_mention(t, r, starts, sentence_facts, where)
            key = _quantity_key(r, s)
            f = facts.get(key)
            if f is None:
                facts[key] = Fact("quantity", None, _quantity_label(r), [m], key=key,
                                  sentence_fact=where.get((m.doc_id, _sentence_start(starts, m.start))))
            elif all(x.doc_id != m.doc_id for x in f.mentions):
                f.mentions.append(m)
    return list(facts.values())


def _quantity_mention(t: StoryText, r: dict[str, Any], starts: list[int], sentence_facts: list[Fact],
                      where: dict[tuple[str, int], int]) -> Mention:
    a, b = r["start"], r["end"]
    s_start = _sentence_start(starts, a)
    sf = where.get((t.article.doc_id, s_start))
    source = next((m.according_to for m in sentence_facts[sf].mentions
                   if m.doc_id == t.article.doc_id), None) if sf is not None else None
    s_end = next((e for st, e in t.sentences if st == s_start), b)
    text = t.article.text
    before = WORD.findall(text[s_start if s_start is not None else a:a].lower())[-CONTEXT_WORDS:]
    after = WORD.findall(text[b:s_end].lower())[:CONTEXT_WORDS]
    own = WORD.findall(text[a:b].lower())
    context = (*before, *own, *after)
    return Mention(t.article.doc_id, a, b, text[a:b], according_to=source,
                   value=r.get("value"), unit=r.get("unit"), counts=r.get("counts"), context=context,
                   figure_at=(len(before), len(before) + len(own)))


def _sentence_start(starts: list[int], char: int) -> int | None:
    best = None
    for a in starts:
        if a > char:
            break
        best = a
    return best


def _quantity_key(r: dict[str, Any], s: FactSettings) -> tuple:
    # "ein Angreifer" and "ein Israeli" are both one person: small counts are only the same
    # figure when they count the same thing
    value = float(r["value"])
    counted = terms(r.get("counts") or "")[:1] if value < s.small_count else []
    return (r.get("unit") or "", value, *counted)


def _quantity_label(r: dict[str, Any]) -> str:
    value = float(r["value"])
    shown = f"{value:,.0f}" if value.is_integer() else f"{value:,g}"
    return f"{shown} {r.get('counts') or r.get('unit') or ''}".strip()
