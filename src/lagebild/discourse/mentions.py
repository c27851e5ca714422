"""Finding the mentions that refer back: pronouns and definite descriptions.

One pass over the tokens; a description is a definite determiner (or a dual word standing
alone), optional attributes, and a head noun the lexicon knows as a person role, an age noun,
or a country or party head. Everything language-specific is asked of the DiscourseLexicon.
"""
from __future__ import annotations

from dataclasses import dataclass

from lagebild.discourse.lexicon import ALL, FEM, MASC, NEUT, PLURAL, DiscourseLexicon
from lagebild.model import Document, Entity

# Attributes allowed between a determiner and its head ("die beiden früheren Präsidenten").
MAX_ATTRIBUTES = 4
# Entity sources whose code is the mention's own (not guessed from the context).
OWN_CODE_SOURCES = frozenset({"lexicon", "agent", "compound", "adjective"})


@dataclass(slots=True)
class Anaphor:
    """A pronoun or description at tokens [a, b) with what it may refer to."""
    a: int
    b: int
    sent: int
    form: str                     # pronoun | description
    refers: str                   # person | country | party
    agree: frozenset[str]
    plural: bool = False          # "die beiden Präsidenten": two referents
    possessive: bool = False
    object: bool = False
    role: str | None = None       # agent key of a role noun
    sector: str | None = None
    code: str | None = None       # a code the description fixes itself ("der US-Präsident")
    own: Entity | None = None     # the recogniser's entity for it, when it fixes the code
    neuter_only: bool = False     # "es": only right after a neuter description


def find_anaphors(doc: Document, lex: DiscourseLexicon, starts: dict[int, list[Entity]]) -> list[Anaphor]:
    """Anaphors in text order. `starts` maps a token index to the entities starting there."""
    out: list[Anaphor] = []
    toks = doc.tokens
    for s in doc.sentences:
        k = s.tok_start
        while k < s.tok_end:
            t = toks[k]
            low = t.text.lower()
            alone = lex.tag("demonstrative", t.pos) and k + 1 < s.tok_end and lex.tag("finite_verb", toks[k + 1].pos)
            if low in lex.pronouns and (lex.tag("pronoun", t.pos) or alone):
                if k == s.tok_start or not t.text[:1].isupper():   # mid-sentence capital: polite form
                    out.append(_pronoun(lex, k, t.sent, low))
                k += 1
                continue
            ana = None
            if (low in lex.determiners and lex.tag("determiner", t.pos)) or (
                    lex.word("dual", low) and lex.tag("dual_alone", t.pos)):
                ana = _description(doc, lex, k, s.tok_end, starts)
            if ana is not None:
                out.append(ana)
                k = ana.b
                continue
            k += 1
    return out


def _pronoun(lex: DiscourseLexicon, k: int, sent: int, low: str) -> Anaphor:
    agree = lex.pronouns[low]
    possessive = low in lex.possessive
    return Anaphor(k, k + 1, sent, "pronoun", "person", agree, possessive=possessive,
                   object=low in lex.objects, neuter_only=agree == frozenset({NEUT}))


def _description(doc: Document, lex: DiscourseLexicon, k: int, end: int,
                 starts: dict[int, list[Entity]]) -> Anaphor | None:
    toks = doc.tokens
    det = toks[k].text.lower()
    dual = lex.word("dual", det)
    agree = lex.determiners.get(det, ALL)
    j = k + 1
    while j < end and j - k <= MAX_ATTRIBUTES and lex.tag("attribute", toks[j].pos):
        dual = dual or lex.word("dual", toks[j].text)
        j += 1
    if j >= end or not lex.tag("noun", toks[j].pos):
        return None
    head = toks[j].text
    if _named(lex, starts, j + 1) or _named(lex, starts, j):
        return None          # "der Präsident Emmanuel Macron": a title before the name
    kind = lex.heads.get(head.lower())
    age = lex.age_noun(head) if kind is None else None
    role = lex.role(head) if kind is None and age is None else None
    if kind is not None:
        refers, agree = kind.refers, agree & kind.agree
    elif age is not None:
        refers, agree = "person", agree & age
    elif role is not None:
        noun = lex.noun_agreement(head)
        if noun == ALL and PLURAL in agree and not dual:
            return None      # "der Soldaten": a form that does not show its number
        refers, agree = "person", agree & noun
    else:
        return None
    own = _own_entity(starts, k, j)
    b = max(j + 1, own.tok_end if own is not None else 0)
    if b == j + 1 and b < end and lex.word("genitive_article", toks[b].text) and refers == "person":
        return None          # "der Präsident des Verbandes": an office of something unnamed
    if dual:
        if PLURAL not in agree:
            return None
        return Anaphor(k, b, toks[k].sent, "plural", refers, frozenset({PLURAL}), plural=True,
                       role=role.key if role else None, sector=role.sector if role else None)
    if refers == "party":
        return None          # "die Seiten" alone refers to no two participants
    agree = agree - {PLURAL}
    if not agree:
        return None          # a plural group ("die Minister"): no single referent
    code = own.code if own is not None and own.source in OWN_CODE_SOURCES else None
    sector = (own.sector if own is not None and own.sector else None) or (role.sector if role else None)
    return Anaphor(k, b, toks[k].sent, "description", refers, agree, role=role.key if role else None,
                   sector=sector if refers == "person" else None, code=code,
                   own=own if code is not None else None)


def _named(lex: DiscourseLexicon, starts: dict[int, list[Entity]], i: int) -> bool:
    """A person's name starts at token i (an office such as "Kremlchef" is no name)."""
    return any(e.label == "PER" and not lex.has_prefix("office", e.key) for e in starts.get(i, ()))


def _own_entity(starts: dict[int, list[Entity]], k: int, j: int) -> Entity | None:
    """The longest entity starting inside the description's [k, j] that ends at or after its head
    ("Präsident der USA", "US-Präsident", "Kremlchef")."""
    best = None
    for i in range(k, j + 1):
        for e in starts.get(i, ()):
            if e.tok_end > j and e.label in ("PER", "AGENT") and (best is None or e.tok_end > best.tok_end):
                best = e
    return best


__all__ = ["Anaphor", "find_anaphors", "MASC", "FEM", "NEUT", "PLURAL"]
