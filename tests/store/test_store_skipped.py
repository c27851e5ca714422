"""Skipped input is stored with its reason (migration 006, issue 15), not only counted."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from store_fakes import write_jsonl

from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.store.ingest import IngestOptions, ingest
from lagebild.store.rows import skip_id

GOOD = "FRA CONSULT DEU on trade. CHN/GOV ACCUSE USA."


def inputs(tmp_path):
    """A text file, an undecodable one, and JSON Lines with a bad line, a refused document and
    one that runs past the time budget."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    write_jsonl(folder / "more.jsonl", [{"id": "a", "text": "POL AID DEU."}, "{not json",
                                         {"id": "refused", "text": "FAILME please"},
                                         {"id": "slow", "text": "SLOWME FRA AID DEU."}])
    return folder


def skipped_rows(db) -> list[dict]:
    with open_store(db, read_only=True) as st:
        return sorted(st.skipped().to_pylist(), key=lambda r: r["origin"])


@pytest.fixture
def opts(fake_job) -> IngestOptions:
    job = replace(fake_job, settings=Settings(time_budget=0.5))
    return IngestOptions(workers=0, job=job, batch_size=2)


@pytest.mark.parametrize("workers", [0, 1])
def test_every_skipped_item_is_stored_with_its_stage_and_reason(tmp_path, db, opts, workers):
    folder = inputs(tmp_path)
    s = ingest(db, [str(folder)], replace(opts, workers=workers))
    assert (s.stored, s.n_skipped, s.n_errors) == (2, 2, 2)
    rows = skipped_rows(db)
    got = {(r["origin"].replace(str(folder), ""), r["doc_id"], r["stage"]) for r in rows}
    assert got == {("/binary.txt", None, "read"), ("/more.jsonl:2", None, "read"),
                   ("/more.jsonl:3", "refused", "analysis"), ("/more.jsonl:4", "slow", "analysis")}
    by_doc = {r["doc_id"]: r for r in rows}
    assert "time budget" in by_doc["slow"]["reason"] and by_doc["slow"]["reason_class"]
    assert "no supported language" in by_doc["refused"]["reason"]
    assert all(r["skip_id"] == skip_id(r["origin"]) and r["pipeline_version"] and r["skipped_at"] for r in rows)
    with open_store(db, read_only=True) as st:
        stats = st.stats()
    assert stats["skipped"] == 4 and sum(stats["skipped_reasons"].values()) == 4


def test_a_second_run_replaces_skips_and_a_stored_item_loses_its_skip(tmp_path, db, opts):
    folder = inputs(tmp_path)
    ingest(db, [str(folder)], opts)
    first = skipped_rows(db)
    ingest(db, [str(folder)], opts)                       # the same items skipped again: no second row
    assert [r["skip_id"] for r in skipped_rows(db)] == [r["skip_id"] for r in first]
    write_jsonl(folder / "more.jsonl", [{"id": "a", "text": "POL AID DEU."}, "{not json",
                                         {"id": "refused", "text": "FRA AGREE DEU now."},
                                         {"id": "slow", "text": "SLOWME FRA AID DEU."}])
    ingest(db, [str(folder)], opts)                       # the refused line is fixed and stored
    assert {r["doc_id"] for r in skipped_rows(db)} == {None, "slow"} and len(skipped_rows(db)) == 3


def test_strict_stores_no_skip(tmp_path, db, opts):
    from lagebild.errors import InputError
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "x.jsonl", ["{bad"])
    with pytest.raises(InputError):
        ingest(db, [str(folder)], replace(opts, strict=True))
    assert skipped_rows(db) == []


def test_the_cli_lists_and_filters_skipped_items(tmp_path, db, opts, capsys):
    from lagebild.cli.main import cli
    folder = inputs(tmp_path)
    ingest(db, [str(folder)], opts)

    def run(*args) -> list[dict]:
        with pytest.raises(SystemExit) as e:
            cli.main(["skipped", "--db", str(db), "--format", "jsonl", *args], prog_name="lagebild")
        assert e.value.code == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(run()) == 4
    assert [r["doc_id"] for r in run("--reason", "TIME BUDGET")] == ["slow"]
    assert {r["stage"] for r in run("--stage", "read")} == {"read"} and len(run("--stage", "read")) == 2
    assert len(run("--limit", "1")) == 1
