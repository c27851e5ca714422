"""Records -> the rows of the record tables, without pyarrow (issue 14).

Ingest workers build these rows (`document_columns`) beside the analysis, so that the single
writer only joins columns; a forked worker must not import pyarrow for it (pyarrow's import
costs ~30 MB per process and may start threads, which a process that forks must not have).
`store/rows.py` holds the Arrow schemas of the same tables and re-exports these functions.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from lagebild.formats.readers import parse_date
from lagebild.store.analyzed import dumps

if TYPE_CHECKING:
    from lagebild.store.analyzed import Analyzed

RECORD_TABLE_NAMES = ("events", "quotes", "annotations")
TABLE_OF_KIND = {"event": "events", "quote": "quotes"}   # every other kind -> annotations
# The columns of the record tables, in the order of their Arrow schemas in `store/rows.py`
# (a test checks that they agree).
COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "doc_id", "seq", "event_id", "date", "event_type", "event_types", "mode", "context",
        "actor", "actor_code", "actor_sector", "actor_key", "recipient", "recipient_code",
        "recipient_sector", "recipient_key", "quad_code", "event_scale", "goldstein", "cameo",
        "confidence", "sentence", "span_start", "span_end", "source", "data", "pair_key",
    ),
    "quotes": (
        "doc_id", "seq", "sentence", "span_start", "span_end", "form", "text", "speaker",
        "speaker_name", "speaker_id", "speaker_code", "data",
    ),
    "annotations": (
        "doc_id", "seq", "kind", "sentence", "span_start", "span_end", "text", "label", "value",
        "data",
    ),
    "event_locations": (
        "doc_id", "seq", "event_id", "place", "extracted", "country_code", "geonameid", "lat",
        "lon", "resolution",
    ),
}


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



def record_rows(batch: Iterable[Analyzed]) -> dict[str, list[dict[str, Any]]]:
    """Rows for the events, quotes and annotations tables, and the event_locations rows of the
    located events (derived, like the dyad index); `seq` is the record's position."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLE_NAMES}
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


# The record tables as columns (name -> column -> values), in the order of `record_rows`.
Columns = dict[str, dict[str, list[Any]]]


def document_columns(a: Analyzed) -> Columns:
    """`record_rows` of one document, column by column (only the tables it has rows for).

    An ingest worker computes these beside the analysis (`Analyzed.columns`), so the single
    writer only joins columns instead of building rows and serialising every record to JSON:
    that was ~60% of the writer's CPU per article, and the writer's CPU is what keeps two
    workers from being twice as fast as one on two cores (issue 14). A missing key is null,
    as in `to_table`."""
    return {name: {n: [r.get(n) for r in rows] for n in COLUMNS[name]}
            for name, rows in record_rows([a]).items() if rows}


def batch_columns(batch: Iterable[Analyzed]) -> Columns:
    """The columns of `record_rows(batch)`: a document's precomputed ones where it has them
    (`Analyzed.columns`), else computed here; the same rows in the same order either way."""
    out: Columns = {name: {n: [] for n in names} for name, names in COLUMNS.items()}
    for a in batch:
        for name, cols in (a.columns if a.columns is not None else document_columns(a)).items():
            into = out[name]
            for n, values in cols.items():
                into[n].extend(values)
    return out


