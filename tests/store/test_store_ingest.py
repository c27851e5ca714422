from __future__ import annotations

import gzip
import io
from dataclasses import replace

import pytest
from store_fakes import write_jsonl

from lagebild.errors import InputError
from lagebild.formats.readers import FieldMap, ReadOptions
from lagebild.store import open_store
from lagebild.store.ingest import IngestOptions, ingest, reason_class, version_key


def article(i: int, **kw) -> dict:
    return {"text": f"Report {i}. FRA CONSULT DEU on trade number {i}. CHN/GOV ACCUSE USA of tariffs. "
                    f'FRA said "we agree on point {i}".',
            "published": f"2024-0{1 + i % 3}-1{i % 9}", "url": f"https://example.org/{i}",
            "source": "Agency A" if i % 2 else "Agency B", **kw}


@pytest.fixture
def opts(fake_job) -> IngestOptions:
    return IngestOptions(workers=0, job=fake_job, batch_size=4)


def counts(db) -> dict:
    with open_store(db, read_only=True) as st:
        return {k: v for k, v in st.stats().items() if k in ("documents", "events", "quotes", "annotations")}


def test_jsonl_with_bad_lines_is_ingested_and_every_problem_counted(tmp_path, db, opts):
    rows = [article(i) for i in range(10)] + [
        "{not json", {"title": "no text here"}, {"text": "FAILME please"}, {"text": "CRASHME now"},
        article(3), dict(article(4), url="https://mirror.example.net/4"), [1, 2]]
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    s = ingest(db, [str(src)], opts)
    assert (s.read, s.stored, s.n_duplicates, s.n_skipped, s.n_errors) == (17, 10, 2, 3, 2)
    assert s.skipped == {"invalid JSON": 1, "record has no 'text' text": 1, "record is not a JSON object": 1}
    assert s.errors == {"text is in no supported language": 1, "internal error": 1}
    assert {(p.source, p.line) for _, p in s.examples} >= {(str(src), 11), (str(src), 13)}
    assert s.batches == 3
    assert counts(db) == {"documents": 10, "events": 20, "quotes": 10, "annotations": 50}


def test_ingesting_again_stores_nothing_new(tmp_path, db, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(6)])
    ingest(db, [str(src)], opts)
    again = ingest(db, [str(src)], opts)
    assert again.stored == 0 and again.duplicates == {"same text": 6}
    assert counts(db)["documents"] == 6


def test_strict_stops_at_the_first_bad_input_and_keeps_what_was_committed(tmp_path, db, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(70)] + ["{bad"] + [article(99)])
    with pytest.raises(InputError, match=r"in.jsonl:71: invalid JSON.*--strict"):
        ingest(db, [str(src)], replace(opts, strict=True))
    assert counts(db)["documents"] == 64     # batches committed before the bad line was read


def test_directory_of_mixed_files_with_broken_ones(tmp_path, db, opts):
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("FRA CONSULT DEU.", encoding="utf-8")
    (d / "sub" / "b.json").write_text('{"text": "USA AID UKR.", "published": "2024-05-01"}', encoding="utf-8")
    (d / "c.html").write_text("<html><body><article><p>" + "DEU SANCTION RUS over the war. " * 20 +
                              "</p></article></body></html>", encoding="utf-8")
    (d / "latin1.txt").write_bytes("Stra\xdfe FRA AID DEU".encode("latin-1"))
    (d / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (d / "empty.txt").write_text("   ", encoding="utf-8")
    (d / "broken.json").write_text("{", encoding="utf-8")
    with gzip.open(d / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write('{"text": "CHN COERCE TWN."}\n')
    s = ingest(db, [str(d)], opts)
    assert s.stored == 5          # the Latin-1 file is decoded, with a warning
    assert s.n_skipped == 3
    assert {"looks like a binary file", "no text to analyse", "invalid JSON"} == set(s.skipped)


def test_csv_without_header_with_column_names_and_quote_char(tmp_path, db, opts):
    src = tmp_path / "articles.csv"
    src.write_text("Politik;'FRA CONSULT DEU; then ''all'' agreed.'\nSport;'USA AID UKR.'\n", encoding="utf-8")
    read = ReadOptions(delimiter=";", quotechar="'", columns=("label", "text"), source="CSV corpus")
    s = ingest(db, [str(src)], replace(opts, read=read))
    assert s.stored == 2
    with open_store(db, read_only=True) as st:
        texts = [r["text"] for r in st.sql("SELECT text FROM documents ORDER BY seq").to_pylist()]
        assert texts[0] == "FRA CONSULT DEU; then 'all' agreed."
        assert st.sql("SELECT DISTINCT source FROM documents").to_pylist() == [{"source": "CSV corpus"}]


def test_configurable_field_names(tmp_path, db, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [{"body_text": "FRA AID DEU.", "when": "2024-02-03", "link": "u1"}])
    fields = FieldMap(text="body_text", published="when", url="link")
    s = ingest(db, [str(src)], replace(opts, read=ReadOptions(fields=fields)))
    assert s.stored == 1
    with open_store(db, read_only=True) as st:
        assert st.sql("SELECT published::VARCHAR AS p, url FROM documents").to_pylist() == [{"p": "2024-02-03", "url": "u1"}]


def test_oversized_document_is_truncated_with_a_warning(tmp_path, db, opts):
    big = "FRA CONSULT DEU. " + "word " * 5000
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": big}])
    s = ingest(db, [str(src)], replace(opts, read=ReadOptions(max_chars=1000)))
    assert (s.stored, s.truncated) == (1, 1)
    with open_store(db, read_only=True) as st:
        row = st.sql("SELECT chars, warnings FROM documents").to_pylist()[0]
    assert row["chars"] == 1000 and "truncated" in row["warnings"][0]


def test_warc_pages_are_read_and_a_broken_tail_is_skipped(tmp_path, db, opts):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, body in enumerate(["FRA CONSULT DEU about fishing quotas. " * 15, "USA AID UKR with winter fuel. " * 15]):
        html = f"<html><head><title>T{i}</title></head><body><article><p>{body}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://news.example/{i}", "response",
                                            payload=io.BytesIO(html.encode()), http_headers=headers))
    (tmp_path / "pages.warc.gz").write_bytes(buf.getvalue() + b"\x1f\x8b\x08garbage")
    s = ingest(db, [str(tmp_path / "pages.warc.gz")], opts)
    assert s.stored == 2 and s.n_skipped == 1
    with open_store(db, read_only=True) as st:
        assert st.sql("SELECT count(DISTINCT doc_id) AS n FROM events").to_pylist() == [{"n": 2}]


