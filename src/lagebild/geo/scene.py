"""The story's scene: where an event happened when its own clause does not say.

A news story is told from a scene. The lead names it ("In Minneapolis ist ein Mensch getötet
worden"), and the sentences after it retell or add to what happened there without naming the
place again ("Der 37-Jährige war von einem Beamten erschossen worden"). An event of a type that
happens at one place (`scene_event` in the language's geo data: attacks, arrests, protests,
meetings) whose clause ties no place to it takes the scene: the latest setting (an adverbial
locative phrase, `Attacher.settings`) or clause-tied event place in the `SCENE_WINDOW`
sentences before its own; for acts on someone's ground (below) also further back, when that
latest scene is the lead's (headline or first sentence: the story's own scene, which later
paragraphs elaborate). Never:
- from the event's own sentence: there the clause rules have decided (a place they refused,
  "Treffen mit Medwedew in Moskau im Vorfeld des Gipfels", stays refused);
- from a direct quote: a speaker's words set no scene of the story;
- a place in no country ("die Golfregion"): it names a theatre, not where one act happened;
- for an event noun under a backdrop preposition ("im Vorfeld des Gipfels") or an attributive
  participle ("die getöteten Soldaten"): they name events told elsewhere;
- for acts done on someone's ground (`own_ground`: attacks, arrests, protests), a scene outside
  the countries of their actor and recipient ("... Debatte in New York. Bei russischen Angriffen
  wurden drei Menschen getötet"); a meeting may be hosted anywhere;
- from a scene that was itself inherited: only what a clause says sets a scene;
- for an act done from afar (a mode in `remote`: a phone call).
"""
from __future__ import annotations

from dataclasses import replace

from lagebild.geo.attach import Attacher
from lagebild.model import Document, Event, Location

SCENE_WINDOW = 5        # sentences: a scene set further back is the story's background, not its place
LEAD = 1                # ... unless the headline or the first sentence set it (the story's own scene)


class SceneFinder:
    def __init__(self, attacher: Attacher, remote: frozenset[str] = frozenset()):
        self.attacher = attacher
        self.words = attacher.words
        self.remote = remote        # PLOVER modes of acts done from afar (a phone call)

    def sources(self, doc: Document, settings: list[Location], events: list[Event]) -> list[tuple[Location, bool | None]]:
        """The places that set a scene, in text order, each with the group of scene events it
        sets it for (None: all): clause settings, and clause-tied places of scene events,
        outside direct quotes and inside a country. An event's place sets the scene only for
        events of its own kind (`own_ground` or not): the city a delegation visited is no
        battlefield ("Rutte traf zu einem Besuch in Kiew ein. ... beklagte neue Angriffe"),
        nor is the country attacked where talks are held ("griff die Hisbollah im Libanon an.
        Israel strebt Verhandlungen mit dem Libanon an")."""
        quoted = [(q.start, q.end) for q in doc.quotes if q.form == "direct"]
        found = [(p, None) for p in settings] + [
            (e.location, self.words.scene_events.get(e.event[0]) if e.event else None)
            for e in events if e.location is not None and e.event and e.event[0] in self.words.scene_events]
        out = [(p, g) for p, g in found if p.country_code and p.sent >= 0
               and not any(a <= p.start < b for a, b in quoted)]
        return sorted(out, key=lambda pg: pg[0].start)

    def scene(self, doc: Document, ev: Event, sources: list[tuple[Location, bool | None]]) -> Location | None:
        """The scene an unlocated event takes, or None."""
        own_ground = self.words.scene_events.get(ev.event[0]) if ev.event else None
        triggers = self.attacher.trigger_tokens(doc, ev)
        if own_ground is None or not triggers or ev.mode in self.remote:
            return None     # a phone call is made from afar: it has no scene
        k = triggers[0]
        si = doc.tokens[k].sent
        if self.attacher.told_elsewhere(doc, k, doc.sentences[si].tok_start) or self.attributive(doc, k):
            return None
        before = [p for p, group in sources if p.sent < si and group in (None, own_ground)]
        if not before:
            return None
        latest = before[-1]
        if si - latest.sent > SCENE_WINDOW and not (own_ground and latest.sent <= LEAD):
            return None
        if own_ground and latest.country_code not in {a.code for a in ev.actor + ev.recipient}:
            return None     # the current scene is elsewhere: the act is not placed by it
        return latest

    def attributive(self, doc: Document, k: int) -> bool:
        """The trigger is a participle before the noun it describes ("die getöteten Soldaten"):
        an adjective tag alone is not enough, taggers give it to finite verbs too ("Beide
        vereinbarten, ...")."""
        if doc.tokens[k].pos not in self.words.attributive:
            return False
        j = k + 1      # over the adjectives that follow ("die getöteten israelischen Soldaten")
        while j < len(doc.tokens) and doc.tokens[j].sent == doc.tokens[k].sent \
                and doc.tokens[j].pos in self.words.attributive:
            j += 1
        return j < len(doc.tokens) and doc.tokens[j].sent == doc.tokens[k].sent \
            and doc.tokens[j].pos in self.attacher.syntax.tag_class("noun")

    def assign(self, doc: Document, settings: list[Location]) -> None:
        """Give each unlocated scene event of `doc` its scene (sources are fixed first, so an
        inherited place never sets a scene in turn)."""
        sources = self.sources(doc, settings, doc.events)
        for ev in doc.events:
            if ev.location is None:
                found = self.scene(doc, ev, sources)
                ev.location = replace(found) if found is not None else None
