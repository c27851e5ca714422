from pathlib import Path

import pytest

from lagebild.formats.readers import ReadOptions
from lagebild.scale.dataset import PARTS, begin_run, manifests, tables
from lagebild.scale.partitions import plan
from lagebild.scale.tasks import run_partition


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*.parquet"))


@pytest.mark.parametrize("size", [5, 100])
def test_a_retried_task_rewrites_the_same_files(tmp_path, corpus, fake_job, size):
    root = tmp_path / "ds"
    run = begin_run(root, fake_job.hasher.params)
    analyze = fake_job.build()
    parts = plan(corpus, size)
    for p in parts:
        run_partition(p, p.key("s"), run, analyze, ReadOptions(), root)
    first = _files(root)
    reports = [run_partition(p, p.key("s"), run, analyze, ReadOptions(), root) for p in parts]   # the retry
    assert _files(root) == first                         # same names: nothing stored twice
    assert len(manifests(root)) == len(parts)
    assert not list(root.rglob("*.tmp"))
    groups = sum(len(r.groups) for r in reports)
    skips = sum(1 for r in reports if r.skipped_rows)     # and a partition that skipped items, one of those
    assert skips >= 1 and len(first) == groups * len(tables()) + skips   # every table has its file in every group
    months = {p.parts[1] for p in first}
    assert "month=unknown" in months and "month=2024-01" in months


def test_repeats_inside_a_partition_cost_no_analysis(tmp_path, fake_job):
    src = tmp_path / "x.jsonl"
    src.write_text('{"id": "a", "text": "FRA AID DEU.", "url": "https://u/1"}\n'
                   '{"id": "b", "text": "FRA AID DEU."}\n'
                   '{"id": "c", "text": "DEU AID FRA.", "url": "https://u/1"}\n'
                   '{"id": "a", "text": "POL AID DEU."}\n'
                   '{"id": "d", "text": "FAILME"}\n', encoding="utf-8")
    root = tmp_path / "ds"
    run = begin_run(root, fake_job.hasher.params)
    [p] = plan([str(src)], 10)
    r = run_partition(p, p.key("s"), run, fake_job.build(), ReadOptions(), root)
    assert (r.read, r.stored, r.renamed) == (5, 2, 1)
    assert dict(r.duplicates) == {"same text": 1, "same URL": 1}
    assert sum(r.errors.values()) == 1 and r.examples[0][1].line == 5
    assert (root / PARTS / f"{p.key('s')}.json").exists()
