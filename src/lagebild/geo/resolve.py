"""Place names → gazetteer entries: the language's own names first, then the gazetteer's.

The language's names are the actor lexicon's places and countries (`lang/<code>/actors/`:
"Moskau", "Gazastreifen", "Libanon") and the `geo` data's extra names; each is tied to one
gazetteer entry when the resolver is built, by the entry's English name and country, so a
German exonym never has to be disambiguated again. A name the language does not list goes to
the gazetteer, whose homonyms are ranked by population, feature (a country before a city of
the same name) and the countries and first-level divisions the article names ("Paris" is in
France unless the article speaks of Texas). When two candidates in different countries stay
close, the name is left unresolved: no place is better than a wrong one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from lagebild.geo.gazetteer import Gazetteer, Place, name_key
from lagebild.syntax.words import compass_rests

ARTICLE_COUNTRY_BONUS = 1.5     # in log10 population units: a country the article names
ARTICLE_REGION_BONUS = 3.0      # a first-level division the article names (Texas for Paris)
COUNTRY_FEATURE_BONUS = 2.0     # "Georgien", "Jordan": the country before a town of that name
DIVISION_PENALTY = 1.0         # a first-level division against a city of the same name
MIN_MARGIN = 0.8                # best vs. runner-up in another country, else unresolved
MIN_SUFFIX_STEM = 4             # "Kiews" -> "Kiew"; no cut below four letters


@dataclass
class PlaceWords:
    """The language's place data (kind `geo`), compiled."""
    # preposition (or "preposition article") -> (role, event types or None for all, adjacent)
    roles: dict[str, tuple[str, frozenset[str] | None, bool]] = field(default_factory=dict)
    prep_words: frozenset[str] = frozenset()     # first words of the two-word forms
    transparent: frozenset[str] = frozenset()
    np_inner: frozenset[str] = frozenset()
    attributive: frozenset[str] = frozenset()
    phrase_end: frozenset[str] = frozenset()     # tags that end a noun phrase a PP may attach to
    proper_noun: frozenset[str] = frozenset()    # tags of names the gazetteer alone may resolve
    actor_name: frozenset[str] = frozenset()     # tags of a person's name or pronoun ("sagte er in Wien")
    backdrop: frozenset[str] = frozenset()       # prepositions that make an event noun a backdrop
    capital_nouns: frozenset[str] = frozenset()
    compass: tuple[str, ...] = ()                # "Süd" + "libanon": a part of a known place
    scene_openers: frozenset[str] = frozenset()  # subordinators whose clause shares the scene
    # event types that take the story's scene when their clause names no place -> whether the
    # scene must lie in the country of one of their parties (own_ground)
    scene_events: dict[str, bool] = field(default_factory=dict)
    # nouns of a gathering ("Treffen", "Konferenz"; the head of a compound: "Ostseegipfel"):
    # a PP after one, when the gathering is an adverbial of the clause, says where the act was
    venues: tuple[str, ...] = ()
    place_adverbs: frozenset[str] = frozenset()  # "hier", "dort": the place named last
    adverb_tags: frozenset[str] = frozenset()
    venue_prepositions: frozenset[str] = frozenset()   # "bei einem Treffen", "am Rande einer Konferenz"
    venue_inner: frozenset[str] = frozenset()    # "einer Pressekonferenz mit dem Präsidenten in Lissabon"
    # statement and agreement types that happen where their actor met or spoke, when their
    # clause names no place (geo/venue.py)
    venue_events: frozenset[str] = frozenset()
    # verb lemma -> event types whose place is the verb's place object ("besuchte Kiew")
    object_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    directional: frozenset[str] = frozenset()    # "in die": a preposition and article of motion, no setting
    # event type -> contexts of acts done on the actor's own ground ("Venezuela begann ein Manöver")
    home_events: dict[str, frozenset[str]] = field(default_factory=dict)
    suffixes: tuple[str, ...] = ()
    not_a_place: frozenset[str] = frozenset()
    extra: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def build(cls, entries: list[dict[str, Any]]) -> "PlaceWords":
        w = cls()
        transparent, inner, suffixes, stop, attributive, capital = set(), set(), [], set(), set(), set()
        for e in entries:
            t = e["type"]
            if t == "preposition":
                types = frozenset(e["events"]) if e.get("events") else None
                for f in e.get("forms", ()):
                    w.roles[f.lower()] = (e["role"], types, bool(e.get("adjacent")))
            elif t == "attributive":
                attributive.update(e.get("tags", ()))
            elif t == "backdrop_preposition":
                w.backdrop = w.backdrop | frozenset(f.lower() for f in e.get("forms", ()))
            elif t == "proper_noun":
                w.proper_noun = w.proper_noun | frozenset(e.get("tags", ()))
            elif t == "actor_name":
                w.actor_name = w.actor_name | frozenset(e.get("tags", ()))
            elif t == "phrase_end":
                w.phrase_end = w.phrase_end | frozenset(e.get("tags", ()))
            elif t == "capital_noun":
                capital.update(e.get("forms", ()))
            elif t == "compass_prefix":
                w.compass = tuple(sorted(set(w.compass) | set(e.get("forms", ())), key=len, reverse=True))
            elif t == "scene_event":
                w.scene_events.update({x: bool(e.get("own_ground")) for x in e.get("events", ())})
            elif t == "scene_opener":
                w.scene_openers = w.scene_openers | frozenset(f.lower() for f in e.get("forms", ()))
            elif t == "transparent":
                transparent.update(f.lower() for f in e.get("forms", ()))
            elif t == "np_inner":
                inner.update(e.get("tags", ()))
            elif t == "suffixes":
                suffixes.extend(e.get("forms", ()))
            elif t == "venue_noun":
                w.venues = tuple(sorted(set(w.venues) | {f.lower() for f in e.get("forms", ())}))
            elif t == "place_adverb":
                w.place_adverbs = w.place_adverbs | frozenset(f.lower() for f in e.get("forms", ()))
                w.adverb_tags = w.adverb_tags | frozenset(e.get("tags", ()))
            elif t == "venue_inner":
                w.venue_inner = w.venue_inner | frozenset(f.lower() for f in e.get("forms", ()))
            elif t == "venue_preposition":
                w.venue_prepositions = w.venue_prepositions | frozenset(f.lower() for f in e.get("forms", ()))
            elif t == "venue_event":
                w.venue_events = w.venue_events | frozenset(e.get("events", ()))
            elif t == "object_verb":
                for lemma in e.get("lemmas", ()):
                    w.object_verbs[lemma.lower()] = w.object_verbs.get(lemma.lower(), frozenset()) | frozenset(e["events"])
            elif t == "home_event":
                for x in e.get("events", ()):
                    w.home_events[x] = w.home_events.get(x, frozenset()) | frozenset(e.get("contexts", ()))
            elif t == "directional":
                w.directional = w.directional | frozenset(f.lower() for f in e.get("forms", ()))
            elif t == "not_a_place":
                stop.update(e.get("forms", ()))
            elif t == "place":
                w.extra.append(e)
        w.transparent, w.np_inner, w.not_a_place = frozenset(transparent), frozenset(inner), frozenset(stop)
        w.attributive, w.capital_nouns = frozenset(attributive), frozenset(capital)
        w.prep_words = frozenset(f.split()[0] for f in w.roles if " " in f)
        w.suffixes = tuple(sorted(set(suffixes), key=len, reverse=True))
        return w

    def is_venue(self, word: str) -> bool:
        """`word` (lower case) is a venue noun, or a compound or inflected form of one
        ("g8-gipfels", "pressekonferenz")."""
        for v in self.venues:
            if word.endswith(v) or any(word.endswith(v + s) for s in self.suffixes):
                return True
        return False


