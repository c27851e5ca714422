"""Where a statement was made: the venue of its actor's meeting or speech.

Statements, demands and agreements mostly have no place of their own, but when the story says
where their actor met or spoke, that is where they were made: "Der Kanzler forderte mehr Hilfe. ..., sagte er am
Rande einer Konferenz in Lissabon"; "Die Präsidenten trafen sich in Belgrad. Beide vereinbarten
...". A venue is
- the place its clause ties to a gathering (an event of a `scene_event` type that may be hosted
  anywhere, i.e. a meeting; never a place the meeting inherited from the story's scene), with
  the meeting's parties, told in the sentence that names the place;
- the place tied to the cue of a quote when the cue is a verb ("sagte Scholz in der Hofburg";
  not a source phrase such as "nach Angaben aus Teheran", whose clause tells where the reported
  act happened), with its speaker: the speaker spoke there.
An event of a `venue_event` type whose clause names no place takes the nearest venue, within
`VENUE_WINDOW` sentences before or after its own, that its actor attended (one of the
meeting's parties, or the speaker: `attended`; not merely someone of the same country), and
that the text does not date otherwise. Never a venue in no country, nor one set inside a direct
quote (a speaker's words set no scene of the story), nor that of a meeting that did not take
place (negated or hypothetical; an announced one may be the summit the story reports, its
clause's future notwithstanding); never for an act done from afar (a phone call).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from lagebild.geo.attach import Attacher
from lagebild.geo.mentions import PlaceMention
from lagebild.model import Document, Entity, Event, Location

VENUE_WINDOW = 5        # sentences: further away the actor may well have moved on
# lexicon key kinds (language-free, `lang/<code>/actors/`): a state or a body of states as a
# whole; a place (a visit's host city is where, not who was there); an office
# ("office.usa.us_praesident"), held by one person on the day
COLLECTIVE_KEYS = ("country.", "igo.")
PLACE_KEYS = ("place.",)
OFFICE_KEYS = ("office.",)
OFFICIAL_LABELS = frozenset({"AGENT"})       # an unnamed official: "Staatschef"
PEOPLE_LABELS = frozenset({"PER", "AGENT"})  # unkeyed, a description of people ("die Außenminister der EU")


def _kind(e: Entity, countries: Callable[[str], bool] = lambda code: True) -> str | None:
    if e.key and e.key.startswith(PLACE_KEYS):
        return None     # "besuchte Moskau": the place visited says where, not who attended
    if e.key and not e.key.startswith(COLLECTIVE_KEYS):
        return "office" if e.key.startswith(OFFICE_KEYS) else "named"
    if e.key or (e.code and not countries(e.code) and e.label not in PEOPLE_LABELS):
        # a state, or a body whose code is its own ("G7": "des G7-Treffens"); an unkeyed group
        # of a country ("französische Gewerkschaften") is not the state, nor are people
        # described by their body ("die Außenminister der EU") the body
        return "collective"
    if e.label in OFFICIAL_LABELS:
        return "official"
    return None     # a description of people ("Angehörige", "die Iraner"): anyone of their country


def attended(actor: Entity, party: Entity, countries: Callable[[str], bool] = lambda code: True) -> bool:
    """`actor` is `party` or was there with it: the same person or organisation (by lexicon
    key), an office and a person or official of its state (the holder on the day), a state or
    body of states and itself or its representatives ("Polen" and "der polnische Staatschef"). Never
    two different named people of one country, nor an unnamed description of people."""
    if actor.key and actor.key == party.key:
        return True
    ka, kp = _kind(actor, countries), _kind(party, countries)
    if ka is None or kp is None or not actor.code or actor.code != party.code:
        return False
    if ka == kp == "named":
        return False
    return "office" in (ka, kp) or "collective" in (ka, kp) or ka == kp == "official"


@dataclass(frozen=True)
class Venue:
    sent: int
    parties: tuple[Entity, ...]     # who was there
    place: Location
    date: str | None = None         # when, if the text says


class VenueFinder:
    def __init__(self, attacher: Attacher, unreal: frozenset[str] = frozenset(),
                 remote: frozenset[str] = frozenset(), countries: Callable[[str], bool] = lambda code: True):
        self.attacher = attacher
        self.countries = countries  # whether an actor code is a country's (ISO3)
        self.words = attacher.words
        self.unreal = unreal        # contexts of a meeting that did not take place (negated, hypothetical)
        self.remote = remote        # modes of acts done from afar (a phone call)
        # the scene events that may be hosted anywhere: meetings
        self.gatherings = frozenset(t for t, own_ground in self.words.scene_events.items() if not own_ground)

    def venues(self, doc: Document, mentions: list[PlaceMention],
               as_location: Callable[[PlaceMention], Location]) -> list[Venue]:
        """The meetings the clauses place and the places where quoted speakers spoke. Call
        before the story's scene is assigned: an inherited place is no venue."""
        quoted = [(q.start, q.end) for q in doc.quotes if q.form == "direct"]
        out = []
        verbs = self.attacher.syntax.tag_class("verb")
        for ev in doc.events:
            if ev.event and ev.event[0] in self.gatherings and ev.location is not None \
                    and not self.unreal & set(ev.context):     # "trafen sich nicht in Genf"
                parties = tuple(ev.actor + ev.recipient)
                # told where the place is told (a merged meeting may name it sentences later)
                out.append(Venue(ev.location.sent if ev.location.sent >= 0 else ev.sent, parties, ev.location,
                                 ev.date if ev.date_explicit else None))
        for q in doc.quotes:
            if not q.cue or q.speaker is None or _kind(q.speaker, self.countries) is None:
                continue
            k = self._token(doc, q.cue.get("start", -1))
            if k is None or doc.tokens[k].pos not in verbs:
                continue    # "nach Angaben aus Teheran": a source, not a speech; its place is
                            # where the reported act happened
            found = self.attacher.tied(doc, "", [q.speaker], k, mentions, verbal=True)
            best = self.attacher.best(found)
            if best is not None:
                out.append(Venue(doc.tokens[k].sent, (q.speaker,), as_location(best)))
        return [v for v in out if v.place.country_code
                and not any(a <= v.place.start < b for a, b in quoted)]

    @staticmethod
    def _token(doc: Document, start: int) -> int | None:
        si = doc.sentence_of(start)
        if si < 0:
            return None
        s = doc.sentences[si]
        return next((i for i in range(s.tok_start, s.tok_end) if doc.tokens[i].start == start), None)

    def venue(self, ev: Event, venues: list[Venue]) -> Location | None:
        """The venue an unlocated statement takes, or None."""
        if not ev.event or ev.event[0] not in self.words.venue_events or ev.sent < 0 \
                or ev.mode in self.remote:
            return None     # a phone call is made from afar: it has no venue
        near = [v for v in venues if abs(v.sent - ev.sent) <= VENUE_WINDOW and self.same_time(ev, v)
                and any(attended(a, p, self.countries) for a in ev.actor for p in v.parties)]
        if not near:
            return None
        # the nearest; of two as near, the one told before (the story has set it)
        return min(near, key=lambda v: (abs(v.sent - ev.sent), v.sent > ev.sent)).place

    @staticmethod
    def same_time(ev: Event, v: Venue) -> bool:
        """Nothing says the act and the gathering were at different times: an act the text dates
        ("hatte Meloni im Jahr 2019 getroffen") is not at a gathering of another date."""
        if not ev.date_explicit or not ev.date or not v.date:
            return True
        return ev.date.startswith(v.date) or v.date.startswith(ev.date)

    def assign(self, doc: Document, venues: list[Venue]) -> None:
        for ev in doc.events:
            if ev.location is None:
                found = self.venue(ev, venues)
                ev.location = replace(found) if found is not None else None
