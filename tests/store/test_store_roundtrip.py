"""Property: records stored, exported (Parquet) and re-imported come back unchanged."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_fakes import analyzed

from lagebild.store import open_store
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.shards import write_shard
from lagebild.store.writer import Writer

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
maybe_text = st.none() | text
number = st.none() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False, allow_infinity=False)
json_value = st.recursive(st.none() | st.booleans() | number | text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                          max_leaves=6)
span = st.integers(0, 10_000)
code = st.none() | st.sampled_from(["CHN", "RUS", "USA", "NATO", "DEU"])
entity_obj = st.fixed_dictionaries({
    "entity_text": text, "start": st.none() | span, "end": st.none() | span, "code": code,
    "sector": st.none() | st.sampled_from(["GOV", "MIL", "REB"]), "identifier_text": maybe_text,
    "identifier_id": maybe_text})
date_str = st.none() | st.dates().map(lambda d: d.isoformat()) | text


def record(kind: str, extra: dict) -> st.SearchStrategy:
    return st.fixed_dictionaries({"kind": st.just(kind), "text": maybe_text, "start": span, "end": span,
                                  "sentence": st.integers(-1, 50), **extra})


RECORDS = st.one_of(
    record("entity", {"label": st.sampled_from(["PER", "ORG", "GPE"]), "code": code, "sector": maybe_text,
                      "identifier_text": maybe_text, "identifier_id": maybe_text, "resolved_by": text}),
    record("timex", {"type": st.sampled_from(["date", "duration"]), "value": maybe_text}),
    record("quantity", {"value": number, "unit": maybe_text, "counts": maybe_text}),
    record("quote", {"form": st.sampled_from(["direct", "indirect"]), "cue": st.none() | st.fixed_dictionaries(
        {"text": text, "start": span, "end": span}), "speaker": st.none() | entity_obj,
        "addressee": st.none() | entity_obj}),
    st.fixed_dictionaries({
        "kind": st.just("event"), "id": st.text("0123456789abcdef", min_size=16, max_size=16),
        "date": date_str, "event": st.lists(st.sampled_from(["CONSULT", "ACCUSE", "AID", "ASSAULT"]), max_size=2),
        "mode": maybe_text, "context": st.lists(text, max_size=2), "actor": st.lists(entity_obj, max_size=2),
        "recipient": st.lists(entity_obj, max_size=2), "event_text": text,
        "text_info": st.fixed_dictionaries({"sequence": st.integers(0, 50), "start": span, "end": span}),
        "quad_code": st.none() | st.integers(1, 4), "event_scale": number, "cameo": maybe_text,
        "goldstein": number, "confidence": number, "reported_by": st.none() | entity_obj,
        "mentions": st.lists(json_value, max_size=2), "source": maybe_text, "published": date_str}),
    st.fixed_dictionaries({"kind": st.just("future_kind"), "payload": json_value}),
)

DOCS = st.lists(st.tuples(text, st.lists(RECORDS, max_size=6), st.none() | st.dates(), maybe_text),
                min_size=1, max_size=5)


def build(docs) -> list:
    out = []
    for i, (body, recs, published, source) in enumerate(docs):
        doc_id = f"doc{i}"
        out.append(analyzed(doc_id, f"{i}: {body}", [dict(r, doc_id=doc_id) for r in recs],
                            published=published.isoformat() if published else None, source=source,
                            url=f"https://example.org/{i}" if i % 2 else None))
    return out


def records_of(path: Path) -> list[dict]:
    with open_store(path, read_only=True) as s:
        return list(s.records())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_store_export_import_round_trips_records(docs):
    batch = build(docs)
    expected = [r for a in batch for r in a.records]
    with tempfile.TemporaryDirectory() as tmp:
        out, jsonl = Path(tmp) / "export", Path(tmp) / "all.jsonl"
        with open_store(Path(tmp) / "a.duckdb") as s:
            Writer(s.con).commit(batch)
            assert list(s.records()) == expected
            assert s.export("parquet", out) == len(batch)
            s.export("jsonl", jsonl)
        # split on \n only: U+0085 and U+2028 inside JSON strings are not line ends in JSON Lines
        assert [json.loads(x) for x in jsonl.read_text(encoding="utf-8").rstrip("\n").split("\n")] == expected
        with open_store(Path(tmp) / "b.duckdb") as s:
            assert s.import_shards([out]).stored == len(batch)
            assert list(s.records()) == expected


def test_worker_results_written_as_shards_load_like_an_ingest(tmp_path):
    from lagebild.model import Document
    analyze = AnalysisJob(pipeline="store_fakes:make_pipeline").build()
    results = [analyze(Document(text=f"FRA CONSULT DEU, round {i}. \"Fine\", said DEU.", id=f"n{i}"))
               for i in range(7)]
    write_shard(results[:4], tmp_path / "shards" / "part-0")
    write_shard(results[3:], tmp_path / "shards" / "part-1")    # one document in both shards
    with open_store(tmp_path / "s.duckdb") as s:
        summary = s.import_shards([tmp_path / "shards"])
    assert (summary.stored, summary.n_duplicates) == (7, 1)
    assert records_of(tmp_path / "s.duckdb") == [r for a in results for r in a.records]
    with open_store(tmp_path / "s.duckdb") as s:     # loading again is idempotent
        assert s.import_shards([tmp_path / "shards"]).stored == 0


def test_partial_event_dates_keep_their_month():
    from datetime import date

    from lagebild.store.rows import event_day
    assert event_day("2023-03") == date(2023, 3, 1)
    assert event_day("2023") == date(2023, 1, 1)
    assert event_day("2024-02-09") == date(2024, 2, 9)
    assert event_day(None) is None and event_day("März") is None
