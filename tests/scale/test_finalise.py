from pathlib import Path

import pytest

from lagebild.errors import StoreError
from lagebild.scale.cluster import ClusterOptions, ingest_cluster
from lagebild.scale.dataset import tables, write_group
from lagebild.scale.finalise import finalise


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "_lagebild.json"}


@pytest.fixture
def dataset(tmp_path, corpus, fake_job) -> Path:
    root = tmp_path / "ds"
    ingest_cluster(corpus, root, ClusterOptions("inline", partition_size=9, job=fake_job))
    return root


def test_finalising_again_changes_nothing(dataset):
    before = _snapshot(dataset)
    report = finalise(dataset)
    assert _snapshot(dataset) == before
    assert report.duplicates == {} and report.groups_rewritten == 0 and report.near_duplicate_links == 1


def test_files_of_an_unfinished_task_are_removed(dataset, fake_job):
    from store.store_fakes import analyzed
    before = _snapshot(dataset)
    # a task killed after writing a group but before its manifest, and a half-written temp file
    write_group(dataset, "2024-01", [(999, analyzed("orphan", "FRA AID DEU orphan text."))])
    (dataset / "events" / "month=2024-01" / ".part-x.parquet.0123.tmp").write_bytes(b"half")
    report = finalise(dataset)
    assert report.orphans_removed == len(tables()) + 1     # one file per table, and the temp file
    assert _snapshot(dataset) == before


def test_a_missing_file_is_reported(dataset):
    next(dataset.glob("events/*/part-*.parquet")).unlink()
    with pytest.raises(StoreError, match="manifest names this file"):
        finalise(dataset)


def test_a_second_run_adds_and_deduplicates(dataset, tmp_path, fake_job):
    extra = tmp_path / "more.jsonl"
    first_doc = next((tmp_path / "in").glob("a.jsonl")).read_text().splitlines()[0]
    extra.write_text(first_doc + "\n" + '{"id": "new", "text": "JPN AID POL new text here."}\n', encoding="utf-8")
    s = ingest_cluster([str(extra)], dataset, ClusterOptions("inline", job=fake_job))
    assert s.finalise.duplicates == {"same text": 1}
    import lagebild
    with lagebild.open(str(dataset)) as d:
        ids = d.sql("SELECT doc_id FROM documents").column("doc_id").to_pylist()
    assert "new" in ids and len(ids) == len(set(ids)) == 67


def test_a_rerun_skips_what_is_done(dataset, corpus, fake_job):
    before = _snapshot(dataset)
    s = ingest_cluster(corpus, dataset, ClusterOptions("inline", partition_size=9, job=fake_job))
    assert s.partitions == s.partitions_done_before > 0 and s.read == 0
    assert _snapshot(dataset) == before
