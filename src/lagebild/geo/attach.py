"""Which place, if any, an event happened at: only one its clause ties to it.

A place is the event's when it ends a prepositional phrase in the trigger's clause whose
preposition has a role for the event's type (`lang/<code>/geo.yaml`): locative ("in Gaza",
"im Gazastreifen", "auf dem Gelände") for any event; goal ("nach Moskau") for visits and
deployments; target ("Angriff auf Charkiw", "Beschuss des Gazastreifens") for attacks; a
von-attribute right after a meeting noun for its venue. The phrase may hold determiners,
adjectives, nouns and genitives between preposition and name ("in der Hauptstadt Beirut",
"im Süden des Gazastreifens") and go on through a transparent preposition ("in der Nähe von
Charkiw"), but not through a time phrase ("am Donnerstag Marokko") or into a new, non-genitive
phrase ("... Donnerstag den Iran"). What is never the event's place (each rule with its
grammatical reason at the line that applies it):
- a place in another clause (a relative clause, a reported clause): its PP says where
  something else happened; except that a clause of the same moment ("..., als die Polizei das
  Feuer eröffnete") shares the locative setting of the clause it depends on;
- a dateline ("Kairo/Gaza – ..."): where the report was filed;
- the seat of the actor named before the act ("die Regierung in Madrid kritisierte");
- a phrase inside an attributive adjective ("die in Oslo ansässige Organisation");
- a place that is no PP's object (a subject "Kiew kritisierte ...": a government by metonymy);
- for verbal events (statements, accusations, demands), a PP right after a noun phrase other
  than the trigger's ("kritisierte die Lage in Gaza"): it locates that noun, not the act;
- before a noun trigger, a PP after a noun phrase with another noun in between ("Treffen mit
  Medwedew in Moskau im Vorfeld des Gipfels"): it belongs to the nearer noun;
- as a target, the actor itself ("Drohnenangriffe des Iran");
- for an event noun under a backdrop preposition ("trotz des Abkommens"), the setting of the
  clause it stands in.
Without such a phrase the event has no location: never the dateline's, never the article's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.geo.mentions import PlaceMention
from lagebild.geo.resolve import PlaceWords
from lagebild.model import Document, Event
from lagebild.syntax import Clause, SyntaxGrammar, split_clauses
from lagebild.syntax.phrases import dateline_end

MAX_PHRASE = 6      # tokens between a preposition and its place name


@dataclass(frozen=True)
class Attachment:
    mention: PlaceMention
    role: str
    distance: int
    after_noun: bool = False    # the PP follows another noun phrase, so it may be that noun's


class Attacher:
    def __init__(self, words: PlaceWords, syntax: SyntaxGrammar, verbal_types: frozenset[str],
                 iso3: Callable[[str], str | None] = lambda code: None):
        self.words = words
        self.syntax = syntax
        self.breaks = syntax.words("clause_break")
        self.verbal_types = verbal_types       # from the ontology: quad classes 1 and 3
        self.iso3 = iso3                       # ISO2 -> ISO3 (the gazetteer's countries)

    def governing_preposition(self, doc: Document, m: PlaceMention, lo: int, k: int | None,
                              timex_spans: list[tuple[int, int]] = ()) -> tuple[int, str] | None:
        """The token index and form of the preposition whose phrase the place ends ("auf dem"
        when the data lists the preposition with its article), or None when the place is no
        prepositional object."""
        j = m.tok_start - 1
        steps = 0
        article = self.syntax.tag_class("article")
        genitive = self.syntax.words("genitive_article")
        nouns = self.syntax.tag_class("noun")
        while j >= lo and steps <= MAX_PHRASE:
            t = doc.tokens[j]
            w = t.text.lower()
            if any(a <= t.start < b for a, b in timex_spans):
                return None     # "am Donnerstag Marokko": a time phrase, the name is no part of it
            if t.pos in nouns and j + 1 < m.tok_start and doc.tokens[j + 1].pos in article \
                    and doc.tokens[j + 1].text.lower() not in genitive:
                return None     # "... Donnerstag den Iran": an article after a noun opens a new
                                # phrase, unless it is a genitive ("im Süden des Gazastreifens")
            if w in self.words.roles or w in self.words.prep_words:
                nxt = doc.tokens[j + 1].text.lower() if j + 1 < m.tok_start else ""
                if f"{w} {nxt}" in self.words.roles:
                    return j, f"{w} {nxt}"
                if w in self.words.roles and (not self.words.roles[w][2] or (k is not None and j == k + 1)):
                    return j, w
                # a form that counts only right after the event noun (a genitive article)
                # is elsewhere a word inside the phrase: "in der Stadt Portland"
            if w in self.words.transparent or t.pos in self.words.np_inner:
                j -= 1
                steps += 1
                continue
            return None
        return None

    def reaches_trigger(self, doc: Document, p: int, k: int, lo: int) -> bool:
        """The phrase before the preposition at `p` is the trigger noun with at most a
        genitive attribute ("Besuch des Präsidenten in Belgrad", "Treffens der Minister in
        Brüssel"): the place phrase then modifies the event noun itself."""
        if doc.tokens[k].pos not in self.syntax.tag_class("noun"):
            return False    # "kritisierte die Präsenz in der Karibik": the PP is the object's
        j = p - 1
        steps = 0
        while j >= lo and steps <= MAX_PHRASE:
            if j == k:
                return True
            t = doc.tokens[j]
            if t.pos not in self.words.np_inner and t.pos not in self.syntax.tag_class("noun"):
                return False
            j -= 1
            steps += 1
        return False

    def candidates(self, doc: Document, ev: Event, k: int, places: list[PlaceMention]) -> list[Attachment]:
        si = doc.tokens[k].sent
        s = doc.sentences[si]
        opening = dateline_end(doc, s.tok_start, s.tok_end, self.syntax)
        clauses = split_clauses(doc, s.tok_start, s.tok_end, self.breaks, self.syntax)
        ci = next((i for i, c in enumerate(clauses) if c.start <= k < c.end), None)
        if ci is None:
            return []
        clause = clauses[ci]
        out = self._in_clause(doc, ev, k, places, clause, opening, si)
        first = doc.tokens[clause.start].text.lower()
        if not out and ci > 0 and (clause.opener in self.words.scene_openers or first in self.words.scene_openers):
            # "..., als die Polizei das Feuer eröffnete": the act happens in the scene of the
            # clause it is subordinate to, so that clause's setting (a locative) is its place
            prev = clauses[ci - 1]
            out = [a for a in self._in_clause(doc, ev, prev.start, places, prev, opening, si, scene=True)
                   if a.role == "locative"]
        return out

    def _in_clause(self, doc: Document, ev: Event, k: int, places: list[PlaceMention], clause: Clause, opening: int,
                   si: int, scene: bool = False) -> list[Attachment]:
        """Places tied to the word at `k` (the trigger, or for a scene the clause's start) in
        `clause`."""
        etype = ev.event[0] if ev.event else ""
        actor_spans = [(a.start, a.end) for a in ev.actor]
        timex_spans = [(t.start, t.end) for t in doc.timexes if t.sent == si or t.sent < 0]
        out = []
        for m in places:
            if m.sent != si or m.tok_start < max(opening, clause.start) or m.tok_end > clause.end:
                continue
            if m.tok_end < clause.end and doc.tokens[m.tok_end].pos in self.words.attributive:
                continue        # "die in Oslo ansässige Organisation": the PP modifies the adjective
            # a scene has no trigger for a form that counts only right after one
            gov = self.governing_preposition(doc, m, clause.start, None if scene else k, timex_spans)
            if gov is None:
                continue
            p, form = gov
            role, types, adjacent = self.words.roles[form]
            if types is not None and etype not in types:
                continue
            if adjacent and (p != k + 1 or scene):
                continue        # "Gipfel von L'Aquila": only right after the event noun
            before = p - 1
            after_phrase = self.after_phrase(doc, p, clause.start, timex_spans)
            if scene:
                if after_phrase:
                    continue    # the scene is the clause's own setting, not a noun's attribute
                out.append(Attachment(m, role, abs(m.tok_start - k)))
                continue
            if before >= clause.start and before != k and not self.reaches_trigger(doc, p, k, clause.start):
                bt = doc.tokens[before]
                if p < k and any(a <= bt.start < b for a, b in actor_spans):
                    continue    # "die Regierung in Madrid kritisierte": the seat of the actor named before the act
                if etype in self.verbal_types and after_phrase:
                    continue    # "kritisierte die Lage in Gaza": the PP locates the noun
            if role == "target" and (any(m.start == a and m.end == b for a, b in actor_spans)
                                     or (m.place.iso2 and self.iso3(m.place.iso2) in {a.code for a in ev.actor})):
                continue        # "Drohnenangriffe des Iran": the genitive names who attacked, not what was hit
            nouns = self.syntax.tag_class("noun")
            if m.tok_end <= k and doc.tokens[k].pos in nouns and after_phrase \
                    and any(doc.tokens[j].pos in nouns for j in range(m.tok_end, k)):
                continue        # "mit Medwedew in Moskau im Vorfeld des Gipfels": a PP that follows a
                                # noun belongs to it, and another noun stands before the event noun
            if m.tok_end <= k and self.backdrop(doc, k, clause.start):
                continue        # "In der Golfregion ... trotz des Abkommens": a noun the clause
                                # uses as backdrop is not what its setting locates
            out.append(Attachment(m, role, abs(m.tok_start - k),
                                  after_phrase and before != k and not self.reaches_trigger(doc, p, k, clause.start)))
        return out

    def after_phrase(self, doc: Document, p: int, lo: int, timex_spans: list[tuple[int, int]]) -> bool:
        """The preposition at `p` follows a noun phrase, so its PP may belong to that phrase ("die
        Lage in Gaza"); a time phrase ("am Donnerstag in Berlin") takes no attribute: the PP after
        it is adverbial."""
        before = p - 1
        return before >= lo and doc.tokens[before].pos in self.words.phrase_end \
            and not any(a <= doc.tokens[before].start < b for a, b in timex_spans)

    def settings(self, doc: Document, places: list[PlaceMention]) -> list[PlaceMention]:
        """The places that set the scene of their clause: the object of an adverbial locative
        phrase ("In Minneapolis wurde ...", "wurden am Sonntag in Kiew ..."), not one that
        follows a noun ("die Lage in Gaza"), belongs to an adjective or stands in a dateline."""
        out = []
        for si, s in enumerate(doc.sentences):
            here = [m for m in places if m.sent == si]
            if not here:
                continue
            opening = dateline_end(doc, s.tok_start, s.tok_end, self.syntax)
            timex_spans = [(t.start, t.end) for t in doc.timexes if t.sent == si or t.sent < 0]
            for c in split_clauses(doc, s.tok_start, s.tok_end, self.breaks, self.syntax):
                for m in here:
                    if m.tok_start < max(opening, c.start) or m.tok_end > c.end:
                        continue
                    if m.tok_end < c.end and doc.tokens[m.tok_end].pos in self.words.attributive:
                        continue
                    gov = self.governing_preposition(doc, m, c.start, None, timex_spans)
                    if gov is None:
                        continue
                    role, types, adjacent = self.words.roles[gov[1]]
                    if role == "locative" and types is None and not adjacent \
                            and not self.after_phrase(doc, gov[0], c.start, timex_spans):
                        out.append(m)
        return out

    def backdrop(self, doc: Document, k: int, lo: int) -> bool:
        """The trigger is a noun governed by a backdrop preposition ("trotz des Abkommens",
        "trotz des zwischen den USA und Iran geschlossenen Abkommens", "wegen der Angriffe"):
        the first such preposition before it, with no verb or punctuation in between."""
        if doc.tokens[k].pos not in self.syntax.tag_class("noun"):
            return False
        for j in range(k - 1, max(lo, k - 2 * MAX_PHRASE) - 1, -1):
            t = doc.tokens[j]
            if t.text.lower() in self.words.backdrop:
                return True
            if t.pos in self.syntax.tag_class("finite_verb") \
                    or t.pos in self.syntax.tag_class("punctuation"):
                return False
        return False

    def attach(self, doc: Document, ev: Event, places: list[PlaceMention]) -> PlaceMention | None:
        """The event's place: the nearest tied place of its first mention that has one
        (a merged event keeps every sentence that reports it)."""
        for k in self.trigger_tokens(doc, ev):
            found = self.candidates(doc, ev, k, places)
            if found:
                # a PP after another noun may be that noun's ("aus Solidarität mit den
                # Protestierenden im Iran"): an adverbial place of the clause comes first
                best = min(found, key=lambda a: (a.after_noun, a.distance, -a.mention.place.resolution)).mention
                for a in found:
                    # "in Belém in Brasilien": a place phrase right after another narrows
                    # nothing; the more precise of the two is the event's place
                    m = a.mention
                    chained = 0 <= m.tok_start - best.tok_end <= 2 or 0 <= best.tok_start - m.tok_end <= 2
                    if chained and m.place.resolution > best.place.resolution and m.place.iso2 == best.place.iso2:
                        best = m
                return best
        return None

    @staticmethod
    def trigger_tokens(doc: Document, ev: Event) -> list[int]:
        """The token of each mention's trigger, in the order of the mentions."""
        starts = [m["trigger"]["start"] for m in ev.mentions if isinstance(m.get("trigger"), dict)]
        out = []
        for st in starts:
            si = doc.sentence_of(st)
            if si < 0:
                continue
            s = doc.sentences[si]
            for i in range(s.tok_start, s.tok_end):
                if doc.tokens[i].start == st:
                    out.append(i)
                    break
        return out
