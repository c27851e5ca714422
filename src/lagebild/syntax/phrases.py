"""Phrases above the word that are not clauses: datelines, attributive participle phrases."""
from __future__ import annotations

from lagebild.model import Document
from lagebild.syntax.grammar import SyntaxGrammar

MAX_DATELINE = 6   # tokens: "Johannesburg / Khartum / Den Haag"


def dateline_end(doc: Document, s_start: int, s_end: int, g: SyntaxGrammar) -> int:
    """The first token after a dateline that opens the sentence ("Kairo/Gaza – Die Armee
    ..."), or `s_start` when there is none. Only nouns, articles and place separators may
    stand before the dash: a headline with a verb or a function word is no dateline."""
    dashes = g.words("dateline_separator")
    nominal = g.tag_class("noun") | g.tag_class("article")
    for k in range(s_start, min(s_end, s_start + MAX_DATELINE + 1)):
        t = doc.tokens[k]
        if t.text in dashes:
            return k + 1 if k > s_start else s_start
        if len(t.text) > 1 and t.text[-1] in dashes and t.text[0].isupper():
            return k + 1    # "Istanbul-": the dash glued to the place
        if not (t.pos in nominal and t.text[:1].isupper() or t.text in g.words("place_separator")):
            return s_start
    return s_start


def attributive_head(doc: Document, j: int, end: int, skip: frozenset[str], attributive: frozenset[str],
                     nouns: frozenset[str], reach: int | None = None) -> tuple[int, int] | None:
    """(first attributive, head noun) when the words from token `j` on, past at most `reach`
    words with `skip` tags, are attributive adjectives and then a noun: the phrase before `j`
    stands inside an attributive participle phrase ("von den Truppen | genutzte Depots", "des
    bei einem Angriff | getöteten Generals"). None otherwise."""
    start = j
    while j < end and doc.tokens[j].pos in skip and (reach is None or j - start < reach):
        j += 1
    first = j
    while j < end and doc.tokens[j].pos in attributive:
        j += 1
    return (first, j) if first < j < end and doc.tokens[j].pos in nouns else None
