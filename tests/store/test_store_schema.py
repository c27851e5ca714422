from __future__ import annotations

import duckdb
from hypothesis import given
from hypothesis import strategies as st
import pytest

from lagebild.errors import QueryError, StoreError
from lagebild.store import open_store
from lagebild.store import schema
from lagebild.store.schema import Migration, connect, latest_version, migrations


def test_migrations_are_numbered_in_order():
    ms = migrations()
    versions = [m.version for m in ms]
    # numbers are handed out to parallel branches, so one may be missing until its branch lands
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert ms[0].name == "initial"


@pytest.mark.parametrize("missing", [4, 6])
def test_a_migration_numbered_below_the_latest_is_applied_when_it_arrives(db, monkeypatch, missing):
    """A store made by a branch that had 006 but not yet 005 gets 005 once it lands (by set of
    applied versions, not by the highest), and a read-only open asks for it until then."""
    full = migrations()
    monkeypatch.setattr(schema, "migrations", lambda: [m for m in full if m.version != missing])
    connect(db).close()
    monkeypatch.undo()
    with pytest.raises(StoreError, match=f"lacks schema migration {missing:03d}"):
        connect(db, read_only=True)
    con = connect(db)
    assert schema.applied_versions(con) == {m.version for m in full}
    con.close()
    connect(db, read_only=True).close()


def test_fresh_store_is_migrated_once(db):
    con = connect(db)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "quotes", "annotations", "near_duplicates", "minhash_bands",
            "schema_migrations", "entities", "timexes", "quantities"} <= tables
    con.close()
    con = connect(db)   # reopening applies nothing again
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall() == [(len(migrations()),)]
    con.close()


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="lagebild ingest"):
        open_store(tmp_path / "nothing.duckdb", read_only=True)


def test_newer_schema_is_refused(db):
    connect(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        connect(db)
    with pytest.raises(StoreError, match="newer"):
        connect(db, read_only=True)


def test_a_failing_migration_leaves_the_previous_version(db, monkeypatch):
    connect(db).close()
    broken = migrations() + [Migration(latest_version() + 1, "broken",
                                       "CREATE TABLE half_done(x INT); SELECT * FROM no_such_table;")]
    monkeypatch.setattr(schema, "migrations", lambda: broken)
    with pytest.raises(StoreError, match="broken"):
        connect(db)
    monkeypatch.undo()
    con = connect(db)
    assert schema.applied_version(con) == latest_version()
    assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'half_done'"
                       ).fetchall() == [(0,)]
    con.close()


def test_a_pending_migration_blocks_read_only_opening(db, monkeypatch):
    connect(db).close()
    more = migrations() + [Migration(latest_version() + 1, "extra", "CREATE TABLE extra(x INT);")]
    monkeypatch.setattr(schema, "migrations", lambda: more)
    with pytest.raises(StoreError, match="open it once for writing"):
        connect(db, read_only=True)


@pytest.mark.parametrize("query, message", [
    ("DELETE FROM events", "read-only"),
    ("CREATE TABLE x (a INT)", "read-only"),
    ("COPY events TO 'x.csv'", "cannot read or write files"),
    ("SELECT * FROM read_csv('/etc/hostname')", "cannot read or write files"),
    ("ATTACH 'other.duckdb'", "cannot read or write files"),
    ("SET enable_external_access = true", "locked"),
])
def test_sealed_store_rejects_writes_and_file_access(db, query, message):
    connect(db).close()
    with open_store(db, sealed=True) as st:
        with pytest.raises(QueryError, match=message):
            st.sql(query)
        assert st.sql("SELECT count(*) AS n FROM documents").to_pylist() == [{"n": 0}]


def test_migration_002_fills_pair_keys_as_python_computes_them(db, monkeypatch):
    from lagebild.store.rows import pair_key
    first = migrations()[:1]
    monkeypatch.setattr(schema, "migrations", lambda: first)
    con = connect(db)
    con.execute("INSERT INTO events (doc_id, seq, event_id, actor_code, recipient_code, data) VALUES "
                "('d', 1, 'e1', 'RUS', 'CHN', '{}'), ('d', 2, 'e2', 'CHN', 'RUS', '{}'), "
                "('d', 3, 'e3', 'CHN', NULL, '{}'), ('d', 4, 'e4', 'DEU', 'DEU', '{}')")
    con.close()
    monkeypatch.undo()
    con = connect(db)
    keys = [r[0] for r in con.execute("SELECT pair_key FROM events ORDER BY seq").fetchall()]
    con.close()
    assert keys == [pair_key("CHN", "RUS"), pair_key("RUS", "CHN"), None, pair_key("DEU", "DEU")]
    assert keys[0] == keys[1] and keys[0] is not None


@pytest.mark.parametrize("url, key", [
    ("HTTPS://Example.ORG/a/", "https://example.org/a"),
    ("https://example.org/live#e1", "https://example.org/live#e1"),
    ("https://example.org/live#", "https://example.org/live"),
    ("  ", None),
])
def test_url_key_keeps_the_fragment(url, key):
    from lagebild.store.rows import url_key
    assert url_key(url) == key


@given(st.text(alphabet="abc/#:.", max_size=20), st.text(alphabet="xyz", min_size=1, max_size=5))
def test_url_keys_differ_when_fragments_differ(base, frag):
    from lagebild.store.rows import url_key
    u = "https://h.org/" + base.replace("#", "")
    assert url_key(u + "#" + frag) != url_key(u + "#" + frag + "0")
