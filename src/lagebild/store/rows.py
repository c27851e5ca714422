"""Records <-> table rows (Arrow), shared by the writer, Parquet shards and exports.

Typed columns are derived from each record's JSON, which is stored alongside (`data`), so a
table row can always be turned back into exactly the record it came from.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import pyarrow as pa

from lagebild.formats.readers import Problem, reason_class
from lagebild.store.analyzed import Analyzed, dumps
# the row builders live without pyarrow (ingest workers build rows, see rowdata.py); re-exported
from lagebild.store.rowdata import (COLUMNS, TABLE_OF_KIND, Columns, annotation_row,  # noqa: F401
                                    batch_columns, cameo_actor, document_columns, event_day, event_row,
                                    location_row, pair_key, party_key, quote_row, record_rows, url_key)

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
COLUMN_TABLES = {**RECORD_TABLES, "event_locations": EVENT_LOCATIONS}   # rowdata.COLUMNS' schemas


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


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


def columns_table(cols: dict[str, list[Any]], schema: pa.Schema) -> pa.Table:
    """The table of `batch_columns`' columns for one table (what `to_table` gives for its rows)."""
    return pa.Table.from_pydict({n: cols[n] for n in schema.names}, schema=schema)


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