def test_reprocess_reanalyses_documents_of_older_pipeline_versions(tmp_path, db, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(5)])
    ingest(db, [str(src)], opts)
    with open_store(db) as st:
        st.sql("UPDATE documents SET pipeline_version = '0.0.9' WHERE seq <= 3")
        st.sql("DELETE FROM events")
    s = ingest(db, [], replace(opts, reprocess=True))
    assert s.reprocessed == 3 and s.stored == 0
    with open_store(db, read_only=True) as st:
        assert st.stats()["pipeline_versions"] == {"0.1.0": 5}
        assert st.sql("SELECT count(*) AS n FROM events").to_pylist() == [{"n": 6}]   # 2 per reprocessed doc


def test_limit_and_progress_total(tmp_path, db, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(12)])
    seen = []

    def progress(items, total):
        seen.append(total)
        yield from items
    s = ingest(db, [str(src)], replace(opts, limit=7), progress=progress)
    assert s.stored == 7 and seen == [7]


def test_two_worker_processes_store_the_same_as_inline(tmp_path, opts):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(40)] + ["{bad"])
    inline, pooled = tmp_path / "inline.duckdb", tmp_path / "pooled.duckdb"
    ingest(inline, [str(src)], opts)
    s = ingest(pooled, [str(src)], replace(opts, workers=2))
    assert (s.stored, s.n_skipped) == (40, 1)

    def records(path):
        with open_store(path, read_only=True) as st:
            return sorted(map(str, st.records()))
    assert records(inline) == records(pooled)


@pytest.mark.parametrize("reason, cls", [
    ("invalid JSON (Expecting value)", "invalid JSON"),
    ("not valid UTF-8 (byte 3); convert it first", "not valid UTF-8"),
    ("internal error: KeyError: 'x'", "internal error"),
])
def test_reason_classes(reason, cls):
    assert reason_class(reason) == cls


@pytest.mark.parametrize("older, newer", [("0.1.0", "0.2.0"), ("0.9.3", "0.10.1"), ("1.0rc1", "1.0")])
def test_version_order(older, newer):
    assert version_key(older) < version_key(newer)


def test_live_blog_entries_of_one_page_are_two_documents(tmp_path, db, opts):
    # A live blog gives every entry the page's URL with its own anchor: they are not duplicates.
    page = "https://example.org/liveblog-100.html"
    rows = [dict(article(1), url=f"{page}#entry-1"), dict(article(2), url=f"{page}#entry-2"),
            dict(article(3), url=f"{page}#entry-1")]   # the same entry again: a duplicate
    s = ingest(db, [str(write_jsonl(tmp_path / "in.jsonl", rows))], opts)
    assert s.stored == 2 and s.duplicates == {"same URL": 1}
    with open_store(db, read_only=True) as st:
        urls = {r[0] for r in st.rows("SELECT url FROM documents")}
    assert urls == {f"{page}#entry-1", f"{page}#entry-2"}
