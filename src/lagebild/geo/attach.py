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
- the seat of the actor named before a statement ("die Regierung in Madrid kritisierte"), if it
  lies in the actor's own country (an attack, arrest, protest or meeting is done where its actor
  is: "Menschen in Sofia gingen auf die Straße");
- a phrase inside an attributive adjective ("die in Oslo ansässige Organisation");
- a place that is no PP's object (a subject "Kiew kritisierte ...": a government by metonymy);
- for verbal events (statements, accusations, demands), a PP right after a noun phrase other
  than the trigger's ("kritisierte die Lage in Gaza"): it locates that noun, not the act;
- before a noun trigger, a PP after a noun phrase with another noun in between ("Treffen mit
  Medwedew in Moskau im Vorfeld des Gipfels"): it belongs to the nearer noun;
- as a target, the actor itself ("Drohnenangriffe des Iran");
- for an event noun under a backdrop preposition ("trotz des Abkommens") or inside an
  attributive participle ("des durch einen Luftangriff getöteten Generals"), the setting of the
  clause it stands in (only its own attribute; an attack, arrest or protest still takes a place
  of the clause in its parties' country).
A visit or attack verb (`object_verb`) also takes its direct object when that is a place and the
event's recipient ("besuchte Israel", "griff Odessa an"). Without such a phrase or object the
event has no location here: never the dateline's, never the article's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lagebild.geo.mentions import PlaceMention
from lagebild.geo.resolve import PlaceWords
from lagebild.model import Document, Entity, Event
from lagebild.syntax import Clause, SyntaxGrammar, split_clauses
from lagebild.syntax.phrases import attributive_head, dateline_end

MAX_PHRASE = 6      # tokens between a preposition and its place name
QUOTE_MARKS = frozenset('"\'„“”‚‘’«»‹›')   # around a quoted word, which still ends its noun phrase
DEICTIC_WINDOW = 2  # sentences a place adverb ("dort") may point back


def timex_spans_of(doc: Document, si: int) -> list[tuple[int, int]]:
    """The character spans of the time phrases of sentence `si` (and those tied to no sentence):
    a time phrase ends a place phrase and takes no attribute."""
    return [(t.start, t.end) for t in doc.timexes if t.sent == si or t.sent < 0]


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
        return self.tied(doc, ev.event[0] if ev.event else "", ev.actor, k, places, recipients=ev.recipient)

    def tied(self, doc: Document, etype: str, actors: list[Entity], k: int, places: list[PlaceMention],
             verbal: bool | None = None, recipients: list[Entity] = ()) -> list[Attachment]:
        """The places the clause of the word at `k` ties to an act of type `etype` by `actors`
        (`verbal`: whether the act is a statement, by default as its type says)."""
        verbal = etype in self.verbal_types if verbal is None else verbal
        si = doc.tokens[k].sent
        s = doc.sentences[si]
        opening = dateline_end(doc, s.tok_start, s.tok_end, self.syntax)
        clauses = split_clauses(doc, s.tok_start, s.tok_end, self.breaks, self.syntax)
        ci = next((i for i, c in enumerate(clauses) if c.start <= k < c.end), None)
        if ci is None:
            return []
        clause = clauses[ci]
        out = self._in_clause(doc, etype, actors, verbal, k, places, clause, opening, si, recipients=recipients)
        first = doc.tokens[clause.start].text.lower()
        # "..., bei dem ein Soldat getötet wurde": a relative of the same moment, two words
        first_two = " ".join(t.text.lower() for t in doc.tokens[clause.start:min(clause.start + 2, clause.end)])
        if not out and ci > 0 and (clause.opener in self.words.scene_openers or first in self.words.scene_openers
                                   or first_two in self.words.scene_openers or self.shares_subject(doc, clause)):
            # "..., als die Polizei das Feuer eröffnete": the act happens in the scene of the
            # clause it is subordinate to, so that clause's setting (a locative) is its place
            # "sprach in Warschau vor Journalisten und kritisierte ...": a verb coordinated under the same
            # subject acts in the setting of the verb before it
            prev = clauses[ci - 1]
            out = [a for a in self._in_clause(doc, etype, actors, verbal, prev.start, places, prev, opening, si,
                                              scene=True)
                   if a.role == "locative"]
        if not out:
            out = self.deictic(doc, clause, places)
        return out

    def shares_subject(self, doc: Document, clause: Clause) -> bool:
        """The clause is a finite verb coordinated with the clause before it, with no subject
        of its own ("... vor Journalisten und kritisierte ..."): the same subject, in the same setting."""
        coord = self.syntax.words("verb_coordination")
        finite = self.syntax.tag_class("finite_verb")
        if clause.opener in coord and doc.tokens[clause.start].pos in finite:
            return True
        return doc.tokens[clause.start].text.lower() in coord and clause.start + 1 < clause.end \
            and doc.tokens[clause.start + 1].pos in finite

    def deictic(self, doc: Document, clause: Clause, places: list[PlaceMention]) -> list[Attachment]:
        """A place adverb of the clause ("Hier traf er ...", "Dort wurden ...") points back to
        the place the text named last: the latest place that ends a place phrase in the
        sentences before (at most `DEICTIC_WINDOW` back) or earlier in the clause's sentence,
        outside a dateline and inside a country."""
        at = next((j for j in range(clause.start, clause.end)
                   if doc.tokens[j].text.lower() in self.words.place_adverbs
                   and doc.tokens[j].pos in self.words.adverb_tags), None)
        if at is None:
            return []
        si = doc.tokens[at].sent
        for m in sorted((m for m in places if m.tok_end <= at and si - DEICTIC_WINDOW <= m.sent <= si),
                        key=lambda m: m.tok_start, reverse=True):
            s = doc.sentences[m.sent]
            if not m.place.iso2 or m.tok_start < dateline_end(doc, s.tok_start, s.tok_end, self.syntax):
                continue
            timex_spans = timex_spans_of(doc, m.sent)
            if self.governing_preposition(doc, m, s.tok_start, None, timex_spans) is not None:
                return [Attachment(m, "locative", at - m.tok_start)]
        return []

    def _in_clause(self, doc: Document, etype: str, actors: list[Entity], verbal: bool, k: int,
                   places: list[PlaceMention], clause: Clause, opening: int, si: int,
                   scene: bool = False, recipients: list[Entity] = ()) -> list[Attachment]:
        """Places tied to the word at `k` (the trigger, or for a scene the clause's start) in
        `clause`."""
        actor_spans = [(a.start, a.end) for a in actors]
        timex_spans = timex_spans_of(doc, si)
        out = []
        for m in places:
            if m.sent != si or m.tok_start < max(opening, clause.start) or m.tok_end > clause.end:
                continue
            # a scene has no trigger for a form that counts only right after one
            gov = self.governing_preposition(doc, m, clause.start, None if scene else k, timex_spans)
            if gov is None:
                continue
            p, form = gov
            if self.in_attribute(doc, m, p, clause.start, clause.end, timex_spans):
                continue        # "die in Oslo ansässige Organisation": the PP modifies the adjective
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
                if p < k and etype not in self.words.scene_events \
                        and any(a.start <= bt.start < a.end and self.seat_of(m, a) for a in actors):
                    continue    # "die Regierung in Madrid kritisierte": the seat of the actor named
                                # before the act; but an act done at one place (an attack, arrest,
                                # protest, meeting) is done where its actor is ("die Polizei in Minsk
                                # nahm ... fest", "Tausende Menschen in Sofia gingen auf die Straße")
                if verbal and after_phrase and not self.at_venue(doc, p, clause.start) \
                        and not self.is_person(doc, before, actors):
                    continue    # "kritisierte die Lage in Gaza": the PP locates the noun (not
                                # after the actor's own name: "sagte Scholz in der Hofburg")
            if role == "target" and (any(m.start == a and m.end == b for a, b in actor_spans)
                                     or (m.place.iso2 and self.iso3(m.place.iso2) in {a.code for a in actors})):
                continue        # "Drohnenangriffe des Iran": the genitive names who attacked, not what was hit
            nouns = self.syntax.tag_class("noun")
            if m.tok_end <= k and doc.tokens[k].pos in nouns and after_phrase \
                    and any(doc.tokens[j].pos in nouns for j in range(m.tok_end, k)):
                continue        # "mit Medwedew in Moskau im Vorfeld des Gipfels": a PP that follows a
                                # noun belongs to it, and another noun stands before the event noun
            if self.told_elsewhere(doc, k, clause.start) and not (m.tok_end > k and self.own_phrase(doc, p, k)) \
                    and not self.grounds(etype, m, actors, recipients):
                continue        # "In der Golfregion ... trotz des Abkommens": a noun the clause
                                # uses as backdrop, or one inside an attributive participle ("des
                                # bei einem Angriff getöteten Soldaten"), is not what the clause's
                                # setting locates; only its own attribute is its place ("kurz vor
                                # dem Treffen mit X die Einnahme der Stadt im Osten": the
                                # object's place, not the meeting's); but an attack told as
                                # the cause takes the setting on its parties' ground ("Nach
                                # Luftangriffen ist in Kiew der Strom ausgefallen")
            # a PP after a noun may be that noun's ("gegen den Krieg im Gazastreifen"), unless the
            # noun is itself a place phrase's: "vor dem Rathaus in Hamburg" narrows the
            # setting (a near phrase names a reference point: "in Pruszkow bei Warschau")
            out.append(Attachment(m, role, abs(m.tok_start - k),
                                  after_phrase and before != k and not self.reaches_trigger(doc, p, k, clause.start)
                                  and not (role == "locative" and self.in_place_phrase(doc, before, clause.start))))
        return out

    def in_pp(self, doc: Document, m: PlaceMention, lo: int) -> bool:
        """The place stands in a prepositional phrase ("Soldaten aus Kiew", "in die Ukraine"):
        a preposition before it, past its determiners and adjectives."""
        j = m.tok_start - 1
        while j >= lo and doc.tokens[j].pos in self.words.np_inner \
                and doc.tokens[j].pos not in self.syntax.tag_class("noun"):
            j -= 1
        if j < lo or doc.tokens[j].pos not in self.syntax.tag_class("preposition"):
            return False
        # "den Hafen von Odessa": a transparent preposition after the object's noun goes on to its place
        return not (doc.tokens[j].text.lower() in self.words.transparent and j - 1 >= lo
                    and doc.tokens[j - 1].pos in self.syntax.tag_class("noun"))

    def in_place_phrase(self, doc: Document, j: int, lo: int) -> bool:
        """The noun at `j` ends a locative or near phrase ("vor dem Brandenburger Tor", "auf dem
        Platz"): a place phrase after it goes on naming where."""
        nouns = self.syntax.tag_class("noun")
        for i in range(j, max(lo, j - MAX_PHRASE) - 1, -1):
            t = doc.tokens[i]
            w = t.text.lower()
            nxt = doc.tokens[i + 1].text.lower() if i + 1 <= j else ""
            role = self.words.roles.get(f"{w} {nxt}") or self.words.roles.get(w)
            if role is not None:
                return role[0] in ("locative", "near") and not role[2]
            if i != j and t.pos not in self.words.np_inner and t.pos not in nouns:
                return False
        return False

    def in_attribute(self, doc: Document, m: PlaceMention, p: int, lo: int, hi: int,
                     timex_spans: list[tuple[int, int]]) -> bool:
        """An adjective follows the place phrase (its preposition at `p`), which stands inside
        the noun phrase it opens: "die in Oslo ansässige Organisation", "die seit Jahren in Oslo
        ansässige", "in dem von Rebellen gehaltenen Teil": the phrase is the adjective's. Not
        when the phrase follows a noun (outside a time phrase): then it is that noun's and the
        adjective opens the next noun phrase ("bei ihrem Auftritt in Zürich deutliche
        Kritik"); nor right after the finite verb ("wurden in Gaza mehrere Häuser zerstört")."""
        if m.tok_end >= hi or doc.tokens[m.tok_end].pos not in self.words.attributive:
            return False
        if any(doc.tokens[j].pos in self.syntax.tag_class("article") for j in range(p + 1, m.tok_start)):
            return True     # "in dem von Rebellen gehaltenen Teil": the noun phrase opens inside the PP
        b = doc.tokens[p - 1] if p - 1 >= lo else None
        if b is not None and b.pos in self.syntax.tag_class("finite_verb"):
            return False    # "sind in Syrien zahlreiche Brücken angegriffen worden": right after the
                            # finite verb the phrase is the clause's; the adjective opens the subject
        return not (b is not None and b.pos in self.syntax.tag_class("noun")
                    and not any(x <= b.start < y for x, y in timex_spans))

    def is_person(self, doc: Document, j: int, actors: list[Entity]) -> bool:
        """The token at `j` is the acting person's name or pronoun (`actor_name` tags, inside an
        actor's span; not a description such as "Bundesbeamten", whose PP may be its own, nor
        another person's name): a place phrase after it is no attribute of the person ("sagte
        Scholz in der Hofburg", "sagte er in Porto"), but says where they acted."""
        t = doc.tokens[j]
        return t.pos in self.words.actor_name and any(
            a.label == "PER" and a.start <= t.start and t.end <= a.end for a in actors)

    def at_venue(self, doc: Document, p: int, lo: int) -> bool:
        """The PP at `p` names the place of a venue noun that is itself an adverbial of the
        clause ("sagte am Rande einer Konferenz in Lissabon", "forderte bei einem Treffen von
        Außen- und Verteidigungsministern in Lissabon"): the act happened at the venue, so the venue's
        place is the act's. Not a venue that is an object ("kritisierte das Treffen in Wien"),
        nor one under a backdrop preposition ("nach dem Gipfel in Brüssel", "im Vorfeld des
        Gipfels in Brüssel") or another that makes it no setting ("kritisierte Russland für das
        Treffen in Lissabon")."""
        nouns = self.syntax.tag_class("noun")
        preps = self.syntax.tag_class("preposition")
        conj = self.syntax.words("conjunction")
        venue = False
        for j in range(p - 1, max(lo, p - 1 - 2 * MAX_PHRASE) - 1, -1):
            t = doc.tokens[j]
            w = t.text.lower()
            if w in self.words.backdrop:
                return False
            if not venue:
                # the phrase the PP follows, back to a venue noun: "einem Treffen von
                # Außen- und Verteidigungsministern"
                if t.pos in nouns and self.words.is_venue(w):
                    venue = True
                elif w in self.words.transparent or w in self.words.venue_inner or w in conj \
                        or t.pos in self.words.np_inner or t.pos in nouns:
                    continue    # "einer Pressekonferenz mit dem Präsidenten in Lissabon"
                else:
                    return False
            elif t.pos in preps or w in self.words.venue_prepositions:
                # the venue's own preposition: a setting of the clause ("bei", "auf", "am
                # Rande"), not a reason or an object ("für das Treffen")
                return w in self.words.venue_prepositions
            elif t.pos not in self.words.np_inner and t.pos not in nouns:
                return False    # a verb or a clause break before the venue: it is an object
        return False

    def after_phrase(self, doc: Document, p: int, lo: int, timex_spans: list[tuple[int, int]]) -> bool:
        """The preposition at `p` follows a noun phrase, so its PP may belong to that phrase ("die
        Lage in Gaza"); a time phrase ("am Donnerstag in Berlin") takes no attribute: the PP after
        it is adverbial."""
        before = p - 1
        while before > lo and doc.tokens[before].text in QUOTE_MARKS:
            before -= 1     # 'warf Russland "Verbrechen" in der Ukraine vor': the quoted noun's phrase
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
            timex_spans = timex_spans_of(doc, si)
            for c in split_clauses(doc, s.tok_start, s.tok_end, self.breaks, self.syntax):
                for m in here:
                    if m.tok_start < max(opening, c.start) or m.tok_end > c.end:
                        continue
                    gov = self.governing_preposition(doc, m, c.start, None, timex_spans)
                    if gov is None or self.in_attribute(doc, m, gov[0], c.start, c.end, timex_spans):
                        continue
                    role, types, adjacent = self.words.roles[gov[1]]
                    nxt = doc.tokens[gov[0] + 1].text.lower() if gov[0] + 1 < m.tok_start else ""
                    if f"{gov[1]} {nxt}" in self.words.directional:
                        continue    # "Züge nach Odessa und in die Grenzorte": where to, not where
                    if role == "locative" and types is None and not adjacent \
                            and not self.after_phrase(doc, gov[0], c.start, timex_spans):
                        out.append(m)
        return out

    def grounds(self, etype: str, m: PlaceMention, actors: list[Entity],
                recipients: list[Entity]) -> bool:
        """An act done on someone's ground (`own_ground` scene events: attacks, arrests, protests)
        told as a backdrop takes a place of its clause that lies in the country of one of its
        parties, as it would take the story's scene (geo/scene.py): its effects are told there
        ("Nach den Protesten hob die Stadt X das nächtliche Versammlungsverbot auf")."""
        if not self.words.scene_events.get(etype) or not m.place.iso2:
            return False
        return self.iso3(m.place.iso2) in {e.code for e in list(actors) + list(recipients)}

    def seat_of(self, m: PlaceMention, actor: Entity) -> bool:
        """The place may be the actor's seat: it lies in the actor's own country (or either is
        unknown). A place abroad after the actor says where it acted ("die Hamas und andere
        Extremisten im Süden Israels verübten ein Massaker"), not where it sits."""
        cc = self.iso3(m.place.iso2) if m.place.iso2 else None
        return cc is None or not actor.code or len(actor.code) != 3 or cc == actor.code

    def told_elsewhere(self, doc: Document, k: int, lo: int) -> bool:
        """The trigger noun names an event the clause does not tell: a backdrop ("trotz des
        Abkommens") or part of an attributive participle's phrase ("des durch einen Luftangriff
        getöteten Generals")."""
        return self.backdrop(doc, k, lo) or self.in_participle(doc, k, lo)

    def own_phrase(self, doc: Document, p: int, k: int) -> bool:
        """The preposition at `p` (after the trigger noun at `k`) still belongs to the trigger's
        noun phrase: only nouns, their inner words, genitives and the participants' "mit"/"von"
        stand between ("vor dem Treffen mit dem Gesandten in Genf"); an article after a noun opens
        a new phrase ("vor dem Treffen mit dem Gesandten die Einnahme der Stadt im Osten")."""
        if p <= k:
            return False
        nouns = self.syntax.tag_class("noun")
        article = self.syntax.tag_class("article")
        genitive = self.syntax.words("genitive_article")
        conj = self.syntax.words("conjunction")     # "der Hamas und anderer Gruppen in Israel"
        heads = (nouns | self.words.phrase_end) - self.words.attributive    # "ihrer Verbündeten" (NNA)
        for j in range(p - 1, k, -1):
            t = doc.tokens[j]
            w = t.text.lower()
            if t.pos in article and w not in genitive and doc.tokens[j - 1].pos in heads:
                return False
            if not (t.pos in self.words.np_inner or t.pos in heads or w in self.words.venue_inner
                    or w in self.words.transparent or w in conj or w in "()"):   # "des Islamischen Staates (IS)"
                return False
        return p - k <= 2 * MAX_PHRASE

    def in_participle(self, doc: Document, k: int, lo: int) -> bool:
        """The trigger noun stands in a prepositional phrase inside an attributive participle
        before the noun it describes ("des bei einem nächtlichen Luftangriff getöteten
        Generals", "die bei dem Anschlag verletzten Polizisten"): it names an event told
        elsewhere, as the participle does."""
        nouns = self.syntax.tag_class("noun")
        if doc.tokens[k].pos not in nouns:
            return False
        j = k - 1
        while j > lo and doc.tokens[j].pos in self.words.np_inner and doc.tokens[j].pos not in nouns:
            j -= 1
        if j <= lo or doc.tokens[j].pos not in self.syntax.tag_class("preposition") \
                or doc.tokens[j - 1].pos not in self.syntax.tag_class("article"):
            return False    # the preposition must open inside a noun phrase: "des durch ..."
        s_end = doc.sentences[doc.tokens[k].sent].tok_end
        # past a genitive after the noun: "durch einen Angriff der Armee getöteten"
        return attributive_head(doc, k + 1, s_end, nouns | self.syntax.tag_class("article"),
                                self.words.attributive, nouns, reach=MAX_PHRASE) is not None

    def backdrop(self, doc: Document, k: int, lo: int) -> bool:
        """The trigger is a noun governed by a backdrop preposition ("trotz des Abkommens",
        "trotz des zwischen den USA und Iran geschlossenen Abkommens", "wegen der Angriffe"):
        the first such preposition before it, with no verb or punctuation in between."""
        if doc.tokens[k].pos not in self.syntax.tag_class("noun"):
            return False
        nouns = self.syntax.tag_class("noun")
        if k - 1 >= lo and doc.tokens[k - 1].pos in nouns and doc.tokens[k - 1].pos not in self.words.proper_noun:
            return False    # "vor einer Woche Angriffe gestartet": a bare noun right after another
                            # opens a new phrase; the preposition governs the noun before it
        timex_spans = timex_spans_of(doc, doc.tokens[k].sent)
        for j in range(k - 1, max(lo, k - 2 * MAX_PHRASE) - 1, -1):
            t = doc.tokens[j]
            if t.text.lower() in self.words.backdrop:
                # "vor gut einer Woche Angriffe ... gestartet": a time phrase, not a backdrop
                return not any(a <= t.start < b for a, b in timex_spans)
            if t.pos in self.syntax.tag_class("finite_verb") \
                    or t.pos in self.syntax.tag_class("punctuation"):
                return False
        return False

    def attach(self, doc: Document, ev: Event, places: list[PlaceMention]) -> PlaceMention | None:
        """The event's place: the nearest tied place of its first mention that has one
        (a merged event keeps every sentence that reports it)."""
        triggers = self.trigger_tokens(doc, ev)
        for k in triggers:
            best = self.best(self.candidates(doc, ev, k, places))
            if best is not None:
                return best
        # a place object only when no mention has a place phrase ("griff Russland an ... der größte
        # Angriff auf Moskau": the phrase is more precise)
        return next((m for m in (self.place_object(doc, ev, k, places) for k in triggers) if m is not None), None)

    def place_object(self, doc: Document, ev: Event, k: int, places: list[PlaceMention]) -> PlaceMention | None:
        """The place a verb of the event's type takes as its direct object (`object_verb` in the
        geo data: "besuchte am Montag Israel", the place visited; "griff den Hafen von Odessa an",
        what an attack hit): a place of the trigger's clause that is the event's recipient and
        no prepositional object."""
        t = doc.tokens[k]
        if not ev.event or ev.event[0] not in self.words.object_verbs.get(t.lemma.lower(), ()):
            return None
        s = doc.sentences[t.sent]
        opening = dateline_end(doc, s.tok_start, s.tok_end, self.syntax)
        clause = next((c for c in split_clauses(doc, s.tok_start, s.tok_end, self.breaks, self.syntax)
                       if c.start <= k < c.end), None)
        if clause is None:
            return None
        spans = [(r.start, r.end) for r in ev.recipient]
        found = [m for m in places
                 if m.sent == t.sent and max(opening, clause.start) <= m.tok_start and m.tok_end <= clause.end
                 and any(a <= m.start and m.end <= b for a, b in spans)
                 and not self.in_pp(doc, m, clause.start) and m.place.iso2
                 # a name that heads its phrase: "die Spitze des Deutschen Fußball-Bundes" names no place
                 and not (m.tok_end < clause.end and doc.tokens[m.tok_end].pos in self.syntax.tag_class("noun"))]
        return min(found, key=lambda m: abs(m.tok_start - k)) if found else None

    @staticmethod
    def best(found: list[Attachment]) -> PlaceMention | None:
        """Of the places tied to one word, the nearest adverbial one, made more precise by a
        chained place."""
        if not found:
            return None
        # a PP after another noun may be that noun's ("aus Solidarität mit den
        # Protestierenden im Iran"): an adverbial place of the clause comes first
        best = min(found, key=lambda a: (a.after_noun, a.distance, -a.mention.place.resolution)).mention
        for a in found:
            # "in Manaus in Brasilien": a place phrase right after another narrows
            # nothing; the more precise of the two is the event's place
            m = a.mention
            chained = 0 <= m.tok_start - best.tok_end <= 2 or 0 <= best.tok_start - m.tok_end <= 2
            if chained and m.place.resolution > best.place.resolution and m.place.iso2 == best.place.iso2:
                best = m
        return best

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
