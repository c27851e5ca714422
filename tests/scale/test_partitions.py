import gzip
import json
from pathlib import Path

import pytest

from lagebild.errors import InputError
from lagebild.formats.readers import Problem, ReadOptions, iter_inputs
from lagebild.scale.partitions import Partition, plan, read_partition, seq_of, take


def _items(items):
    return [(type(x).__name__, getattr(x, "id", None), getattr(x, "text", None),
             getattr(x, "meta", {}).get("line") if not isinstance(x, Problem) else x.line) for x in items]


def _jsonl(path: Path, n: int, blank_every: int = 0, gz: bool = False) -> Path:
    lines = []
    for i in range(n):
        lines.append(json.dumps({"id": f"d{i}", "text": f"FRA CONSULT DEU number {i}."}))
        if blank_every and i % blank_every == 0:
            lines.append("")
    data = ("\n".join(lines) + "\n").encode()
    if gz:
        path = path.with_suffix(".jsonl.gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("n,size,blank_every", [(10, 3, 0), (10, 10, 0), (10, 100, 0), (25, 4, 3), (1, 1, 0)])
def test_line_partitions_read_exactly_what_the_file_holds(tmp_path, n, size, blank_every, gz):
    f = _jsonl(tmp_path / "x.jsonl", n, blank_every, gz)
    parts = plan([str(f)], size)
    assert all(p.kind == "lines" for p in parts)
    assert len(parts) == -(-n // size)
    got = [it for p in parts for it in read_partition(p, ReadOptions())]
    assert _items(got) == _items(iter_inputs([str(f)], ReadOptions()))   # same documents, same line numbers


def test_single_files_are_bundled_and_tables_and_warcs_stay_whole(tmp_path):
    for i in range(5):
        (tmp_path / f"t{i}.txt").write_text(f"FRA CONSULT DEU {i}.", encoding="utf-8")
    (tmp_path / "z.csv").write_text("id,text\na,FRA AID DEU.\nb,DEU AID FRA.\n", encoding="utf-8")
    parts = plan([str(tmp_path)], 2)
    assert [(p.kind, len(p.files)) for p in parts] == [("files", 2), ("files", 2), ("files", 1), ("file", 1)]
    got = [it for p in parts for it in read_partition(p, ReadOptions())]
    assert _items(got) == _items(iter_inputs([str(tmp_path)], ReadOptions()))
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(Path(f).is_absolute() for p in parts for f in p.files)


@pytest.mark.parametrize("inputs,message", [(["-"], "stdin"), (["/no/such/file.jsonl"], "no such file")])
def test_bad_inputs_are_refused(inputs, message):
    with pytest.raises(InputError, match=message):
        plan(inputs)


def test_partition_keys_follow_inputs_and_settings(tmp_path):
    f = _jsonl(tmp_path / "x.jsonl", 6)
    a, b = plan([str(f)], 3)
    assert a.key("s") == plan([str(f)], 3)[0].key("s")      # stable: a rerun finds its partitions done
    assert len({a.key("s"), b.key("s"), a.key("other settings")}) == 3
    f.write_text(f.read_text() + json.dumps({"text": "FRA AID DEU."}) + "\n")
    assert plan([str(f)], 3)[0].key("s") != a.key("s")       # the file changed


def test_seq_orders_runs_then_partitions_then_positions():
    seqs = [seq_of(r, p, i) for r in (1, 2) for p in (0, 1, 5000) for i in (0, 1, 4_000_000)]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_describe_names_the_lines():
    p = Partition(0, "lines", ("/x/a.jsonl",), 5, 9)
    assert p.describe() == "/x/a.jsonl:5-8"


@pytest.mark.parametrize("limit,expected", [(1, 1), (7, 7), (9, 9), (10, 10), (100, 10)])
def test_take_reads_about_the_limit(tmp_path, limit, expected):
    f = _jsonl(tmp_path / "x.jsonl", 10)
    parts = take(plan([str(f)], 3), limit)
    assert sum(1 for p in parts for _ in read_partition(p, ReadOptions())) == expected
