from __future__ import annotations

import pytest
from store_fakes import analyzed, event_record, party

from lagebild.errors import StoreError
from lagebild.store import open_store
from lagebild.store.minhash import MinHasher
from lagebild.store.schema import connect
from lagebild.store.writer import Writer

STORY = ("The harbour authority announced on Monday that the container terminal will close for two weeks "
         "because cranes need repairs, and shipping companies said they would reroute their vessels "
         "to the neighbouring port while the work goes on. ")


def entity(doc_id: str, text: str, start: int) -> dict:
    return {"kind": "entity", "doc_id": doc_id, "text": text, "start": start, "end": start + len(text),
            "sentence": 0, "label": "GPE", "identifier_text": None, "identifier_id": None, "code": "FRA",
            "sector": None, "resolved_by": "lexicon"}


@pytest.fixture
def writer(db):
    con = connect(db)
    yield Writer(con)
    con.close()


def stored(db) -> list[dict]:
    with open_store(db, read_only=True) as st:
        return list(st.records())


def test_commit_stores_documents_with_all_their_records(writer, db):
    a = analyzed("d1", "text one", [entity("d1", "FRA", 0),
                                    event_record("d1", ["CONSULT"], party("FRA"), party("DEU"), "2024-01-02", 1, 3.0)],
                 published="2024-01-02")
    res = writer.commit([a])
    assert [x.doc_id for x in res.stored] == ["d1"]
    writer.con.close()
    assert stored(db) == a.records


@pytest.mark.parametrize("first_url, second_url", [
    ("https://example.org/a", "https://example.org/a"),
    ("https://example.org/a", "HTTPS://EXAMPLE.ORG/a/"),
    ("https://example.org/a#", "https://example.org/a"),
    ("https://example.org/live#e1", "https://example.org/live#e1"),
])
def test_same_url_is_stored_once(writer, first_url, second_url):
    writer.commit([analyzed("d1", "first version", url=first_url)])
    res = writer.commit([analyzed("d2", "second version, edited", url=second_url)])
    assert res.stored == [] and [r for _, r in res.duplicates] == ["same URL"]


@pytest.mark.parametrize("first_url, second_url", [
    ("https://example.org/live#e1", "https://example.org/live#e2"),   # two entries of a live blog
    ("https://example.org/a#top", "https://example.org/a"),
])
def test_urls_differing_after_the_fragment_mark_are_different_documents(writer, first_url, second_url):
    writer.commit([analyzed("d1", "first entry", url=first_url)])
    res = writer.commit([analyzed("d2", "second entry", url=second_url)])
    assert [a.doc_id for a in res.stored] == ["d2"] and res.duplicates == []


def test_same_text_is_stored_once_even_within_a_batch(writer):
    res = writer.commit([analyzed("d1", "same  text"), analyzed("d2", "same text")])
    assert [a.doc_id for a in res.stored] == ["d1"]
    assert [r for _, r in res.duplicates] == ["same text"]
    assert writer.commit([analyzed("d3", "same text")]).duplicates


def test_an_id_taken_by_another_text_is_renamed_with_its_records(writer, db):
    writer.commit([analyzed("article", "one text")])
    b = analyzed("article", "another text",
                 [event_record("article", ["AID"], party("USA"), party("UKR"), "2024-03-01", 2, 5.0)])
    res = writer.commit([b])
    assert res.renamed == 1
    new_id = res.stored[0].doc_id
    assert new_id.startswith("article~")
    writer.con.close()
    recs = [r for r in stored(db) if r["doc_id"] == new_id]
    assert [r["kind"] for r in recs] == ["document", "event"]
    assert recs[1]["id"] != b.records[1]["id"]   # event ids stay unique


def test_near_duplicates_are_linked_not_dropped(writer, db):
    original = analyzed("orig", STORY * 2)
    syndicated = analyzed("copy", STORY.replace("Monday", "Tuesday") * 2 + "Reporting by a news agency.")
    unrelated = analyzed("other", "A football club from the south won the cup final after extra time "
                         "with a late goal from its youngest striker in front of a full stadium.")
    writer.commit([original])
    res = writer.commit([syndicated, unrelated])
    assert len(res.stored) == 2 and res.near_links == 1
    rows = writer.con.execute("SELECT doc_id, near_doc_id, jaccard FROM near_duplicates").fetchall()
    assert rows[0][:2] == ("copy", "orig") and 0.5 <= rows[0][2] < 1.0


def test_replace_swaps_records_and_version(writer, db):
    writer.commit([analyzed("d1", "text", [entity("d1", "FRA", 0)], version="0.0.1")])
    new = analyzed("d1", "text", [entity("d1", "FRA", 0), entity("d1", "DEU", 5)], version="0.2.0")
    writer.replace([new])
    writer.con.close()
    assert stored(db) == new.records
    with open_store(db, read_only=True) as st:
        assert st.stats()["pipeline_versions"] == {"0.2.0": 1}


def test_rolled_back_batch_leaves_nothing(writer, db, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk full")
    monkeypatch.setattr(writer, "_link_near_duplicates", boom)
    with pytest.raises(RuntimeError):
        writer.commit([analyzed("d1", "text", [entity("d1", "FRA", 0)])])
    monkeypatch.undo()
    assert writer.con.execute("SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM annotations) "
                              "+ (SELECT count(*) FROM minhash_bands)").fetchall() == [(0,)]
    assert writer.commit([analyzed("d1", "text")]).stored


def test_other_minhash_parameters_are_refused(db):
    con = connect(db)
    Writer(con)
    with pytest.raises(StoreError, match="signatures"):
        Writer(con, MinHasher(num_perm=64, bands=16))
    con.close()
