"""Queries over a Parquet dataset answer as the same data in a DuckDB store does."""
import json
from datetime import date
from pathlib import Path

import pytest

import lagebild
from lagebild.cli.main import main
from lagebild.errors import QueryError, StoreError
from lagebild.scale.cluster import ClusterOptions, ingest_cluster
from lagebild.scale.dataset import META, read_meta, write_meta
from lagebild.scale.load import load
from lagebild.store.ingest import IngestOptions, ingest


def run(*argv: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    return exc.value.code


@pytest.fixture
def stores(tmp_path, corpus, fake_job):
    """The same corpus as a dataset (inline engine), a store ingested on one machine, and the
    dataset loaded into a store."""
    ds, single, loaded = tmp_path / "ds", tmp_path / "single.duckdb", tmp_path / "loaded.duckdb"
    ingest_cluster(corpus, ds, ClusterOptions("inline", partition_size=7, job=fake_job))
    ingest(single, corpus, IngestOptions(workers=0, job=fake_job))
    load(ds, loaded)
    return ds, single, loaded


QUERIES = [
    ("events", lambda s: s.events()),
    ("events of one actor", lambda s: s.events(actor="FRA", since=date(2024, 2, 1))),
    ("events by type and source", lambda s: s.events(type="ACCUSE", source="B")),
    ("quotes", lambda s: s.quotes()),
    ("dyad by month", lambda s: s.dyad("FRA", "DEU")),
    ("dyad by prefix, directed", lambda s: s.dyad("FRAGOV", "DEU", by="week", directed=True)),
    ("clusters", lambda s: s.clusters()),
    ("clusters of two articles", lambda s: s.clusters(min_articles=2, window_days=30)),
    ("entities", lambda s: s.sql("SELECT doc_id, seq, text, code FROM entities ORDER BY doc_id, seq")),
    ("timexes and quantities", lambda s: s.sql("SELECT (SELECT count(*) FROM timexes), (SELECT count(*) FROM quantities)")),
    ("near duplicates", lambda s: s.sql("SELECT doc_id, near_doc_id, jaccard FROM near_duplicates ORDER BY 1, 2")),
    ("documents", lambda s: s.sql("SELECT doc_id, content_hash, url, published, source, title FROM documents ORDER BY doc_id")),
    ("records", lambda s: list(s.records())),
    ("event records", lambda s: list(s.event_records(actor="DEU"))),
]


@pytest.mark.parametrize("name,query", QUERIES, ids=[q[0] for q in QUERIES])
def test_dataset_answers_as_a_store(stores, name, query):
    ds, single, loaded = stores
    with lagebild.open(str(ds)) as d, lagebild.open(str(single), read_only=True) as s, \
            lagebild.open(str(loaded), read_only=True) as l_:
        got, want, back = query(d), query(s), query(l_)
    as_list = lambda x: x if isinstance(x, list) else x.to_pylist()  # noqa: E731
    assert as_list(got) == as_list(want)
    assert as_list(back) == as_list(want)


def test_every_document_once_and_duplicates_dropped(stores):
    ds, single, _ = stores
    with lagebild.open(str(ds)) as d:
        ids = d.sql("SELECT doc_id FROM documents").column("doc_id").to_pylist()
        hashes = d.sql("SELECT content_hash FROM documents").column("content_hash").to_pylist()
    assert len(ids) == len(set(ids)) and len(hashes) == len(set(hashes))
    assert "again-text" not in ids and "again-url" not in ids and "bad" not in ids
    assert any(i.startswith("doc5~") for i in ids)            # the taken id, renamed as the store does
    assert read_meta(ds)["state"] == "final"


CLI = [
    ["events", "--format", "jsonl"],
    ["events", "--actor", "DEU", "--format", "csv"],
    ["quotes", "--speaker", "FRA", "--format", "jsonl"],
    ["dyad", "FRA", "DEU", "--format", "csv"],
    ["clusters", "--format", "jsonl"],
    ["sql", "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1", "--format", "csv"],
    ["compare", "--format", "jsonl"],
]


@pytest.mark.parametrize("args", CLI, ids=[" ".join(a[:2]) for a in CLI])
def test_query_commands_print_the_same(stores, args, capsys):
    ds, single, loaded = stores
    outs = []
    for db in (ds, single, loaded):
        assert run(*args, "--db", str(db)) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] == outs[2] and outs[0]


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "csv", "jsonl"])
def test_exports_are_the_same(stores, fmt, tmp_path):
    ds, single, _ = stores
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    for db, out in ((ds, a), (single, b)):
        assert run("export", str(out), "--format", fmt, "--db", str(db)) == 0
    assert a.read_text() == b.read_text() and a.read_text()


def test_parquet_export_of_a_dataset_reimports(stores, tmp_path):
    ds, single, _ = stores
    assert run("export", str(tmp_path / "exp"), "--format", "parquet", "--db", str(ds)) == 0
    assert run("import", str(tmp_path / "exp"), "--db", str(tmp_path / "re.duckdb")) == 0
    with lagebild.open(str(tmp_path / "re.duckdb"), read_only=True) as r, lagebild.open(str(single), read_only=True) as s:
        assert list(r.records()) == list(s.records())


@pytest.mark.parametrize("query", ["COPY (SELECT 1) TO 'x.csv'", "CREATE TABLE t AS SELECT 1",
                                   "SELECT * FROM read_csv('/etc/hostname')"])
def test_sql_on_a_dataset_only_reads_the_dataset(stores, query):
    ds = stores[0]
    with lagebild.open(str(ds)) as d:
        d.sql("SELECT count(*) FROM events")
    from lagebild.store import open_store
    with open_store(ds, sealed=True) as d, pytest.raises(QueryError):
        d.sql(query)


def test_a_dataset_being_written_is_refused(stores):
    ds = stores[0]
    meta = read_meta(ds)
    write_meta(ds, dict(meta, state="writing"))
    with pytest.raises(StoreError, match="still being written"):
        lagebild.open(str(ds))


@pytest.mark.parametrize("method", ["optimize", "import_shards"])
def test_a_dataset_is_read_only(stores, method):
    with lagebild.open(str(stores[0])) as d, pytest.raises(StoreError, match="read-only"):
        getattr(d, method)(*([] if method == "optimize" else [["x"]]))


def test_stats_of_a_dataset(stores, capsys):
    assert run("stats", "--db", str(stores[0])) == 0
    stats = json.loads(capsys.readouterr().out)
    with lagebild.open(str(stores[1]), read_only=True) as s:
        want = s.stats()
    for k in ("documents", "events", "quotes", "annotations", "near_duplicate_links"):
        assert stats[k] == want[k]


def test_not_a_dataset(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(StoreError, match="not a lagebild dataset"):
        lagebild.open(str(tmp_path / "d"))
    assert not (tmp_path / "d" / META).exists()


def test_a_dataset_written_before_a_column_was_added_reads_it_as_null(stores, monkeypatch, corpus, fake_job):
    import pyarrow as pa

    from lagebild.store import rows
    ds = stores[0]
    # a later lagebild whose events have one column more: the new run marks the table as mixed
    wider = rows.EVENTS.append(pa.field("extra", pa.string()))
    monkeypatch.setitem(rows.RECORD_TABLES, "events", wider)
    ingest_cluster(corpus[:1], ds, ClusterOptions("inline", partition_size=1000, job=fake_job))
    assert read_meta(ds)["mixed_schemas"] == ["events"]
    with lagebild.open(str(ds)) as d:
        assert d.sql("SELECT count(*) AS n FROM events WHERE extra IS NULL").column("n")[0].as_py() > 0
