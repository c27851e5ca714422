"""JSON records: the one output shape shared by `analyze --format jsonl`, the store and exports.

Each record has `kind` and `doc_id`. Kinds: document, entity, timex, quantity, quote, event.
The JSON schema is `lagebild/schemas/records.json`; docs/records.md describes every field.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from lagebild.discourse.lookup import coref_entities
from lagebild.model import Document, Entity, Event, Location, Quantity, Quote, Timex

SCHEMA_VERSION = 1
KINDS = ("document", "entity", "timex", "quantity", "quote", "event")


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "kind": "document", "doc_id": doc.id, "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url, "source": doc.source, "lang": doc.lang,
        "sentences": len(doc.sentences), "chars": len(doc.text),
        "warnings": list(doc.warnings), "schema_version": SCHEMA_VERSION,
    }


def entity_record(doc: Document, e: Entity, place: Location | None = None) -> dict[str, Any]:
    return {
        "kind": "entity", "doc_id": doc.id, "text": e.text, "start": e.start, "end": e.end,
        "sentence": e.sent, "label": e.label, "identifier_text": e.identifier_text,
        "identifier_id": e.identifier_id, "code": e.code, "sector": e.sector,
        "resolved_by": e.source, "geonameid": place.geonameid if place is not None else None,
    }


def place_entity(loc: Location) -> Entity:
    """A place mention the actor lexicon lacks, as an entity: label LOC, coded by its country."""
    return Entity(text=loc.extracted_place, start=loc.start, end=loc.end, label="LOC", sent=loc.sent,
                  code=loc.country_code, identifier_text=loc.resolved_place, source="gazetteer")


def timex_record(doc: Document, t: Timex) -> dict[str, Any]:
    return {"kind": "timex", "doc_id": doc.id, "text": t.text, "start": t.start, "end": t.end,
            "sentence": t.sent, "type": t.type, "value": t.value}


def quantity_record(doc: Document, q: Quantity) -> dict[str, Any]:
    return {"kind": "quantity", "doc_id": doc.id, "text": q.text, "start": q.start, "end": q.end,
            "sentence": q.sent, "value": q.value, "unit": q.unit, "counts": q.counts}


def _person(e: Entity | None) -> dict[str, Any] | None:
    return e.as_actor() if e is not None else None


def quote_record(doc: Document, q: Quote) -> dict[str, Any]:
    speaker = _person(q.speaker)
    if speaker is None and q.speaker_text:
        speaker = {"entity_text": q.speaker_text, "start": None, "end": None, "code": None,
                   "sector": None, "identifier_text": None, "identifier_id": None}
    named = q.speaker_named
    if speaker is not None and named is not None and named.text != speaker["entity_text"]:
        # a pronoun or description speaker ("sagte sie") with the words that name its referent
        speaker["named_as"] = named.text
    return {"kind": "quote", "doc_id": doc.id, "text": q.text, "start": q.start, "end": q.end,
            "sentence": q.sent, "form": q.form, "cue": q.cue, "speaker": speaker,
            "addressee": _person(q.addressee)}


def record_id(doc_id: str, kind: str, key: str, n: int) -> str:
    """The id of a record (docs/records.md, "Record ids"): the first 16 hex digits of
    SHA-1("<doc_id>|<kind>|<key>|<n>"), where key is the record's span (and an event's types)
    and n counts the earlier records of the same kind and key in the document. The count makes
    ids unique within a document (two events of one type in one sentence used to share an id:
    issue 15); the document id makes them unique in a store, which never holds two documents
    under one id. The same text under the same id, analysed by the same pipeline, gives the same
    ids."""
    return hashlib.sha1(f"{doc_id}|{kind}|{key}|{n}".encode("utf-8")).hexdigest()[:16]


def _key(r: dict[str, Any]) -> str:
    if r["kind"] == "event":
        info = r["text_info"]
        return f"{info['start']}:{info['end']}:{','.join(r['event'])}"
    return f"{r.get('start')}:{r.get('end')}"


def with_ids(records: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every record with its `id` right after `doc_id` (a document's id is its doc_id)."""
    seen: dict[tuple[str, str], int] = {}
    for r in records:
        if r["kind"] == "document":
            rid = r["doc_id"]
        else:
            key = _key(r)
            n = seen.get((r["kind"], key), 0)
            seen[(r["kind"], key)] = n + 1
            rid = record_id(r["doc_id"], r["kind"], key, n)
        out = {"kind": r["kind"], "doc_id": r["doc_id"], "id": rid}
        out.update((k, v) for k, v in r.items() if k not in out)
        yield out


def event_record(doc: Document, ev: Event) -> dict[str, Any]:
    return {
        # the id of a lone record; document_records numbers repeats (with_ids)
        "kind": "event", "doc_id": doc.id,
        "id": record_id(doc.id, "event", f"{ev.start}:{ev.end}:{','.join(ev.event)}", 0),
        "date": ev.date, "event": list(ev.event), "mode": ev.mode, "context": list(ev.context),
        "actor": [a.as_actor() for a in ev.actor], "recipient": [r.as_actor() for r in ev.recipient],
        "event_text": ev.event_text,
        "text_info": {"sequence": ev.sent, "start": ev.start, "end": ev.end},
        "quad_code": ev.quad_code, "event_scale": ev.event_scale,
        "cameo": ev.cameo, "goldstein": ev.goldstein, "confidence": round(ev.confidence, 3),
        "reported_by": _person(ev.reported_by), "trigger": ev.trigger,
        "mentions": list(ev.mentions),
        "location": ev.location.as_plover() if ev.location is not None else None,
        "source": doc.source, "url": doc.url, "published": doc.published.isoformat() if doc.published else None,
    }


def document_records(doc: Document) -> Iterator[dict[str, Any]]:
    return with_ids(_document_records(doc))


def _document_records(doc: Document) -> Iterator[dict[str, Any]]:
    yield document_record(doc)
    places = {(p.start, p.end): p for p in doc.places}
    for e in doc.entities:
        yield entity_record(doc, e, places.pop((e.start, e.end), None))
    for e in doc.name_parts:            # known names inside longer mentions ("SPD-Vorsitzende")
        yield entity_record(doc, e)
    for p in places.values():           # places only the gazetteer knows ("Miskolc")
        yield entity_record(doc, place_entity(p), p)
    for e in coref_entities(doc):       # pronouns and descriptions resolved by the chains
        yield entity_record(doc, e)
    for t in doc.timexes:
        yield timex_record(doc, t)
    for q in doc.quantities:
        yield quantity_record(doc, q)
    for qu in doc.quotes:
        yield quote_record(doc, qu)
    for ev in doc.events:
        yield event_record(doc, ev)
