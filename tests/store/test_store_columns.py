"""The record tables' rows built column by column in the workers (issue 14) are the rows the
writer built itself before: the same names, values, types and order."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_fakes import analyzed, event_record, party

from lagebild.store import open_store
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.ingest import IngestOptions, ingest
from lagebild.store.rowdata import COLUMNS, batch_columns, document_columns, record_rows
from lagebild.store.rows import COLUMN_TABLES, columns_table, to_table

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "data" / "samples"
TABLES = sorted(COLUMN_TABLES)
STORE_TABLES = ("documents", "events", "quotes", "annotations", "event_locations", "dyad_index", "minhash_bands",
                "near_duplicates", "skipped")


@pytest.mark.parametrize("table", TABLES)
def test_column_names_are_the_schemas(table):
    # rowdata.py must not import pyarrow (forked workers), so it names the columns itself
    assert COLUMNS[table] == tuple(COLUMN_TABLES[table].names)


def located_event(doc_id: str) -> dict:
    e = event_record(doc_id, ["CONSULT"], party("FRA"), party("DEU"), "2024-01", 1, 3.0)
    e["location"] = {"resolved_place": "Paris", "extracted_place": "Paris", "country_code": "FR",
                     "geonameid": 2988507, "lat": 48.85, "lon": 2.35, "resolution": 3}
    return e


def fake_batch() -> list:
    entity = {"kind": "entity", "doc_id": "d1", "text": "FRA", "start": 0, "end": 3, "sentence": 0,
              "label": "GPE", "code": "FRA"}
    quote = {"kind": "quote", "doc_id": "d2", "text": "we agree", "start": 5, "end": 13, "sentence": 0,
             "form": "direct", "speaker": {"entity_text": "FRA", "code": "FRA", "sector": "GOV"}}
    return [analyzed("d1", "one", [entity, located_event("d1")], published="2024-01-02"),
            analyzed("d2", "two", [quote, event_record("d2", ["ACCUSE"], party("CHN"), None, None, 3, -4.0)]),
            analyzed("d3", "three", [])]


@pytest.fixture(scope="module")
def sample_batch(full_pipeline):
    """The bundled demo articles through the real pipeline."""
    from lagebild.formats.readers import ReadOptions, iter_inputs
    from lagebild.store.analyzed import Analyze
    from lagebild.store.minhash import MinHasher
    run = Analyze(full_pipeline, MinHasher(), "test")
    docs = list(iter_inputs([str(SAMPLES / "demo-corpus.jsonl")], ReadOptions()))
    return [run(d) for d in docs]


@pytest.mark.parametrize("source", ["fake", "samples"])
@pytest.mark.parametrize("precomputed", [False, True, "mixed"])
def test_columns_give_the_tables_of_the_rows(request, source, precomputed):
    batch = fake_batch() if source == "fake" else request.getfixturevalue("sample_batch")
    expected = {name: to_table(rows, COLUMN_TABLES[name]) for name, rows in record_rows(batch).items()}
    batch = [replace(a, columns=document_columns(a) if precomputed is True or (precomputed and i % 2) else None)
             for i, a in enumerate(batch)]
    cols = batch_columns(batch)
    for name, schema in COLUMN_TABLES.items():
        assert columns_table(cols[name], schema).equals(expected[name]), name
    assert any(len(t) for t in expected.values())


def test_a_renamed_result_drops_its_columns():
    a = replace(fake_batch()[0], columns=None)
    a.columns = document_columns(a)
    b = a.renamed("d1-new")
    assert b.columns is None
    assert set(batch_columns([b])["events"]["doc_id"]) == {"d1-new"}


def test_forked_workers_store_the_same_tables_as_inline(tmp_path):
    """Every table, every column: the workers' columns against the writer's own rows."""
    lines = [{"id": f"a{i}", "text": t, "published": "2024-03-01", "url": f"https://example.org/{i}"}
             for i, t in enumerate(["FRA CONSULT DEU about trade.", "CHN/GOV ACCUSE USA.",
                                    'FRA said "we agree". DEU REJECT FRA.', "Nothing happens here.",
                                    "FAILME", "USA/MIL THREATEN IRN. IRN PROTEST USA."] * 3)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    job = AnalysisJob(pipeline="store_fakes:make_pipeline")
    stores = {}
    for workers in (0, 2):
        db = tmp_path / f"w{workers}.duckdb"
        ingest(db, [str(src)], IngestOptions(workers=workers, job=job, batch_size=4))
        with open_store(db, read_only=True) as st:
            stores[workers] = {t: st.con.execute(f"SELECT {columns(t)} FROM {t} ORDER BY ALL").fetchall()
                               for t in STORE_TABLES}
    assert stores[0] == stores[2]
    assert stores[0]["events"] and stores[0]["dyad_index"] and stores[0]["quotes"]


def columns(table: str) -> str:
    """All but the columns that differ between any two runs (times)."""
    times = {"documents": "ingested_at, analyzed_at", "skipped": "skipped_at"}.get(table)
    return f"* EXCLUDE ({times})" if times else "*"


@pytest.mark.parametrize("bands_from", ["none", "same hasher", "other hasher"])
def test_minhash_bands_from_a_worker_count_only_under_the_writers_hasher(db, bands_from):
    from lagebild.store.minhash import MinHasher
    from lagebild.store.schema import connect
    from lagebild.store.writer import Writer
    hasher = MinHasher()
    a = analyzed("d1", "the harbour closes for two weeks because the cranes need repairs", [])
    a = replace(a, minhash=hasher.signature(a.text))
    if bands_from == "same hasher":
        a.bands = (hasher.params, hasher.buckets(a.minhash))
    elif bands_from == "other hasher":
        a.bands = ("minhash:other", [0] * hasher.bands)
    con = connect(db)
    Writer(con, hasher).commit([a])
    stored = [b for (b,) in con.execute("SELECT bucket FROM minhash_bands ORDER BY band").fetchall()]
    con.close()
    assert stored == hasher.buckets(a.minhash)
