"""Parquet shards: analysis results written outside the store, loaded into it later.

A shard is a directory with `documents.parquet`, `events.parquet`, `quotes.parquet` and
`annotations.parquet`, laid out exactly like the store's tables (`store.rows`). A distributed
run writes one shard per task with `write_shard`; `lagebild import` loads shards through the
same writer as `ingest` (de-duplication, near-duplicate links, one transaction per batch), so
loading is idempotent and crash-safe too. `lagebild export --format parquet` writes the same
layout, which is how an export is re-imported.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from lagebild.errors import InputError
from lagebild.store.analyzed import Analyzed
from lagebild.store.minhash import MinHasher
from lagebild.store.rows import (ANNOTATIONS, DOCUMENTS, EVENTS, QUOTES, RECORD_TABLES, analyzed_from_rows,
                                 document_row, record_rows, to_table)

SHARD_META = "_shard.json"     # records the MinHash parameters of the signatures
TABLES = ("documents", "events", "quotes", "annotations")
SCHEMAS = {"documents": DOCUMENTS, "events": EVENTS, "quotes": QUOTES, "annotations": ANNOTATIONS}


def write_shard(results: Iterable[Analyzed], out: str | Path, hasher: MinHasher | None = None) -> int:
    """Write analysis results as a shard directory; returns the number of documents.

    `hasher`: the MinHasher that made the signatures (recorded, checked when the shard is loaded).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    batch = list(results)
    now = datetime.now().replace(microsecond=0)
    tables = {"documents": [document_row(a, i + 1, now) for i, a in enumerate(batch)], **record_rows(batch)}
    for name in TABLES:
        pq.write_table(to_table(tables[name], SCHEMAS[name]), out / f"{name}.parquet")
    (out / SHARD_META).write_text(json.dumps({"minhash": (hasher or MinHasher()).params}) + "\n")
    return len(batch)


def is_shard(path: Path) -> bool:
    return path.is_dir() and (path / "documents.parquet").exists()


def shard_dirs(paths: Iterable[str | Path]) -> list[Path]:
    """Shard directories named directly, or found one level below a named directory."""
    out: list[Path] = []
    for p in map(Path, paths):
        if is_shard(p):
            out.append(p)
        elif p.is_dir() and (subs := sorted(d for d in p.iterdir() if is_shard(d))):
            out.extend(subs)
        else:
            raise InputError(f"{p}: not a shard directory (no documents.parquet in it or below it)")
    return out


def read_shard(path: str | Path, batch_size: int = 500) -> Iterator[list[Analyzed]]:
    """The shard's documents with their records, in their original order, in batches."""
    path = Path(path)
    con = duckdb.connect()   # private in-memory database: reads the Parquet files only
    try:
        con.execute(f"CREATE VIEW documents AS SELECT * FROM read_parquet('{_sql_path(path / 'documents.parquet')}')")
        for t in RECORD_TABLES:
            src = (f"SELECT * FROM read_parquet('{_sql_path(path / (t + '.parquet'))}')"
                   if (path / f"{t}.parquet").exists() else
                   "SELECT NULL::VARCHAR AS doc_id, NULL::INT AS seq, NULL::VARCHAR AS data WHERE false")
            con.execute(f"CREATE VIEW {t} AS {src}")
        yield from read_analyzed(con, batch_size)
    except duckdb.Error as e:
        raise InputError(f"{path}: cannot read the shard ({str(e).splitlines()[0]})") from None
    finally:
        con.close()


def read_analyzed(con: duckdb.DuckDBPyConnection, batch_size: int = 500,
                  where: str = "true") -> Iterator[list[Analyzed]]:
    """Documents (tables or views named as the store's) with their records, in seq order, in batches.

    Two ordered streams (documents by seq; records by their document's seq) merged in one pass,
    so a shard or dataset of any size is read with bounded memory. `where` filters documents.
    """
    records_sql = " UNION ALL ".join(f"SELECT doc_id, seq, data FROM {t}" for t in RECORD_TABLES)
    dcur, rcur = con.cursor(), con.cursor()
    dcur.execute(f"SELECT * FROM documents WHERE {where} ORDER BY seq")
    columns = [c[0] for c in dcur.description]
    rcur.execute(f"SELECT d.seq AS dseq, r.seq, r.data FROM ({records_sql}) r "
                 f"JOIN (SELECT doc_id, seq FROM documents WHERE {where}) d USING (doc_id) ORDER BY d.seq, r.seq")
    pending = _Rows(rcur)
    while rows := dcur.fetchmany(batch_size):
        batch = []
        for row in rows:
            doc = dict(zip(columns, row))
            batch.append(analyzed_from_rows(doc, pending.take(doc["seq"])))
        yield batch


class _Rows:
    """Record rows (doc seq, seq, data) streamed in document order; `take` returns one document's."""

    def __init__(self, cur: duckdb.DuckDBPyConnection):
        self.cur = cur
        self.buf: list[tuple] = []
        self.pos = 0

    def _peek(self) -> tuple | None:
        if self.pos >= len(self.buf):
            self.buf, self.pos = self.cur.fetchmany(2048), 0
            if not self.buf:
                return None
        return self.buf[self.pos]

    def take(self, doc_seq: int) -> list[tuple[int, str]]:
        out = []
        while (row := self._peek()) is not None and row[0] <= doc_seq:
            if row[0] == doc_seq:
                out.append((row[1], row[2]))
            self.pos += 1
        return out


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")
