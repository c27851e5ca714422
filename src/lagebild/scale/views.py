"""Querying a Parquet dataset where it lies: the store's tables as DuckDB views over its files.

An in-memory DuckDB connection gets one view per table of the store, named and typed as in a
store file (`documents`, `events`, ... over `read_parquet`), the views the migrations define
(`entities`, `timexes`, `quantities`, ...), `near_duplicates`, `skipped`, and `dyad_index` as a view over
`events`. The store's query SQL (`store.queries`) then runs unchanged, so every query command
and `lagebild.open()` work on a dataset as on a DuckDB file.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from lagebild.errors import QueryError, StoreError
from lagebild.scale.dataset import NEAR, NEAR_SCHEMA, SKIPS, read_meta, tables
from lagebild.store.rows import SKIPPED
from lagebild.store.schema import migrations
from lagebild.store.store import Store, _one_line

# the dyad index of a store file (migration 003) is a sorted copy; here it is a view over events
DYAD_INDEX = ("SELECT pair_key, date, actor_code, quad_code, event_scale, goldstein FROM events "
              "WHERE pair_key IS NOT NULL AND date IS NOT NULL")
VIEW_STATEMENT = re.compile(r"^\s*(CREATE\s+(OR\s+REPLACE\s+)?VIEW|DROP\s+VIEW)\b", re.IGNORECASE)
READ_ONLY = "the store is opened read-only here: only queries that read are allowed"


def connect_dataset(root: str | Path, sealed: bool = False, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory connection whose views read the dataset at `root` (finalised datasets only)."""
    root = Path(root).resolve()
    meta = read_meta(root)
    if meta.get("state") != "final":
        raise StoreError(f"{root}: the dataset is still being written (or its ingest was interrupted); "
                         "run the same `lagebild ingest --cluster ... --out` again to finish it")
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        # a dataset is many files: keep their footers after the first query instead of reading
        # every one again for every query (benchmarks/query_latency.py --parquet small)
        con.execute("SET parquet_metadata_cache = true")
        mixed = set(meta.get("mixed_schemas") or [])
        for name, schema in tables().items():
            con.execute(f"CREATE VIEW {name} AS "
                        f"{_table_sql(con, root / name, '*/part-*.parquet', schema, name in mixed)}")
        con.execute(f"CREATE VIEW {NEAR} AS {_table_sql(con, root / NEAR, 'part-*.parquet', NEAR_SCHEMA)}")
        con.execute(f"CREATE VIEW {SKIPS} AS {_table_sql(con, root / SKIPS, 'part-*.parquet', SKIPPED)}")
        con.execute(f"CREATE VIEW dyad_index AS {DYAD_INDEX}")
        minhash = str(meta.get("minhash") or "").replace("'", "''")
        con.execute(f"CREATE VIEW store_meta AS SELECT 'minhash' AS key, '{minhash}' AS value")
        for sql in _migration_views():
            con.execute(sql)
        if sealed:
            # a user's query may read the dataset's files and nothing else, within a memory
            # limit and with nowhere to spill (as `sql` on a store file, issue 15)
            if memory_limit:
                con.execute("SET memory_limit = ?", [memory_limit])
            con.execute("SET temp_directory = ''")
            con.execute("SET allowed_directories = ?", [[str(root) + "/"]])
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
    except duckdb.Error as e:
        con.close()
        raise StoreError(f"{root}: cannot open the dataset ({_one_line(e)})") from None
    return con


def _table_sql(con: duckdb.DuckDBPyConnection, folder: Path, pattern: str, schema: pa.Schema,
               mixed: bool = False) -> str:
    """SELECT of the schema's columns from the folder's files; columns the files lack (a dataset
    written before a column was added) read as NULL, and a folder without files as no rows.
    `mixed`: the files differ in their columns, so they are matched by name (slower: DuckDB
    then reads every file's footer for every query)."""
    cols = [(f.name, _duck_type(con, f.type)) for f in schema]
    files = sorted(folder.glob(pattern))
    if not files:
        return "SELECT " + ", ".join(f"NULL::{t} AS {n}" for n, t in cols) + " WHERE false"
    glob = str(folder / pattern).replace("'", "''")
    src = f"read_parquet('{glob}', union_by_name = {str(mixed).lower()}, hive_partitioning = false)"
    have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()}
    return "SELECT " + ", ".join(n if n in have else f"NULL::{t} AS {n}" for n, t in cols) + f" FROM {src}"


def _duck_type(con: duckdb.DuckDBPyConnection, t: pa.DataType) -> str:
    return str(con.from_arrow(pa.table({"x": pa.array([], type=t)})).types[0])


def _migration_views() -> list[str]:
    """The views the store's migrations define, in order (their tables are views here)."""
    out = []
    for m in migrations():
        text = "\n".join(line for line in m.sql.splitlines() if not line.lstrip().startswith("--"))
        for stmt in text.split(";"):
            if VIEW_STATEMENT.match(stmt):
                out.append(re.sub(r"^\s*CREATE\s+VIEW", "CREATE OR REPLACE VIEW", stmt, flags=re.IGNORECASE))
    return out


class DatasetStore(Store):
    """A `Store` over a Parquet dataset: every query, no writes."""

    def sql(self, query: str, params: list | None = None, timeout: float | None = None) -> pa.Table:
        self._check_reads(query)
        return super().sql(query, params, timeout=timeout)

    def _check_reads(self, query: str) -> None:
        # an in-memory connection would accept CREATE and COPY: refuse them as a read-only file does
        try:
            statements = self.con.extract_statements(query)
        except duckdb.Error as e:
            raise QueryError(_one_line(e)) from None
        for s in statements:
            if s.type != duckdb.StatementType.SELECT:
                raise QueryError(f"{READ_ONLY} ({s.type.name} is not a query that reads)")

    def stats(self) -> dict[str, Any]:
        meta = read_meta(self.path)
        return {"path": str(self.path), "dataset_format": f"{meta.get('format')} {meta.get('version')}",
                "runs": meta.get("runs"), **self._contents()}

    def optimize(self, force: bool = False) -> bool:
        raise StoreError(f"{self.path}: a Parquet dataset is read-only; "
                         "`lagebild load DATASET --db FILE` makes a DuckDB store of it")

    def import_shards(self, paths, batch_size: int = 500):
        self.optimize()


def open_dataset(root: str | Path, sealed: bool = False, memory_limit: str | None = None) -> DatasetStore:
    root = Path(root)
    return DatasetStore(connect_dataset(root, sealed, memory_limit), root, read_only=True)
