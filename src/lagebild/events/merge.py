"""Story-level passes over the events of one document, after each sentence was coded.

- `fill_continuations`: an attack told in the passive ("Ziele wurden angegriffen") takes its
  attacker from the last attack on the same target (or drops it);
- `fill_counterparts`: an accusation or a threat without a named target takes the other side
  of the story where the story makes it plain;
- `merge_events`: mentions of one real-world event (same type, sides and occasion) become one
  record that keeps every mention as evidence.

Which types each pass applies to is event policy, read from the ontology's groups
(`data/plover.yaml` type_groups and context_groups); without an ontology, the package's.
"""
from __future__ import annotations

from lagebild.model import Document, Entity, Event
from lagebild.ontology import Ontology, load_ontology

COUNTERPART_WINDOW = 8   # sentences


def _side_key(ents: list[Entity]) -> tuple[str, ...]:
    return tuple(sorted({e.code for e in ents if e.code}))


def _policy(onto: Ontology | None) -> Ontology:
    return onto if onto is not None else load_ontology()


def merge_events(events: list[Event], onto: Ontology | None = None) -> list[Event]:
    """One record per real-world event: same type, same actor and recipient codes (either
    way round for symmetric types) and compatible dates are merged; mentions are kept."""
    onto = _policy(onto)
    symmetric, unasserted = onto.type_group("symmetric"), onto.context_group("unasserted")
    events = _absorb_defaults(events, unasserted)
    out: list[Event] = []
    index: dict[tuple, Event] = {}
    for ev in sorted(events, key=lambda e: -e.confidence):
        a, r = _side_key(ev.actor), _side_key(ev.recipient)
        asserted = not (unasserted & set(ev.context))
        key = (ev.event[0], tuple(sorted((a, r))) if ev.event[0] in symmetric else (a, r), asserted)
        prev = index.get(key)
        if prev is not None and _same_occasion(prev, ev, symmetric):
            # a date that only defaulted to the publication day does not tell events apart
            prev.mentions.extend(ev.mentions)
            if prev.reported_by is None:
                prev.reported_by = ev.reported_by
            if ev.date_explicit and (not prev.date_explicit or len(ev.date or "") > len(prev.date or "")):
                prev.date, prev.date_explicit = ev.date, True
            continue
        index[key] = ev
        out.append(ev)
    out.sort(key=lambda e: (e.sent, e.start))
    return out




def _absorb_defaults(events: list[Event], unasserted: frozenset[str]) -> list[Event]:
    """An act whose target only defaulted to the actor's own state ("Tausende Dänen
    protestierten in Kopenhagen") is a mention of the same act told nearby with a named target
    ("Dänen protestieren gegen Trumps Pläne"): it joins that one, not a second record. Acts of
    another mode are other acts (a ban on protests and an arrest are two coercions)."""
    out: list[Event] = []
    for ev in events:
        default = ev.recipient and all(r.source == "inferred" for r in ev.recipient) \
            and _codes(ev.recipient) <= _codes(ev.actor)
        named = None
        if default and not unasserted & set(ev.context):
            named = next((p for p in events if p is not ev and p.event[0] == ev.event[0] and p.mode == ev.mode
                          and _codes(p.actor) == _codes(ev.actor) and p.recipient
                          and not any(r.source == "inferred" for r in p.recipient)
                          and not unasserted & set(p.context)
                          and abs(p.sent - ev.sent) <= COUNTERPART_WINDOW and _date_fits(p, ev)), None)
        if named is not None:
            named.mentions.extend(ev.mentions)
            continue
        out.append(ev)
    return out


def _same_occasion(a: Event, b: Event, symmetric: frozenset[str]) -> bool:
    """Two events of the same type and dyad describe one occasion unless their dates or their
    named people tell them apart. Two different people making the same demand in two
    sentences ("Beck forderte ...", "Pau fordert ...") are two events, although their codes
    agree; a person and an institution ("Putin" / "der Kreml") may be one and the same."""
    if not _date_fits(a, b):
        return False
    if a.sent != b.sent and not (a.referential or b.referential) \
            and not _same_root(a.trigger_lemma, b.trigger_lemma):
        # words of different roots in two sentences report two acts: "startete die
        # Bodenoffensive ... mit dem Beschuss begonnen ... bombardierten"; "telefonierten
        # ... das Telefonat" is one
        return False
    if a.event[0] in symmetric:   # "Xi und Putin telefonierten" / "Putin telefonierte mit Xi"
        pa, pb = _person_keys(a.actor + a.recipient), _person_keys(b.actor + b.recipient)
    else:
        pa, pb = _person_keys(a.actor), _person_keys(b.actor)
    return not (pa and pb and not pa & pb)


ROOT_CHARS = 5


