"""Opening the DuckDB file and keeping its schema current.

Migrations are numbered SQL files in `store/migrations/NNN_name.sql`, applied in order, each in
its own transaction together with its row in `schema_migrations`: a crash during a migration
leaves the store at the previous version, never half-migrated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from lagebild.errors import StoreError

MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """All migrations shipped with the package, in version order."""
    found = []
    for entry in resources.files("lagebild.store").joinpath("migrations").iterdir():
        m = MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}")
    return found


def latest_version() -> int:
    return migrations()[-1].version


SEALED_MEMORY_LIMIT = "2GB"   # `lagebild sql`: one query once reached 10.2 GB (issue 15)


DUCKDB_MAGIC = b"DUCK"     # bytes 8-11 of every DuckDB database file


def check_file(path: Path, read_only: bool) -> None:
    """A clear error for a file that is not a DuckDB database at all (issue 15), before DuckDB
    tries to read it (and, for a SQLite file, to download a reader)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path}: is a directory, not a store file") from None
    except OSError as e:
        raise StoreError(f"{path}: cannot read the store file ({e.strerror or e})") from None
    if not head:    # DuckDB refuses an empty file; one holds nothing (a store killed at birth)
        if read_only:
            raise StoreError(f"{path}: is an empty file, no store yet; create one with `lagebild ingest`")
        path.unlink()   # so that DuckDB creates the store afresh
        return
    if head.startswith(b"SQLite format 3"):
        raise StoreError(f"{path}: is a SQLite database, not a lagebild store (DuckDB); give another --db")
    if len(head) < 12 or head[8:12] != DUCKDB_MAGIC:
        raise StoreError(f"{path}: is not a lagebild store (not a DuckDB database file); give another --db")


def connect(path: str | Path, read_only: bool = False, sealed: bool = False,
            memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, migrated to the latest schema (writable) or checked
    (read-only). `sealed` (read-only only) also forbids touching files and other databases, for
    running queries typed by a user (`lagebild sql`): memory is limited (`memory_limit`,
    default SEALED_MEMORY_LIMIT) and there is no spill directory, since a query could write
    files into it (`COPY TO '<db>.tmp/...'`)."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store here; create one with `lagebild ingest`")
    check_file(path, read_only)
    config = {"enable_external_access": False, "temp_directory": "",
              "memory_limit": memory_limit or SEALED_MEMORY_LIMIT} if sealed else {}
    # never fetch extensions: DuckDB downloads a SQLite reader when given a SQLite file
    config.update(autoinstall_known_extensions=False, autoload_known_extensions=False)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config=config)
        # DuckDB draws its own progress bar for long statements (e.g. a migration); ours is enough
        con.execute("SET enable_progress_bar = false")
        if sealed:   # and the user's query must not lift the restriction again
            con.execute("SET lock_configuration = true")
    except duckdb.IOException as e:
        msg = str(e)
        if "lock" in msg.lower():
            raise StoreError(f"{path}: the store is in use by another process "
                             "(an ingest running?); try again when it has finished") from None
        if "not enough bytes" in msg.lower() or "could not read enough" in msg.lower() or "corrupt" in msg.lower():
            raise StoreError(f"{path}: the store file is damaged (truncated?); restore it from a copy, "
                             "or move it away and ingest again") from None
        raise StoreError(f"{path}: cannot open the store ({_first_line(msg)})") from None
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open the store ({_first_line(str(e))})") from None
    try:
        if read_only:
            check_version(con, path)
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query, with the result fully consumed (DuckDB 2 keeps a result open
    until it is exhausted, and refuses other work on the connection meanwhile)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    row = first_row(con, sql, params)
    return row[0] if row else None


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_migrations'")
    if not exists:
        return set()
    return {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}


def applied_version(con: duckdb.DuckDBPyConnection) -> int:
    return max(applied_versions(con), default=0)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this store lacks; returns the versions applied."""
    done = applied_versions(con)
    current = max(done, default=0)
    known = migrations()
    if current > known[-1].version:
        raise StoreError(f"the store has schema version {current}, newer than this lagebild "
                         f"understands ({known[-1].version}); upgrade lagebild")
    applied = []
    for m in known:
        # by set, not by the highest number: migrations numbered in parallel branches (a store
        # made with 006 before 005 was merged) still get the one they lack
        if m.version in done:
            continue
        con.begin()
        try:
            # created with the first migration, in its transaction: a store killed while being
            # created is either empty or at version 1, never in between
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
            con.execute(m.sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [m.version, m.name])
            con.commit()
        except duckdb.Error as e:
            con.rollback()
            raise StoreError(f"migration {m.version:03d}_{m.name} failed: {_first_line(str(e))}") from None
        applied.append(m.version)
    return applied


def check_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    done, latest = applied_versions(con), latest_version()
    current = max(done, default=0)
    if current == 0:
        raise StoreError(f"{path}: the store holds no data yet (was the ingest that created it "
                         "interrupted before its first commit?); run the ingest again")
    missing = sorted({m.version for m in migrations()} - done)
    if missing:
        raise StoreError(f"{path}: the store lacks schema migration {missing[0]:03d} (it is at {current}, "
                         f"this lagebild at {latest}); "
                         "open it once for writing (e.g. `lagebild ingest --reprocess`) to migrate it")
    if current > latest:
        raise StoreError(f"{path}: store schema version {current} is newer than this lagebild "
                         f"understands ({latest}); upgrade lagebild")


def _first_line(msg: str) -> str:
    return " ".join(msg.strip().splitlines()[0].split()) if msg.strip() else "unknown error"
