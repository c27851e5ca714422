"""`lagebild load DATASET --db FILE`: a Parquet dataset into a DuckDB store for one machine.

The documents go through the store's writer in their dataset order (seq), a batch per
transaction, exactly like `lagebild import`: de-duplicated against what the store holds,
near-duplicates linked, the dyad index built. So loading is idempotent and crash-safe, and
loading into an existing store merges. (The store numbers documents 1, 2, ... in that order;
the dataset's own seq values, which encode run and partition, are not kept.)
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from lagebild.errors import StoreError
from lagebild.scale.views import connect_dataset
from lagebild.store.ingest import IngestSummary, Progress
from lagebild.store.minhash import MinHasher
from lagebild.store.schema import connect
from lagebild.store.shards import read_analyzed
from lagebild.store.writer import Writer, optimize


def load(dataset: str | Path, db: str | Path, batch_size: int = 500,
         progress: Progress | None = None) -> IngestSummary:
    summary = IngestSummary()
    started = time.monotonic()
    src = connect_dataset(dataset)
    try:
        params = src.execute("SELECT value FROM store_meta WHERE key = 'minhash'").fetchall()[0][0]
        if params != MinHasher().params:
            raise StoreError(f"{dataset}: the dataset's signatures use {params}, not {MinHasher().params}")
        total = src.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        con = connect(db)
        try:
            writer = Writer(con)

            def stream() -> Iterator[None]:
                for batch in read_analyzed(src, batch_size):
                    summary.read += len(batch)
                    summary.add(writer.commit(batch))
                    yield from (None for _ in batch)
            for _ in (progress(stream(), total) if progress is not None else stream()):
                pass
            # the dataset's skipped items come along (one transaction; few rows: problems only)
            skips = src.sql("SELECT * FROM skipped").to_arrow_table().to_pylist()
            if skips:
                writer.commit([], skips)
            optimize(con)
        finally:
            con.close()
    finally:
        src.close()
    summary.elapsed = time.monotonic() - started
    return summary
