"""Clauses of a sentence.

A sentence is cut at its clause breaks (commas, subordinators: data); a piece opened by a
comma is a clause of its own only when it has what makes a clause (a finite verb, a
zu-infinitive, a clause-opening word, a verb followed by more words, or a verb-final
infinitive form, which in German is also the finite plural). Otherwise it continues the phrase before it: an enumeration
("Kanada, Neuseeland und Norwegen"), an apposition (", der Innenminister,") or the closing
participle of a verbal bracket (", verhängt").
"""
from __future__ import annotations

from dataclasses import dataclass

from lagebild.model import Document, Entity
from lagebild.syntax.grammar import SyntaxGrammar


@dataclass
class Clause:
    start: int   # token indices into doc.tokens, [start, end)
    end: int
    opener: str  # the break token that opened it ("," "dass" ...), "" for the first
    flags_in: frozenset[str] = frozenset()   # flags inherited from a governing clause
    shared_subject: bool = False   # opens with its finite verb after a verbless subject phrase
    antecedent: Entity | None = None   # a relative clause's antecedent ("einer Lehrerin, die ...")


def cut_at_breaks(doc: Document, s_start: int, s_end: int, breaks: set[str] | frozenset[str]) -> list[Clause]:
    """The pieces between clause breaks, each with the break that opened it."""
    out, cur, opener = [], s_start, ""
    for k in range(s_start, s_end):
        w = doc.tokens[k].text.lower()
        if w in breaks:
            if k > cur:
                out.append(Clause(cur, k, opener))
            cur, opener = k + 1, w
    if s_end > cur:
        out.append(Clause(cur, s_end, opener))
    return out


def is_clausal(doc: Document, c: Clause, g: SyntaxGrammar) -> bool:
    """The piece has what makes a clause of its own."""
    toks = doc.tokens[c.start:c.end]
    verbal = g.tag_class("finite_verb") | g.tag_class("zu_infinitive")
    if any(t.pos in verbal for t in toks):
        return True
    if any(t.pos in g.tag_class("clause_opening") for t in toks[:2]):   # "die ...", "von dem ..."
        return True
    words = [t for t in toks if t.pos not in g.tag_class("punctuation")]
    if len(words) > 1 and words[0].pos in g.tag_class("verb"):
        return True     # ", erklärt er weiter": a verb first, then its own subject (the tags
                        # may call a finite form a participle); a lone verb closes the bracket
    return bool(words) and words[-1].pos in g.tag_class("infinitive_verb")


def split_clauses(doc: Document, s_start: int, s_end: int, breaks: set[str] | frozenset[str],
                  g: SyntaxGrammar) -> list[Clause]:
    out: list[Clause] = []
    for c in cut_at_breaks(doc, s_start, s_end, breaks):
        if c.opener in g.words("prepositional_break") and not _verb_final(doc, c, g):
            # "während seiner Reise erteilte er ...": a preposition, the phrase runs on
            if out:
                out[-1] = Clause(out[-1].start, c.end, out[-1].opener)
            else:
                out.append(Clause(c.start - 1, c.end, ""))
        elif out and c.opener in g.words("apposition_break") and not is_clausal(doc, c, g):
            out[-1] = Clause(out[-1].start, c.end, out[-1].opener)
        else:
            out.append(c)
    return [piece for c in out for piece in _coordinated_verbs(doc, c, g)]


def _verb_final(doc: Document, c: Clause, g: SyntaxGrammar) -> bool:
    """A subordinate clause ends with its finite verb (only verbs and particles may follow);
    a prepositional phrase has no finite verb, or one with more words after it."""
    words = [t for t in doc.tokens[c.start:c.end] if t.pos not in g.tag_class("punctuation")]
    # the plural present is also the infinitive's form ("während sie verhandeln")
    closing = g.tag_class("finite_verb") | g.tag_class("infinitive_verb")
    finite = [i for i, t in enumerate(words) if t.pos in closing]
    return bool(finite) and all(t.pos in g.tag_class("verb") for t in words[finite[-1] + 1:])


def _coordinated_verbs(doc: Document, c: Clause, g: SyntaxGrammar) -> list[Clause]:
    """'greift die Stadt an und will die Angriffe ausweiten': a conjunction right before a
    finite verb opens a second clause that shares the subject."""
    conj, finite = g.words("verb_coordination"), g.tag_class("finite_verb")
    out, start, opener = [], c.start, c.opener
    for k in range(c.start + 1, c.end - 1):
        if doc.tokens[k].text.lower() in conj and doc.tokens[k + 1].pos in finite:
            out.append(Clause(start, k, opener))
            start, opener = k + 1, doc.tokens[k].text.lower()
    out.append(Clause(start, c.end, opener))
    return out
