"""The Python API over a store file: `lagebild.store.open_store(path)` -> `Store`.

Query methods return Arrow tables (`table.to_pandas()` when pandas is installed, or `Store.df`);
`*_records` methods yield the JSON records exactly as `lagebild analyze` emits them.

    with open_store("lagebild.duckdb") as st:
        st.dyad("CHN", "RUS", by="month")
        st.events(actor="CHNGOV", since=date(2024, 1, 1))
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lagebild.errors import QueryError, StoreError
from lagebild.formats.readers import env_db_path
from lagebild.store import queries
from lagebild.store.queries import EventFilter
from lagebild.store.schema import connect, scalar

FETCH = 2048


class Store:
    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    # --- life cycle -----------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}{' (read-only)' if self.read_only else ''}>"

    # --- generic --------------------------------------------------------------------------
    def sql(self, query: str, params: list | None = None, timeout: float | None = None) -> pa.Table:
        """Run a query; errors (syntax, a write on a read-only store, out of memory, past
        `timeout` seconds) become one-line QueryErrors."""
        import threading
        # DuckDB has no statement timeout; interrupting the connection from a timer is its way
        timer = threading.Timer(timeout, self.con.interrupt) if timeout else None
        if timer is not None:
            timer.daemon = True
            timer.start()
        try:
            rel = self.con.sql(query, params=params)
            return rel.to_arrow_table() if rel is not None else pa.table({})
        except duckdb.InterruptException:
            raise QueryError(f"the query was stopped after {timeout:g} s (--timeout)") from None
        except duckdb.OutOfMemoryException as e:
            raise QueryError(f"the query needs more memory than allowed (--memory-limit): {_one_line(e)[:160]}") from None
        except duckdb.Error as e:
            raise QueryError(_one_line(e)) from None
        finally:
            if timer is not None:
                timer.cancel()

    def rows(self, query: str, params: list | None = None) -> Iterator[tuple]:
        """Stream result rows without materialising them all (for exports of big stores)."""
        cur = self.con.cursor()
        try:
            cur.execute(query, params or [])
            while batch := cur.fetchmany(FETCH):
                yield from batch
        except duckdb.Error as e:
            raise QueryError(_one_line(e)) from None
        finally:
            cur.close()

    @staticmethod
    def df(table: pa.Table):
        """A pandas DataFrame of an Arrow result (pandas is optional)."""
        try:
            import pandas  # noqa: F401
        except ImportError:
            raise StoreError("pandas is not installed; use the Arrow table, or `pip install pandas`") from None
        return table.to_pandas()

    # --- queries --------------------------------------------------------------------------
    def events(self, actor: str | None = None, recipient: str | None = None, type: str | None = None,
               since: date | None = None, until: date | None = None, source: str | None = None,
               limit: int | None = None, near: tuple[float, float, float] | None = None) -> pa.Table:
        """`near`: (lat, lon, radius in km), only events located within the radius."""
        sql, params = queries.events_sql(EventFilter(actor, recipient, type, since, until, source, near=near), limit)
        return self.sql(sql, params)

    def event_records(self, actor: str | None = None, recipient: str | None = None, type: str | None = None,
                      since: date | None = None, until: date | None = None,
                      source: str | None = None, near: tuple[float, float, float] | None = None) -> Iterator[dict[str, Any]]:
        sql, params = queries.event_records_sql(EventFilter(actor, recipient, type, since, until, source, near=near))
        for (data,) in self.rows(sql, params):
            yield json.loads(data)

    def quotes(self, speaker: str | None = None, since: date | None = None, until: date | None = None,
               source: str | None = None, limit: int | None = None) -> pa.Table:
        sql, params = queries.quotes_sql(speaker, since, until, source, limit)
        return self.sql(sql, params)

    def quote_records(self, speaker: str | None = None, since: date | None = None, until: date | None = None,
                      source: str | None = None) -> Iterator[dict[str, Any]]:
        sql, params = queries.quote_records_sql(speaker, since=since, until=until, source=source)
        for row in self.rows(sql, params):
            yield json.loads(row[0])

    def dyad(self, a: str, b: str, by: str = "month", since: date | None = None, until: date | None = None,
             directed: bool = False) -> pa.Table:
        """Cooperation/conflict counts and PLOVER score (event_scale) and Goldstein totals per period."""
        sql, params = queries.dyad_sql(a, b, by, since, until, directed)
        return self.sql(sql, params)

    def clusters(self, actor: str | None = None, recipient: str | None = None, type: str | None = None,
                 since: date | None = None, until: date | None = None, source: str | None = None,
                 window_days: int = 1, min_articles: int = 1) -> pa.Table:
        """The same event reported by several articles, one row per cluster (GDELT-style counts)."""
        sql, params = queries.clusters_sql(EventFilter(actor, recipient, type, since, until, source),
                                           window_days, min_articles)
        return self.sql(sql, params)

    def stories(self, min_articles: int = 2) -> list[dict[str, Any]]:
        """Stories of at least `min_articles` articles: `{"id", "title", "documents": [{"doc_id",
        "url", "source", "published", "title"}]}`, largest first. Documents not yet grouped are
        grouped now (and the assignment saved unless the store is read-only); story ids are stable."""
        from lagebild.stories.service import list_stories
        return list_stories(self, min_articles)

    def compare(self, story_id: str | None = None, min_articles: int = 2) -> dict[str, Any]:
        """Who reports what: `{"stories": [...]}` in the comparison contract (facts with evidence
        spans, according to whom, omitted_by, and conflicts), for one story or all of them."""
        from lagebild.stories.service import compare
        return compare(self, story_id, min_articles)

    def skipped(self, stage: str | None = None, reason: str | None = None, limit: int | None = None) -> pa.Table:
        """Input items an ingest skipped, with where they lie, the stage and the reason."""
        sql, params = queries.skipped_sql(stage, reason, limit)
        return self.sql(sql, params)

    def documents(self, limit: int | None = None) -> pa.Table:
        sql = ("SELECT seq, doc_id, title, published, source, url, lang, chars, origin, pipeline_version, "
               "ingested_at FROM documents ORDER BY seq")
        return self.sql(sql + (" LIMIT ?" if limit else ""), [limit] if limit else None)

    def near_duplicates(self) -> pa.Table:
        return self.sql("SELECT n.doc_id, n.near_doc_id, n.jaccard, d.source, o.source AS near_source "
                        "FROM near_duplicates n JOIN documents d USING (doc_id) "
                        "JOIN documents o ON o.doc_id = n.near_doc_id ORDER BY d.seq, o.seq")

    def records(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        """All records of one document (or of all, in ingest order), as `analyze` emits them."""
        where, params = ("WHERE d.doc_id = ?", [doc_id]) if doc_id else ("", [])
        sql = f"""
            SELECT d.seq AS dseq, 0 AS seq, d.record AS data FROM documents d {where}
            UNION ALL
            SELECT d.seq, r.seq, r.data FROM (
                SELECT doc_id, seq, data FROM events UNION ALL
                SELECT doc_id, seq, data FROM quotes UNION ALL
                SELECT doc_id, seq, data FROM annotations) r
            JOIN documents d USING (doc_id) {where}
            ORDER BY dseq, seq"""
        for _, _, data in self.rows(sql, params + params):
            yield json.loads(data)

    def stats(self) -> dict[str, Any]:
        return {"path": str(self.path),
                "schema_version": scalar(self.con, "SELECT max(version) FROM schema_migrations"),
                **self._contents()}

    def _contents(self) -> dict[str, Any]:
        """What the tables hold (shared with a Parquet dataset's stats)."""
        one = lambda q: scalar(self.con, q)  # noqa: E731
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "events": one("SELECT count(*) FROM events"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "annotations": one("SELECT count(*) FROM annotations"),
            "near_duplicate_links": one("SELECT count(*) FROM near_duplicates"),
            "skipped": one("SELECT count(*) FROM skipped"),
            "skipped_reasons": dict(self.con.execute(
                "SELECT reason_class, count(*) FROM skipped GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()),
            "pipeline_versions": dict(self.con.execute(
                "SELECT pipeline_version, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall()),
            "first_published": one("SELECT min(published) FROM documents"),
            "last_published": one("SELECT max(published) FROM documents"),
        }

    def optimize(self, force: bool = False) -> bool:
        """Re-sort the dyad index if many events were added since it was last sorted (ingest does
        this at its end); True if it was re-sorted."""
        from lagebild.store.writer import optimize
        if self.read_only:
            raise StoreError("the store is open read-only; open it with read_only=False to optimize")
        return optimize(self.con, force)

    # --- export / import --------------------------------------------------------------------
    def export(self, fmt: str, out: str | Path, **filters: Any) -> int:
        from lagebild.store.export import export
        return export(self, fmt, Path(out), EventFilter(**filters))

    def import_shards(self, paths: list[str | Path], batch_size: int = 500):
        """Load Parquet shards (or a parquet export) through the writer; returns an IngestSummary."""
        from lagebild.store.export import import_shards
        if self.read_only:
            raise StoreError("the store is open read-only; open it with read_only=False to import")
        return import_shards(self.con, paths, batch_size)


def _one_line(e: Exception) -> str:
    msg = " ".join(str(e).split())
    if "read-only mode" in msg:
        return "the store is opened read-only here: only queries that read are allowed (" + msg[:160] + ")"
    if "file system operations are disabled" in msg:
        return "queries cannot read or write files here: the store is opened read-only and sealed"
    return msg[:300]


def open_store(path: str | Path | None = None, read_only: bool = False, sealed: bool = False,
               memory_limit: str | None = None) -> Store:
    """Open (and create or migrate, unless read-only) the store at `path` (default: $LAGEBILD_DB
    or ./lagebild.duckdb). `sealed`: read-only, no access to files or other databases, limited
    memory (`memory_limit`, e.g. "2GB") and no spill directory. A directory is a Parquet
    dataset (`lagebild.scale`), opened read-only."""
    p = Path(path) if path else Path(env_db_path())
    if p.is_dir():
        # a Parquet dataset (`lagebild ingest --cluster ... --out DIR`): queried where it lies
        # (always read-only: its writes are `lagebild ingest --cluster` and `lagebild load`)
        from lagebild.scale.views import open_dataset
        return open_dataset(p, sealed=sealed, memory_limit=memory_limit)
    return Store(connect(p, read_only=read_only or sealed, sealed=sealed, memory_limit=memory_limit),
                 p, read_only or sealed)