def _same_root(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a[:ROOT_CHARS] == b[:ROOT_CHARS] and len(a) >= ROOT_CHARS and len(b) >= ROOT_CHARS \
        or a.endswith(b) or b.endswith(a)     # "Bodenoffensive" / "Offensive"


def _person_keys(ents: list[Entity]) -> set[str]:
    return {e.key or e.text for e in ents if e.label == "PER"}


def _date_fits(a: Event, b: Event) -> bool:
    if a.date_explicit and b.date_explicit:
        return _dates_compatible(a.date, b.date)
    if not a.date_explicit and not b.date_explicit:
        return True
    # one date was only defaulted to the publication day: it does not tell events apart
    # unless the other is clearly in the past ("Damals, 2014, ...")
    explicit = a if a.date_explicit else b
    return "historical" not in explicit.context


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


CONTINUATION_WINDOW = 10   # sentences


def fill_continuations(events: list[Event], onto: Ontology | None = None,
                       entries: dict[int, int] | None = None) -> None:
    """A campaign goes on: an attack or mobilisation with no named target continues the
    actor's last one ("Israel setzt die Angriffe fort"); a passive attack with no named
    attacker continues the last attack on the same target. Events that find nothing to
    continue keep their gaps (and are dropped later if incomplete)."""
    continuing = _policy(onto).type_group("continuation")
    for i, ev in enumerate(events):
        etype = ev.event[0]
        if etype not in continuing:
            continue
        earlier = [p for p in reversed(events[:i]) if ev.sent - p.sent <= CONTINUATION_WINDOW
                   and _same_entry(entries, p.sent, ev.sent)
                   and p.actor and p.recipient and p.event[0] in continuing]
        if ev.pending_actor:
            # the attacker of the same target
            p = next((p for p in earlier if _codes(ev.recipient) & _codes(p.recipient)), None)
            if p is not None:
                ev.actor = list(p.actor)
                ev.confidence = round(ev.confidence * 0.7, 3)
        elif not ev.recipient:
            # the same attacker's target
            p = next((p for p in earlier if _codes(ev.actor) & _codes(p.actor)), None)
            if p is not None:
                ev.recipient = list(p.recipient)
                ev.confidence = round(ev.confidence * 0.75, 3)
    events[:] = [e for e in events if e.actor]


def _codes(ents: list[Entity]) -> set[str | None]:
    return {e.code for e in ents}


# Verbal conflict is nearly always aimed at someone. When the clause does not name the target
# ("Die Hisbollah verurteilte die Angriffe"), it is the other side of the story so far: the
# actor of the last event by someone else (type groups "counterpart", "entity_counterpart").
ENTITY_WINDOW = 2


def _same_entry(entries: dict[int, int] | None, a: int, b: int) -> bool:
    """Two sentences belong to one report (not two entries of a live blog)."""
    return entries is None or entries.get(a, 0) == entries.get(b, 0)


def _judged_actor(before: list[Event], ev: Event, judged: frozenset[str], unasserted: frozenset[str],
                  entries: dict[int, int] | None) -> list[Entity]:
    """The actor of the last asserted act of the type group "judged" before a verdict, in its
    report and within COUNTERPART_WINDOW sentences; not the one who judges."""
    speakers = {id(a) for a in ev.actor}
    for prev in reversed(before):
        if not _same_entry(entries, prev.sent, ev.sent) or ev.sent - prev.sent > COUNTERPART_WINDOW:
            break
        # a complete act only: one still without a target is dropped later
        if prev.event[0] in judged and prev.recipient and not unasserted & set(prev.context):
            return [a for a in prev.actor if a.code and a.label != "MISC" and id(a) not in speakers][:1]
    return []


def fill_counterparts(events: list[Event], doc: Document, onto: Ontology | None = None,
                      openings: dict[int, int] | None = None, entries: dict[int, int] | None = None) -> None:
    """Give events with no recipient the other side of the story (see the comments below).
    `openings`: per sentence the first token after its dateline, whose places are no side;
    `entries`: per sentence its live-blog entry, across which no side is taken."""
    openings = openings or {}
    onto = _policy(onto)
    story, entity = onto.type_group("counterpart"), onto.type_group("entity_counterpart")
    unasserted, military = onto.context_group("unasserted"), onto.type_group("military")
    answering, answered = onto.type_group("answering"), onto.type_group("answered")
    judged = onto.type_group("judged")
    for i, ev in enumerate(events):
        if ev.recipient or not ev.infer_recipient:
            continue
        etype = ev.event[0]
        mine = _codes(ev.actor)
        if ev.points_back:
            # "Das war ein Verbrechen": the verdict judges the act last told, whoever did it
            # (one's own army too); with none near, it has no target
            ev.recipient = _judged_actor(events[:i], ev, judged, unasserted, entries)
            continue
        if etype in story:
            for prev in reversed(events[:i]):
                if not _same_entry(entries, prev.sent, ev.sent):
                    break
                if unasserted & set(prev.context) or prev.points_back and not prev.recipient:
                    # a planned summit or a feared attack has no side to answer; a verdict
                    # that found no act to judge is dropped
                    continue
                if etype in answering and prev.event[0] not in answered:
                    continue   # one rejects a demand or a charge, not a meeting
                others = [a for a in prev.actor if a.code and a.code not in mine]
                if others and ev.sent - prev.sent <= COUNTERPART_WINDOW:
                    ev.recipient = [others[0]]
                    ev.confidence = round(ev.confidence * 0.8, 3)
                    break
        if ev.recipient or etype not in entity:
            continue
        # no earlier event: the nearest other state named around it ("ein Streitpunkt zwischen
        # den USA und Iran ... flogen die USA neue Angriffe")
        start = ev.mentions[0]["trigger"]["start"] if ev.mentions else ev.start
        window = ENTITY_WINDOW if etype != "ASSAULT" else 1
        near = [e for e in doc.entities if e.code and e.code not in mine and len(e.code) == 3
                and e.tok_start >= openings.get(e.sent, 0)
                and e.source in {"lexicon", "adjective", "compound"}
                and e.label in ({"GPE", "LOC"} if etype in military else {"GPE", "NORP", "ORG"})
                and ev.sent - window <= e.sent <= ev.sent and _same_entry(entries, e.sent, ev.sent)
                and (e.start < start or (etype == "ASSAULT" and e.sent == ev.sent))]
        near.sort(key=lambda e: abs(e.start - start))
        if near:
            ev.recipient = [near[0]]
            ev.confidence = round(ev.confidence * 0.7, 3)
