"""The corpus store: an embedded DuckDB file of documents and the records extracted from them.

    from lagebild.store import open_store
    with open_store("lagebild.duckdb", read_only=True) as st:
        st.dyad("CHN", "RUS", by="month")      # a pyarrow.Table

Modules: schema (open + migrations), analyzed (the pure document -> records seam), writer (one
transaction per batch), ingest (readers -> worker processes -> writer), shards (Parquet), queries,
store (the API), export.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    # Lazy: analysis worker processes import lagebild.store.analyzed and must not pay for
    # importing duckdb and pyarrow, which only the writer and the API need.
    if name in __all__:
        from lagebild.store import store
        return getattr(store, name)
    raise AttributeError(f"module 'lagebild.store' has no attribute {name!r}")
