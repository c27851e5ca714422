"""Records <-> table rows (Arrow), shared by the writer, Parquet shards and exports.

Typed columns are derived from each record's JSON, which is stored alongside (`data`), so a
table row can always be turned back into exactly the record it came from.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from lagebild.formats.readers import Problem, parse_date, reason_class
from lagebild.store.analyzed import Analyzed, dumps

DOCUMENTS = pa.schema([
    ("seq", pa.int64()), ("doc_id", pa.string()), ("content_hash", pa.string()),
    ("url", pa.string()), ("url_key", pa.string()), ("title", pa.string()),
    ("published", pa.date32()), ("source", pa.string()), ("lang", pa.string()),
    ("text", pa.string()), ("chars", pa.int32()), ("origin", pa.string()),
    ("pipeline_version", pa.string()), ("warnings", pa.list_(pa.string())),
    ("record", pa.string()), ("minhash", pa.binary()),
    ("ingested_at", pa.timestamp("us")), ("analyzed_at", pa.timestamp("us")),
])

EVENTS = pa.schema([
    ("doc_id", pa.string()), ("seq", pa.int32()), ("event_id", pa.string()), ("date", pa.date32()),
    ("event_type", pa.string()), ("event_types", pa.list_(pa.string())), ("mode", pa.string()),
    ("context", pa.list_(pa.string())),
    ("actor", pa.string()), ("actor_code", pa.string()), ("actor_sector", pa.string()), ("actor_key", pa.string()),
    ("recipient", pa.string()), ("recipient_code", pa.string()), ("recipient_sector", pa.string()),
    ("recipient_key", pa.string()),
    ("quad_code", pa.int8()), ("event_scale", pa.float64()), ("goldstein", pa.float64()),
    ("cameo", pa.string()), ("confidence", pa.float64()),
    ("sentence", pa.int32()), ("span_start", pa.int32()), ("span_end", pa.int32()),
    ("source", pa.string()), ("data", pa.string()), ("pair_key", pa.int64()),
])

QUOTES = pa.schema([
    ("doc_id", pa.string()), ("seq", pa.int32()), ("sentence", pa.int32()),
    ("span_start", pa.int32()), ("span_end", pa.int32()), ("form", pa.string()), ("text", pa.string()),
    ("speaker", pa.string()), ("speaker_name", pa.string()), ("speaker_id", pa.string()),
    ("speaker_code", pa.string()), ("data", pa.string()),
])

ANNOTATIONS = pa.schema([
    ("doc_id", pa.string()), ("seq", pa.int32()), ("kind", pa.string()), ("sentence", pa.int32()),
    ("span_start", pa.int32()), ("span_end", pa.int32()), ("text", pa.string()),
    ("label", pa.string()), ("value", pa.string()), ("data", pa.string()),
])

EVENT_LOCATIONS = pa.schema([
    ("doc_id", pa.string()), ("seq", pa.int32()), ("event_id", pa.string()), ("place", pa.string()),
    ("extracted", pa.string()), ("country_code", pa.string()), ("geonameid", pa.int64()),
    ("lat", pa.float64()), ("lon", pa.float64()), ("resolution", pa.int8()),
])

SKIPPED = pa.schema([
    ("skip_id", pa.string()), ("origin", pa.string()), ("doc_id", pa.string()), ("stage", pa.string()),
    ("reason_class", pa.string()), ("reason", pa.string()), ("pipeline_version", pa.string()),
    ("skipped_at", pa.timestamp("us")),
])
SKIP_STAGES = ("read", "analysis")   # unreadable input; a document whose analysis failed or ran too long

RECORD_TABLES = {"events": EVENTS, "quotes": QUOTES, "annotations": ANNOTATIONS}
TABLE_OF_KIND = {"event": "events", "quote": "quotes"}   # every other kind -> annotations


def url_key(url: str | None) -> str | None:
    """The URL as compared for de-duplication: trimmed, scheme and host lower-cased.

    The fragment is kept: a live blog publishes each entry under the page's URL with its own
    `#anchor`, so two URLs that differ only after `#` are different documents (dropping the
    fragment lost 3.5% of a German news corpus). Only an empty fragment (`page#`) is dropped.
    """
    if not url or not url.strip():
        return None
    u, _, fragment = url.strip().partition("#")
    scheme, sep, rest = u.partition("://")
    if sep:
        host, slash, path = rest.partition("/")
        u = f"{scheme.lower()}://{host.lower()}{slash}{path}"
    u = u.rstrip("/") if sep else u
    return f"{u}#{fragment}" if fragment else u


def cameo_actor(party: dict[str, Any] | None) -> str | None:
    """CAMEO-style actor code: country/IGO code followed by the sector, e.g. CHN + GOV -> CHNGOV."""
    if not party or not party.get("code"):
        return None
    return f"{party['code']}{party.get('sector') or ''}"


def party_key(party: dict[str, Any] | None) -> str | None:
    """What identifies a party when clustering mentions of one event across articles."""
    if not party:
        return None
    return cameo_actor(party) or party.get("identifier_id") or \
        (" ".join(str(party.get("entity_text") or "").lower().split()) or None)


def pair_key(a: str | None, b: str | None) -> int | None:
    """Integer key of an unordered pair of codes (see migration 002; SQL computes the same)."""
    if not a or not b:
        return None
    lo, hi = sorted((a, b))
    return int(hashlib.md5(f"{lo}|{hi}".encode("utf-8")).hexdigest()[:15], 16)


def _first(parties: Any) -> dict[str, Any] | None:
    """The first party with a code, else the first party."""
    if not isinstance(parties, list) or not parties:
        return None
    coded = [p for p in parties if isinstance(p, dict) and p.get("code")]
    first = coded[0] if coded else parties[0]
    return first if isinstance(first, dict) else None


def _int(v: Any) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _strs(v: Any) -> list[str]:
    if v is None:
        return []
    return [str(x) for x in v] if isinstance(v, list) else [str(v)]


def event_day(value: Any) -> date | None:
    """The day an event's date stands for in the DATE column: 2023-03 -> 2023-03-01,
    2023 -> 2023-01-01 (the record itself keeps the precision the text gave)."""
    s = str(value or "").strip()
    if len(s) == 7:
        s += "-01"
    elif len(s) == 4:
        s += "-01-01"
    return parse_date(s)


def event_row(r: dict[str, Any], seq: int, published: date | None) -> dict[str, Any]:
    actor, recipient = _first(r.get("actor")), _first(r.get("recipient"))
    types = _strs(r.get("event"))
    info = r.get("text_info") if isinstance(r.get("text_info"), dict) else {}
    return {
        "doc_id": r["doc_id"], "seq": seq, "event_id": _str(r.get("id")) or f"{r['doc_id']}#{seq}",
        "date": event_day(r.get("date")) or parse_date(r.get("published")) or published,
        "event_type": types[0] if types else None, "event_types": types,
        "mode": _str(r.get("mode")), "context": _strs(r.get("context")),
        "actor": cameo_actor(actor), "actor_code": _str((actor or {}).get("code")),
        "actor_sector": _str((actor or {}).get("sector")), "actor_key": party_key(actor),
        "recipient": cameo_actor(recipient), "recipient_code": _str((recipient or {}).get("code")),
        "recipient_sector": _str((recipient or {}).get("sector")), "recipient_key": party_key(recipient),
        "quad_code": _int(r.get("quad_code")), "event_scale": _float(r.get("event_scale")),
        "goldstein": _float(r.get("goldstein")), "cameo": _str(r.get("cameo")),
        "confidence": _float(r.get("confidence")),
        "sentence": _int(info.get("sequence")), "span_start": _int(info.get("start")),
        "span_end": _int(info.get("end")), "source": _str(r.get("source")), "data": dumps(r),
        "pair_key": pair_key(_str((actor or {}).get("code")), _str((recipient or {}).get("code"))),
    }


def location_row(r: dict[str, Any], seq: int) -> dict[str, Any] | None:
    """The event_locations row of an event record with a location, else None."""
    loc = r.get("location")
    if not isinstance(loc, dict):
        return None
    return {"doc_id": r["doc_id"], "seq": seq, "event_id": _str(r.get("id")) or f"{r['doc_id']}#{seq}",
            "place": _str(loc.get("resolved_place")), "extracted": _str(loc.get("extracted_place")),
            "country_code": _str(loc.get("country_code")), "geonameid": _int(loc.get("geonameid")),
            "lat": _float(loc.get("lat")), "lon": _float(loc.get("lon")), "resolution": _int(loc.get("resolution"))}


def quote_row(r: dict[str, Any], seq: int) -> dict[str, Any]:
    sp = r.get("speaker") if isinstance(r.get("speaker"), dict) else {}
    return {
        "doc_id": r["doc_id"], "seq": seq, "sentence": _int(r.get("sentence")),
        "span_start": _int(r.get("start")), "span_end": _int(r.get("end")),
        "form": _str(r.get("form")), "text": _str(r.get("text")),
        "speaker": _str(sp.get("entity_text")), "speaker_name": _str(sp.get("identifier_text")),
        "speaker_id": _str(sp.get("identifier_id")), "speaker_code": cameo_actor(sp),
        "data": dumps(r),
    }


_LABEL = {"entity": "label", "timex": "type", "quantity": "unit"}
_VALUE = {"entity": "code", "timex": "value", "quantity": "value"}


def annotation_row(r: dict[str, Any], seq: int) -> dict[str, Any]:
    kind = str(r.get("kind"))
    return {
        "doc_id": r["doc_id"], "seq": seq, "kind": kind, "sentence": _int(r.get("sentence")),
        "span_start": _int(r.get("start")), "span_end": _int(r.get("end")), "text": _str(r.get("text")),
        "label": _str(r.get(_LABEL.get(kind, "label"))), "value": _str(r.get(_VALUE.get(kind, "value"))),
        "data": dumps(r),
    }


def document_row(a: Analyzed, seq: int, now: datetime) -> dict[str, Any]:
    return {
        "seq": seq, "doc_id": a.doc_id, "content_hash": a.content_hash, "url": a.url,
        "url_key": url_key(a.url), "title": a.title, "published": a.published, "source": a.source,
        "lang": a.lang or a.document_record.get("lang"), "text": a.text, "chars": len(a.text),
        "origin": a.origin, "pipeline_version": a.pipeline_version, "warnings": list(a.warnings),
        "record": dumps(a.document_record), "minhash": a.minhash, "ingested_at": now, "analyzed_at": now,
    }


def skip_id(origin: str) -> str:
    """The id of a skipped item (docs/records.md, "Record ids"): derived from where it lies, so a
    later run that meets it again replaces its row, and one that stores it finds the row."""
    return hashlib.sha1(f"skipped|{origin}".encode("utf-8")).hexdigest()[:16]


def skipped_row(stage: str, p: Problem, pipeline_version: str, now: datetime) -> dict[str, Any]:
    return {"skip_id": skip_id(p.where), "origin": p.where, "doc_id": p.doc_id, "stage": stage,
            "reason_class": reason_class(p.reason), "reason": p.reason, "pipeline_version": pipeline_version,
            "skipped_at": now}


def record_rows(batch: Iterable[Analyzed]) -> dict[str, list[dict[str, Any]]]:
    """Rows for the events, quotes and annotations tables, and the event_locations rows of the
    located events (derived, like the dyad index); `seq` is the record's position."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLES}
    out["event_locations"] = []
    for a in batch:
        for seq, r in enumerate(a.records):
            kind = r.get("kind")
            if kind == "document":
                continue
            r = dict(r, doc_id=a.doc_id)
            table = TABLE_OF_KIND.get(kind, "annotations")
            if table == "events":
                out[table].append(event_row(r, seq, a.published))
                loc = location_row(r, seq)
                if loc is not None:
                    out["event_locations"].append(loc)
            elif table == "quotes":
                out[table].append(quote_row(r, seq))
            else:
                out[table].append(annotation_row(r, seq))
    return out


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def analyzed_from_rows(doc: dict[str, Any], records: list[tuple[int, str]]) -> Analyzed:
    """Rebuild an `Analyzed` from a documents row and its (seq, data) record rows."""
    document = json.loads(doc["record"]) if doc.get("record") else {"kind": "document", "doc_id": doc["doc_id"]}
    recs = [document] + [json.loads(data) for _, data in sorted(records, key=lambda x: x[0])]
    return Analyzed(
        doc_id=doc["doc_id"], text=doc["text"], content_hash=doc["content_hash"],
        pipeline_version=doc["pipeline_version"], minhash=doc.get("minhash") or b"",
        records=recs, title=doc.get("title"), published=doc.get("published"), url=doc.get("url"),
        source=doc.get("source"), lang=doc.get("lang"), origin=doc.get("origin"),
        warnings=list(doc.get("warnings") or []))
