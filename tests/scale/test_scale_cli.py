"""`lagebild ingest --cluster` and `lagebild load` at the CLI edge: one-line errors, exit codes."""
import builtins
import json

import pytest

from lagebild.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


@pytest.mark.parametrize("args,message", [
    (["--cluster", "local:1"], "--cluster and --out go together"),
    (["--out", "ds"], "--cluster and --out go together"),
    (["--cluster", "local:1", "--out", "ds", "--db", "x.duckdb"], "--db cannot be used with --cluster"),
    (["--cluster", "local:1", "--out", "ds", "--workers", "2"], "--workers cannot be used"),
    (["--partition-size", "5"], "--partition-size is for --cluster"),
    (["--cluster", "local:0", "--out", "ds"], "local:N needs a number"),
    (["--cluster", "somewhere", "--out", "ds"], "give a scheduler address"),
])
def test_bad_cluster_options_are_one_line_errors(capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "a.txt"
    src.write_text("FRA AID DEU.", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(src), *args, "--quiet")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_without_dask_the_cluster_path_says_what_to_install(capsys, tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_dask(name, *a, **kw):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *a, **kw)
    monkeypatch.setattr(builtins, "__import__", no_dask)
    src = tmp_path / "a.txt"
    src.write_text("FRA AID DEU.", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(src), "--cluster", "local:1", "--out", str(tmp_path / "ds"), "-q")
    assert code == 6 and "pip install 'lagebild[dask]'" in err


def test_ingest_inline_then_query_and_load(capsys, tmp_path, monkeypatch, corpus):
    ds, db = tmp_path / "ds", tmp_path / "loaded.duckdb"
    code, _, err = run(capsys, "ingest", *corpus, "--cluster", "inline", "--out", str(ds), "--partition-size", "8",
                       "--pipeline", "store.store_fakes:make_pipeline", "--summary-json", str(tmp_path / "s.json"))
    # the corpus holds an unreadable line and a refused document: partial success (issue 15)
    assert code == 5 and "stored      66" in err and "ingest" in err and "skipped 2" in err
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["cluster"]["partitions"] == 10 and summary["duplicates"] == 2
    code, _, err = run(capsys, "load", str(ds), "--db", str(db))
    assert code == 0 and "stored      66" in err
    code, _, err = run(capsys, "load", str(ds), "--db", str(db), "-q")        # again: nothing new
    assert code == 0 and "stored      0" in err and "duplicates  66" in err


def test_load_refuses_what_is_no_dataset(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "load", str(tmp_path / "empty"), "--db", str(tmp_path / "x.duckdb"))
    assert code == 4 and "not a lagebild dataset" in err


@pytest.mark.slow
def test_ingest_on_a_local_cluster(capsys, tmp_path, corpus):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    ds = tmp_path / "ds"
    code, _, err = run(capsys, "ingest", *corpus, "--cluster", "local:1", "--out", str(ds), "--partition-size", "20",
                       "--pipeline", "store.store_fakes:make_pipeline")
    assert code == 5 and "stored      66" in err and "finalising" in err
    code, out, _ = run(capsys, "sql", "SELECT count(*) AS n FROM documents", "--db", str(ds), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == "66"


def test_skipped_items_are_kept_in_the_dataset_and_loaded(capsys, tmp_path, corpus):
    """The corpus's unreadable line and refused document: rows in the dataset's `skipped`
    (store migration 006), listed by `lagebild skipped --db DIR`, and carried over by `load`."""
    ds, db = tmp_path / "ds", tmp_path / "loaded.duckdb"
    code, _, _ = run(capsys, "ingest", *corpus, "--cluster", "inline", "--out", str(ds), "--partition-size", "8",
                     "--pipeline", "store.store_fakes:make_pipeline", "-q")
    assert code == 5
    code, out, _ = run(capsys, "skipped", "--db", str(ds), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and sorted((r["stage"], r["doc_id"]) for r in rows) == [("analysis", "bad"), ("read", None)]
    assert all(r["origin"].startswith(str(tmp_path)) and r["reason"] for r in rows)
    run(capsys, "ingest", *corpus, "--cluster", "inline", "--out", str(ds), "--partition-size", "8",
        "--pipeline", "store.store_fakes:make_pipeline", "-q")                 # a rerun: nothing twice
    code, out, _ = run(capsys, "skipped", "--db", str(ds), "--format", "jsonl")
    assert len(out.splitlines()) == 2
    run(capsys, "load", str(ds), "--db", str(db), "-q")
    code, out, _ = run(capsys, "skipped", "--db", str(db), "--format", "jsonl")
    assert sorted(json.loads(line)["skip_id"] for line in out.splitlines()) == sorted(r["skip_id"] for r in rows)
