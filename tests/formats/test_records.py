"""Every record the full pipeline emits on our sample articles validates against the schema."""
from pathlib import Path

import pytest

from lagebild.formats.readers import ReadOptions, read_path
from lagebild.formats.schema import record_errors

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "data" / "samples"


@pytest.fixture(scope="module")
def records(full_pipeline):
    out = []
    for doc in read_path(SAMPLES / "demo-corpus.jsonl", ReadOptions()):
        out.extend(full_pipeline(doc).records())
    return out


def test_all_kinds_present(records):
    assert {"document", "entity", "timex", "quantity", "quote", "event"} <= {r["kind"] for r in records}


def test_every_record_validates(records):
    bad = [(r["kind"], record_errors(r)) for r in records if record_errors(r)]
    assert not bad, bad[:3]


def test_offsets_point_at_the_text(full_pipeline):
    doc = next(iter(read_path(SAMPLES / "xi-putin-telefonat.txt", ReadOptions())))
    full_pipeline(doc)
    for item in [*doc.entities, *doc.timexes, *doc.quantities, *doc.quotes]:
        assert doc.text[item.start:item.end] == item.text


def test_sample_story(full_pipeline):
    """The mission's example: the Xi-Putin call, the trade figure and the two past visits."""
    from datetime import date
    doc = next(iter(read_path(SAMPLES / "xi-putin-telefonat.txt", ReadOptions(published=date(2024, 2, 10)))))
    full_pipeline(doc)
    calls = [e for e in doc.events if e.event == ["CONSULT"] and not set(e.context) & {"negation", "hypothetical", "future"}]
    assert {(tuple(sorted(a.code for a in e.actor + e.recipient)), e.date) for e in calls} >= {
        (("CHN", "RUS"), "2024-02-09"), (("CHN", "RUS"), "2023-03"), (("CHN", "RUS"), "2023-10")}
    assert any(q.value == 2e11 and q.unit == "USD" for q in doc.quantities)
    assert {"2023-03", "2023-10"} <= {t.value for t in doc.timexes}
    assert any(q.speaker is not None and q.speaker.code == "CHN" for q in doc.quotes)


STORE_TESTS = Path(__file__).resolve().parents[1] / "store"


@pytest.mark.parametrize("text", [
    "FRA CONSULT DEU and CONSULT ITA and CONSULT ESP.",          # one type three times in one sentence
    'FRA said "yes". FRA said "yes". FRA CONSULT DEU. FRA CONSULT DEU.',
])
def test_every_record_has_a_unique_stable_id(monkeypatch, text):
    monkeypatch.syspath_prepend(str(STORE_TESTS))
    from store_fakes import make_pipeline

    from lagebild.analysis import analyze_document
    from lagebild.model import Document
    from lagebild.settings import Settings

    def records(doc_id):
        return analyze_document(Document(text=text, id=doc_id), make_pipeline(Settings()))

    first, again, other = records("a"), records("a"), records("b")
    ids = [r["id"] for r in first]
    assert all(ids) and len(set(ids)) == len(ids)
    assert ids == [r["id"] for r in again]                      # stable
    assert not set(ids) & {r["id"] for r in other}             # another document, other ids
    assert first[0]["id"] == "a"                               # a document's id is its doc_id
    assert all(record_errors(r) == [] for r in first)
