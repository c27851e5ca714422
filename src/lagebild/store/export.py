"""`lagebild export` and `lagebild import`.

    plover   JSON Lines, one PLOVER event per mention; `link` = its cross-article cluster
    gdelt    GDELT 2.0 event table (TSV, no header), one row per cluster (its first mention)
    csv      the events table, one row per mention, with cluster counts
    jsonl    every record, as `lagebild analyze --format jsonl` emits them
    parquet  a directory with the store's tables (the shard layout): lossless, re-importable
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import duckdb

from lagebild.errors import InputError, StoreError
from lagebild.store import queries
from lagebild.store.queries import EventFilter
from lagebild.store.schema import first_row, scalar
from lagebild.store.shards import SHARD_META

FORMATS = ("plover", "gdelt", "parquet", "csv", "jsonl")
CSV_COLUMNS = ("date", "event_type", "event_types", "mode", "context", "actor", "recipient", "quad_code",
               "event_scale", "goldstein", "cameo", "confidence", "source", "doc_id", "event_id",
               "sentence", "span_start", "span_end", "event_text", "url", "cluster_id", "num_mentions",
               "num_articles", "num_sources")


def export(store, fmt: str, out: Path, f: EventFilter, window_days: int = 1) -> int:
    """Write the store (events matching `f`) to `out` in `fmt`; returns the number of rows written."""
    if fmt == "parquet":
        # unfiltered: the whole store, the re-import format; filtered: the matching events and
        # the documents they come from (an analysis set, not a store to re-import)
        return export_parquet(store.con, out) if f == EventFilter() else export_parquet_events(store, out, f)
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            return _write_lines(fh, (json.dumps(r, ensure_ascii=False) for r in store.records()))
        first_only = fmt == "gdelt"
        sql, params = queries.events_with_clusters_sql(f, window_days, first_only=first_only)
        events = (_with_context(row) for row in store.rows(sql, params))
        if fmt == "plover":
            from lagebild.formats.plover import plover_record
            return _write_lines(fh, (json.dumps(plover_record(e), ensure_ascii=False) for e in events))
        if fmt == "gdelt":
            from lagebild.formats.gdelt import gdelt_rows
            return _write_lines(fh, ("\t".join(row) for row in gdelt_rows(events)))
        return _write_csv(fh, events)


def _with_context(row: tuple) -> dict[str, Any]:
    """An event record with its document's citation and cluster (as the formats expect them)."""
    data, url, title, lang, published, cluster_id, mentions, articles, sources = row
    ev = json.loads(data)
    if not ev.get("url"):
        ev["url"] = url
    ev.setdefault("title", title)
    ev.setdefault("lang", lang)
    if not ev.get("published") and published:
        ev["published"] = published.isoformat()
    if cluster_id:
        ev["cluster"] = {"id": cluster_id, "num_mentions": mentions, "num_articles": articles,
                         "num_sources": sources}
    return ev


def _write_lines(fh: TextIO, lines: Iterable[str]) -> int:
    n = 0
    for line in lines:
        fh.write(line + "\n")
        n += 1
    return n


def _write_csv(fh: TextIO, events: Iterator[dict[str, Any]]) -> int:
    from lagebild.store.rows import event_row
    w = csv.writer(fh)
    w.writerow(CSV_COLUMNS)
    n = 0
    for ev in events:
        row = event_row(dict(ev, doc_id=ev.get("doc_id")), 0, None)
        cl = ev.get("cluster") or {}
        flat = {**row, "event_types": "+".join(row["event_types"]), "context": "+".join(row["context"]),
                "event_text": ev.get("event_text"), "url": ev.get("url"), "cluster_id": cl.get("id"),
                "num_mentions": cl.get("num_mentions"), "num_articles": cl.get("num_articles"),
                "num_sources": cl.get("num_sources")}
        w.writerow(["" if flat.get(c) is None else flat[c] for c in CSV_COLUMNS])
        n += 1
    return n


# --- parquet: the shard layout ------------------------------------------------------------------
def export_parquet(con: duckdb.DuckDBPyConnection, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    target = lambda name: str(out / f"{name}.parquet").replace("'", "''")  # noqa: E731
    try:
        con.execute(f"COPY (SELECT * FROM documents ORDER BY seq) TO '{target('documents')}' (FORMAT parquet)")
        for table in ("events", "quotes", "annotations"):
            con.execute(f"COPY (SELECT t.* FROM {table} t JOIN documents d USING (doc_id) ORDER BY d.seq, t.seq) "
                        f"TO '{target(table)}' (FORMAT parquet)")
        con.execute(f"COPY (SELECT * FROM near_duplicates ORDER BY doc_id, near_doc_id) "
                    f"TO '{target('near_duplicates')}' (FORMAT parquet)")
        minhash = first_row(con, "SELECT value FROM store_meta WHERE key = 'minhash'")
    except duckdb.Error as e:
        raise StoreError(f"export to {out} failed: {' '.join(str(e).split())[:200]}") from None
    (out / SHARD_META).write_text(json.dumps({"minhash": minhash[0] if minhash else None}) + "\n")
    return scalar(con, "SELECT count(*) FROM documents")


def export_parquet_events(store, out: Path, f: EventFilter) -> int:
    """The events matching `f` (`events.parquet`) and their documents (`documents.parquet`)."""
    import pyarrow.parquet as pq
    where, params = queries.event_where(f)
    out.mkdir(parents=True, exist_ok=True)
    events = store.sql(f"SELECT * FROM events WHERE {where} ORDER BY doc_id, seq", params)
    docs = store.sql(f"SELECT * FROM documents WHERE doc_id IN (SELECT doc_id FROM events WHERE {where}) ORDER BY seq",
                     params)
    pq.write_table(events, out / "events.parquet")
    pq.write_table(docs, out / "documents.parquet")
    return events.num_rows


def import_shards(con: duckdb.DuckDBPyConnection, paths: list[str | Path], batch_size: int = 500):
    """Load shards through the writer (de-duplicated, one transaction per batch); an IngestSummary."""
    import time

    from lagebild.store.ingest import IngestSummary
    from lagebild.store.shards import read_shard, shard_dirs
    from lagebild.store.writer import Writer, optimize
    started = time.monotonic()
    writer = Writer(con)
    summary = IngestSummary()
    for d in shard_dirs(paths):
        _check_shard_meta(d, writer.hasher.params)
        for batch in read_shard(d, batch_size):
            for a in batch:
                if not a.minhash:
                    a.minhash = writer.hasher.signature(a.text)
            summary.read += len(batch)
            summary.add(writer.commit(batch))
    optimize(con)
    summary.elapsed = time.monotonic() - started
    return summary


def _check_shard_meta(d: Path, params: str) -> None:
    meta = d / SHARD_META
    if not meta.exists():
        return
    try:
        got = json.loads(meta.read_text()).get("minhash")
    except (OSError, ValueError) as e:
        raise InputError(f"{meta}: unreadable ({e})") from None
    if got and got != params:
        raise InputError(f"{d}: near-duplicate signatures made with {got}, this store uses {params}")