@dataclass(frozen=True)
class ArticleGeo:
    """What the article says about where it is: the countries (ISO3) and gazetteer first-level
    divisions ("US.TX") its resolved place and country mentions name."""
    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()


class Resolver:
    def __init__(self, gazetteer: Gazetteer, words: PlaceWords, actor_entries: list[dict[str, Any]]):
        self.gaz = gazetteer
        self.words = words
        self.by_key: dict[str, Place] = {}        # actor lexicon key -> entry
        self.by_form: dict[str, Place] = {}       # the language's own names -> entry
        self.unmatched: list[str] = []            # language names no gazetteer entry fits (reported by benchmarks/geo.py)
        for e in actor_entries:
            key = e.get("key") or ""
            if not key.startswith(("place.", "country.")):
                continue
            p = self._entry(e.get("name") or "", e.get("code"), country=key.startswith("country."))
            if p is None:
                self.unmatched.append(key)
                continue
            self.by_key[key] = p
            for n in e.get("names") or ():
                self.by_form.setdefault(name_key(n), p)
        for e in words.extra:
            p = self._entry(e["of"], e.get("country"))
            if p is None:
                self.unmatched.append(e["of"])
                continue
            for n in e.get("names") or ():
                self.by_form[name_key(n)] = p

    def _entry(self, english: str, code: str | None, country: bool = False) -> Place | None:
        """The gazetteer entry an English name (and ISO3 code) of the language data means."""
        if country:
            c = self.gaz.country(code)
            return self.gaz.country_place(c) if c else None
        # "New York (state)", "Georgia (U.S. state)": the division; "Washington, D.C.": the city
        base, _, qualifier = english.partition(" (")
        base, comma, _ = base.partition(", ")
        cands = self.gaz.lookup(base)
        if "state" in qualifier:
            cands = [p for p in cands if p.feature_code == "ADM1"]
        elif comma:
            cands = [p for p in cands if p.feature_class == "P"]
        if code:
            c = self.gaz.country(code)
            cands = [p for p in cands if c and p.iso2 == c.iso2]
        if not cands:
            return None
        return max(cands, key=lambda p: (p.is_country, p.feature_class == "A", p.population))

    def capital(self, p: Place) -> Place | None:
        """The capital of a country entry ("die Hauptstadt Äthiopiens")."""
        c = self.gaz.country(p.iso2) if p.is_country else None
        if c is None or not c.capital:
            return None
        cands = [x for x in self.gaz.lookup(c.capital) if x.iso2 == c.iso2 and x.feature_class == "P"]
        return max(cands, key=lambda x: (x.feature_code == "PPLC", x.population)) if cands else None

    def iso3(self, p: Place) -> str | None:
        c = self.gaz.country(p.iso2)
        return c.iso3 if c else None

    # --- lookups -------------------------------------------------------------------------------
    def known(self, form: str) -> Place | None:
        """A name of the language's own data (an exonym or inflected form), or None."""
        p = self.by_form.get(name_key(form))
        if p is None:
            for rest in compass_rests(form, self.words.compass, MIN_SUFFIX_STEM):
                # "Südlibanon", "Ostukraine": the compass part of a place is that place
                # (its extracted name keeps the part); "Süd-Libanon" likewise
                p = self.by_form.get(name_key(rest))
                if p is not None:
                    return p
        if p is None:
            for suf in self.words.suffixes:
                if form.endswith(suf) and len(form) - len(suf) >= MIN_SUFFIX_STEM:
                    p = self.by_form.get(name_key(form[:-len(suf)]))
                    if p is not None:
                        break
        return p

    def candidates(self, form: str) -> list[Place]:
        if form in self.words.not_a_place:
            return []
        cands = self.gaz.lookup(form)
        if not cands:
            for suf in self.words.suffixes:
                if form.endswith(suf) and len(form) - len(suf) >= MIN_SUFFIX_STEM:
                    cands = self.gaz.lookup(form[:-len(suf)])
                    if cands:
                        break
        return cands

    def score(self, p: Place, article: ArticleGeo) -> float:
        s = math.log10(p.population + 10)
        iso3 = self.iso3(p)
        if iso3 and iso3 in article.countries:
            s += ARTICLE_COUNTRY_BONUS
        if f"{p.iso2}.{p.admin1}" in article.regions and p.feature_class == "P":
            s += ARTICLE_REGION_BONUS
        if p.is_country:
            s += COUNTRY_FEATURE_BONUS
        elif p.feature_code == "ADM1":
            # a division's population is the sum of its cities: "Washington", "New York" as
            # names are first the cities
            s -= DIVISION_PENALTY
        return s

    def resolve(self, form: str, article: ArticleGeo = ArticleGeo()) -> Place | None:
        """The entry a place name means in this article, or None (unknown or ambiguous)."""
        p = self.known(form)
        if p is not None:
            # the language's reading wins, unless the article names a first-level division
            # that holds a place of this name ("Paris" in an article about Texas)
            local = [c for c in (self.candidates(form) if article.regions else ()) if c.feature_class == "P"
                     and c.id != p.id and f"{c.iso2}.{c.admin1}" in article.regions]
            return max(local, key=lambda c: c.population) if local else p
        cands = self.candidates(form)
        if not cands:
            return None
        ranked = sorted(cands, key=lambda c: self.score(c, article), reverse=True)
        best = ranked[0]
        for other in ranked[1:]:
            if other.iso2 != best.iso2:
                if self.score(best, article) - self.score(other, article) < MIN_MARGIN:
                    return None
                break
        return best
