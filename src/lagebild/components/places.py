"""Pipeline component: place mentions resolved to the gazetteer, and each event's location
(see lagebild.geo). Runs after `events`: it reads the events' trigger tokens and never
changes who did what."""
from __future__ import annotations

from typing import ClassVar

from lagebild.geo.attach import Attacher
from lagebild.geo.gazetteer import Gazetteer
from lagebild.geo.locate import location
from lagebild.geo.mentions import PlaceMention, find_places
from lagebild.geo.resolve import PlaceWords, Resolver
from lagebild.geo.scene import SceneFinder
from lagebild.geo.venue import VenueFinder
from lagebild.model import Document, Event
from lagebild.pipeline import Resources
from lagebild.settings import Settings

VERBAL_QUADS = (1, 3)    # verbal cooperation and verbal conflict (PLOVER quad codes)
# ... except meetings: they take place somewhere (PLOVER: a summit's location is its host city),
# so a place phrase after their participants ("Treffen mit Medwedew in Moskau") is theirs
PLACED_VERBAL = frozenset({"CONSULT"})
# a phone call is made from afar: it takes neither the story's scene nor a venue (PLOVER mode)
REMOTE_MODES = frozenset({"phone"})


class PlaceLocator:
    name: ClassVar[str] = "places"
    # time phrases end a place phrase ("am Donnerstag Marokko"), so the timexes come first
    # direct quotes set no scene of the story (geo/scene.py)
    requires: ClassVar[tuple[str, ...]] = ("doc.sentences", "token.pos", "doc.entities", "doc.timexes", "doc.quotes",
                                           "doc.events")
    assigns: ClassVar[tuple[str, ...]] = ("doc.places", "event.location")

    def __init__(self, settings: Settings, resources: Resources):
        self.settings = settings
        self.resources = resources

    def _gazetteer(self) -> Gazetteer:
        # one per process, whatever the language: it is the big part
        return self.resources.get("geo:gazetteer", Gazetteer.load)

    def _tools(self, lang: str) -> tuple[Resolver, Attacher]:
        def load():
            data = self.resources.language(lang)
            words = PlaceWords.build(data.entries("geo"))
            resolver = Resolver(self._gazetteer(), words, data.entries("actors"))
            onto = self.resources.ontology()
            verbal = frozenset(t for t in onto.types if onto.quad_code(t) in VERBAL_QUADS) - PLACED_VERBAL
            gaz = resolver.gaz

            def iso3(code: str) -> str | None:
                c = gaz.country(code)
                return c.iso3 if c else None
            return resolver, Attacher(words, self.resources.syntax(lang), verbal, iso3)
        return self.resources.get(f"geo:{lang}", load)

    def _finders(self, lang: str) -> tuple[VenueFinder, SceneFinder]:
        """The venue and scene rules of a language: stateless, so built once with its tools
        rather than for every document."""
        def load():
            resolver, attacher = self._tools(lang)
            # a meeting that did not take place is no venue; an announced one may be (its clause's
            # future is often the story's: "der G7-Gipfel von Hiroshima soll ...")
            unreal = self.resources.ontology().context_group("unasserted") - {"future"}
            venues = VenueFinder(attacher, unreal, REMOTE_MODES,
                                 lambda code: len(code) == 3 and resolver.gaz.country(code) is not None)
            return venues, SceneFinder(attacher, REMOTE_MODES)
        return self.resources.get(f"geo-finders:{lang}", load)

    def __call__(self, doc: Document) -> Document:
        resolver, attacher = self._tools(doc.lang or "de")
        mentions = find_places(doc, resolver)
        _code_unknown_places(doc, mentions, resolver)
        as_location = lambda m: location(resolver, m.place, m.form, m.start, m.end, m.sent)  # noqa: E731
        doc.places = [as_location(m) for m in mentions]
        for ev in doc.events:
            m = attacher.attach(doc, ev, mentions) or _home_ground(ev, mentions, resolver.words.home_events)
            ev.location = as_location(m) if m else None
        # statements take the venue where their actor met or spoke (geo/venue.py); the venues
        # are the clauses' own places, fixed before the story's scene is inherited
        venues, scenes = self._finders(doc.lang or "de")
        found = venues.venues(doc, mentions, as_location)
        # where the clause names no place, the story's scene may (geo/scene.py)
        scenes.assign(doc, [as_location(m) for m in attacher.settings(doc, mentions)])
        venues.assign(doc, found)
        return doc


def _home_ground(ev: Event, mentions: list[PlaceMention],
                 home_events: dict[str, frozenset[str]]) -> PlaceMention | None:
    """An act done on the actor's own ground (a state's military exercise with no place of its
    own: `home_event` in the geo data) happens at the actor's place mention."""
    contexts = home_events.get(ev.event[0]) if ev.event else None
    if contexts is None or not contexts & set(ev.context):
        return None
    spans = {(a.start, a.end) for a in ev.actor}
    return next((m for m in mentions if (m.start, m.end) in spans), None)


def _code_unknown_places(doc: Document, mentions, resolver: Resolver) -> None:
    """A place name the actor lexicon does not know ("in Gateshead") that the gazetteer
    resolves takes the country of the resolved place as its code."""
    by_span = {(m.start, m.end): m for m in mentions if m.entity is None}
    for e in doc.entities:
        if e.code is None and e.label == "LOC":
            m = by_span.get((e.start, e.end))
            c = resolver.gaz.country(m.place.iso2) if m is not None else None
            if c is not None and c.iso3:
                e.code = c.iso3
