"""Place mentions of a document, each resolved to a gazetteer entry.

Two sources: the actor recogniser's place and country entities (their lexicon key names the
entry), and proper nouns the lexicon lacks that the gazetteer knows ("Miskolc", "Haditha"),
read as the longest name of up to `MAX_NAME_TOKENS` tokens. A gazetteer-only name must be
tagged a proper noun: common nouns that are also a town somewhere ("Lage", "Essen") are
places only through the language's own data; and a lone such word followed by a capitalised
word is the first part of a longer name ("Oliver Brandt"), not a town.
"""
from __future__ import annotations

from dataclasses import dataclass

from lagebild.geo.gazetteer import Place
from lagebild.geo.resolve import ArticleGeo, Resolver
from lagebild.model import Document, Entity

MAX_NAME_TOKENS = 3                     # "Addis Abeba", "Rostock - Laage"
# entities the actor recogniser derived from a place word that is not itself a place mention
# ("US-Militär" is a compound, "russische" an adjective)
DERIVED_SOURCES = ("compound", "adjective")
# names inside these are not places; an unknown proper noun (MISC, from the tagger) or a
# nationality phrase ("im ägyptischen Scharm el Scheich") may still hold one
PERSONS_AND_BODIES = frozenset({"PER", "ORG", "AGENT"})


@dataclass(slots=True)
class PlaceMention:
    tok_start: int
    tok_end: int
    start: int
    end: int
    sent: int
    form: str
    place: Place
    entity: Entity | None = None        # the actor entity of the same span, if any


def _tok_span(doc: Document, e: Entity) -> tuple[int, int]:
    if e.tok_start >= 0:
        return e.tok_start, e.tok_end
    ks = [i for i, t in enumerate(doc.tokens) if t.start >= e.start and t.end <= e.end]
    return (ks[0], ks[-1] + 1) if ks else (-1, -1)


def article_geo(doc: Document, resolver: Resolver) -> ArticleGeo:
    """The countries the article names (coded entities) and the first-level divisions among
    its lexicon places: the context that ranks homonyms."""
    countries = {e.code for e in doc.entities if e.code and len(e.code) == 3 and e.code.isupper()}
    regions = set()
    for e in doc.entities:
        p = resolver.by_key.get(e.key or "")
        if p is not None and p.feature_code == "ADM1":
            regions.add(f"{p.iso2}.{p.admin1}")
    return ArticleGeo(frozenset(countries), frozenset(regions))


def _name_goes_on(doc: Document, k: int, end: int) -> bool:
    """A capitalised word follows: a lone word the gazetteer alone knows is then the first part
    of a longer name ("Oliver Brandt", "Jordan Peterson"), not a town. The language's own names
    are read as places all the same ("in Berlin Kanzler Scholz")."""
    t = doc.tokens[k] if k < end else None
    return t is not None and t.text[:1].isupper() and t.text[:1].isalpha() \
        and not any(x.start <= t.start < x.end for x in doc.timexes)     # "in Miskolc Ende November"


def _after_locative(doc: Document, a: int, resolver: Resolver) -> bool:
    """The name at token `a` is the object of a locative preposition of every event type ("im",
    "in dem"), past an article or adjective."""
    s = doc.sentences[doc.tokens[a].sent]
    for j in range(a - 1, max(s.tok_start, a - 4) - 1, -1):
        role = resolver.words.roles.get(doc.tokens[j].text.lower())
        if role is not None:
            return role[0] == "locative" and role[1] is None
        if doc.tokens[j].pos not in resolver.words.np_inner:
            return False
    return False


def find_places(doc: Document, resolver: Resolver) -> list[PlaceMention]:
    article = article_geo(doc, resolver)
    out: list[PlaceMention] = []
    covered: set[int] = set()
    for e in doc.entities:
        a, b = _tok_span(doc, e)
        if a < 0:
            continue
        if e.label in PERSONS_AND_BODIES:
            covered.update(range(a, b))     # "Paris Hilton", "Jordan Peterson": no place inside
            p = resolver.known(e.text) if _after_locative(doc, a, resolver) else None
            if p is not None:
                # "im Weißen Haus", "im Kreml": a body named by its building, as the object of a
                # locative preposition, is where the act happened (the building's city)
                out.append(PlaceMention(a, b, e.start, e.end, e.sent, e.text, p, e))
        if e.source.split("+")[0] in DERIVED_SOURCES or e.label not in ("GPE", "LOC"):
            continue
        p = resolver.by_key.get(e.key or "")
        if p is not None:
            covered.update(range(a, b))
            if resolver.known(e.text.split(" (")[0]) is None:
                continue    # "155 Palästinenser", "die Deutschen": a demonym names people, not a place
            if a > 0 and p.is_country and doc.tokens[a - 1].text in resolver.words.capital_nouns:
                # "in der Hauptstadt Äthiopiens": the capital, named by its country
                cap = resolver.capital(p)
                if cap is not None:
                    t0 = doc.tokens[a - 1]
                    out.append(PlaceMention(a - 1, b, t0.start, e.end, e.sent, doc.text[t0.start:e.end], cap, e))
                    continue
            out.append(PlaceMention(a, b, e.start, e.end, e.sent, e.text, p, e))
    for s in doc.sentences:
        k = s.tok_start
        while k < s.tok_end:
            if k in covered or not doc.tokens[k].text[:1].isupper():
                k += 1
                continue
            found = None
            for n in range(min(MAX_NAME_TOKENS, s.tok_end - k), 0, -1):
                toks = doc.tokens[k:k + n]
                if any(i in covered for i in range(k, k + n)) or not toks[-1].text[:1].isupper():
                    continue
                form = doc.text[toks[0].start:toks[-1].end]     # as written: "L′Aquila", "Addis Abeba"
                p = resolver.known(form)
                # one word must be tagged a proper noun; a name of several words that the
                # gazetteer holds whole ("Scharm el Scheich") is no accident of tagging
                if p is None and (toks[0].pos in resolver.words.proper_noun or n > 1) and toks[0].text[:1].isupper() \
                        and not (n == 1 and _name_goes_on(doc, k + 1, s.tok_end)):
                    p = resolver.resolve(form, article)
                if p is not None:
                    found = (n, form, p)
                    break
            if found is None:
                k += 1
                continue
            n, form, p = found
            toks = doc.tokens[k:k + n]
            out.append(PlaceMention(k, k + n, toks[0].start, toks[-1].end, s.index, form, p))
            k += n
    out.sort(key=lambda m: m.tok_start)
    return out
