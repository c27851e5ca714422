"""Store faults: a foreign, truncated or empty file as --db, two ingests on one store at once,
SIGTERM during an ingest, and the disk filling up mid-ingest (by a fault hook)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_fakes import write_jsonl

from lagebild.errors import StoreError
from lagebild.store import open_store
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.ingest import IngestOptions, ingest

HERE = Path(__file__).resolve().parent
FAKE = "store_fakes:make_pipeline"


def corpus(tmp: Path, n: int = 40) -> Path:
    return write_jsonl(tmp / "in.jsonl", [{"text": f"Item {i}. FRA CONSULT DEU on point {i}.",
                                           "url": f"https://example.org/{i}"} for i in range(n)])


def full_store(tmp: Path) -> Path:
    db = tmp / "good.duckdb"
    ingest(db, [str(corpus(tmp))], IngestOptions(workers=0, job=AnalysisJob(pipeline=FAKE)))
    return db


def foreign(tmp: Path) -> Path:
    p = tmp / "notes.duckdb"
    p.write_text("shopping list: bread, milk\n" * 20)
    return p


def sqlite_file(tmp: Path) -> Path:
    p = tmp / "other.duckdb"
    con = sqlite3.connect(p)
    con.execute("CREATE TABLE t (a)")
    con.commit()
    con.close()
    return p


def truncated(tmp: Path) -> Path:
    good = full_store(tmp)
    p = tmp / "cut.duckdb"
    p.write_bytes(good.read_bytes()[:200_000])
    return p


def empty(tmp: Path) -> Path:
    p = tmp / "empty.duckdb"
    p.touch()
    return p


@pytest.mark.parametrize("make, fragment", [
    (foreign, "not a lagebild store"), (sqlite_file, "SQLite database"), (truncated, "damaged"),
    (empty, "empty file"),
])
def test_a_bad_db_file_is_a_clear_error(tmp_path, make, fragment):
    path = make(tmp_path)
    with pytest.raises(StoreError, match=fragment):
        open_store(path, read_only=True)
    if make is not empty:
        before = path.read_bytes()
        with pytest.raises(StoreError, match=fragment):
            ingest(path, [str(corpus(tmp_path))], IngestOptions(workers=0, job=AnalysisJob(pipeline=FAKE)))
        assert path.read_bytes() == before        # left as it was


def test_ingest_into_an_empty_file_creates_the_store(tmp_path):
    s = ingest(empty(tmp_path), [str(corpus(tmp_path))], IngestOptions(workers=0, job=AnalysisJob(pipeline=FAKE)))
    assert s.stored == 40


def _ingest_cmd(db: Path, src: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "lagebild", "ingest", str(src), "--db", str(db), "--workers", "0",
            "--pipeline", FAKE, "--batch-size", "5", "--quiet", *extra]


def _env(**kw) -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]), **kw)


@pytest.mark.slow
def test_two_ingests_on_one_store_one_fails_clearly_nothing_corrupted(tmp_path):
    db, src = tmp_path / "s.duckdb", corpus(tmp_path, 200)
    first = subprocess.Popen(_ingest_cmd(db, src), env=_env(LAGEBILD_FAKE_DELAY="0.02"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    second = subprocess.run(_ingest_cmd(db, src), env=_env(), capture_output=True, timeout=120)
    assert second.returncode == 4, second.stderr
    assert b"in use by another process" in second.stderr and second.stderr.count(b"\n") == 1
    assert first.wait(timeout=120) == 0, first.stderr.read()
    with open_store(db, read_only=True) as st:
        assert st.stats()["documents"] == 200


@pytest.mark.slow
def test_sigterm_finishes_the_transaction_and_exits_cleanly(tmp_path):
    db, src = tmp_path / "s.duckdb", corpus(tmp_path, 200)
    commits = tmp_path / "commits.txt"
    p = subprocess.Popen(_ingest_cmd(db, src), env=_env(LAGEBILD_FAKE_DELAY="0.02", LAGEBILD_FAULT=f"notify:{commits}"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (commits.exists() and commits.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.01)
    p.send_signal(signal.SIGTERM)
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 130 + 13, err      # 143: terminated, as shells report it
    assert "stopped" in err and "Traceback" not in err
    with open_store(db, read_only=True) as st:
        n = st.stats()["documents"]
    assert 0 < n < 200          # what was analysed is committed; the rest is left for the next run
    again = subprocess.run(_ingest_cmd(db, src), env=_env(), capture_output=True, timeout=120)
    assert again.returncode == 0, again.stderr          # and it resumes
    with open_store(db, read_only=True) as st:
        assert st.stats()["documents"] == 200


@pytest.mark.parametrize("batch", [1, 3])
def test_disk_full_mid_ingest_leaves_the_store_consistent_and_resumable(tmp_path, batch):
    db, src = tmp_path / "s.duckdb", corpus(tmp_path, 40)
    job = AnalysisJob(pipeline=FAKE)
    with pytest.raises(StoreError, match="disk is full"):
        ingest(db, [str(src)], IngestOptions(workers=0, batch_size=5, job=job, fault=f"diskfull:{batch}"))
    with open_store(db, read_only=True) as st:
        assert st.stats()["documents"] == 5 * (batch - 1)
    s = ingest(db, [str(src)], IngestOptions(workers=0, batch_size=5, job=job))
    assert s.stored == 40 - 5 * (batch - 1)
    with open_store(db, read_only=True) as st:
        assert st.stats()["documents"] == 40


@pytest.mark.slow
def test_a_real_file_size_limit_mid_ingest_then_resume(tmp_path):
    """A real write failure, not a hook: the ingest runs under RLIMIT_FSIZE (as a full disk or a
    quota would stop it), fails with one clear line, and the same ingest resumes."""
    import json
    import resource
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"text": f"Item {i}. FRA CONSULT DEU on point {i}. "
                                               + " ".join(f"w{i}x{k}" for k in range(300)),
                                       "url": f"https://example.org/{i}"}) + "\n" for i in range(1500)))
    db = tmp_path / "s.duckdb"

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (3_000_000, 3_000_000))

    cmd = _ingest_cmd(db, src)
    cmd[cmd.index("5")] = "50"          # --batch-size 50
    r = subprocess.run(cmd, env=_env(), preexec_fn=limited, capture_output=True, timeout=300)
    assert r.returncode == 4 and b"the disk is full" in r.stderr and r.stderr.count(b"\n") == 1, r.stderr
    with open_store(db, read_only=True) as st:
        before = st.stats()
    assert 0 < before["documents"] < 1500 and before["events"] == before["documents"]
    again = subprocess.run(cmd, env=_env(), capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with open_store(db, read_only=True) as st:
        after = st.stats()
    assert after["documents"] == after["events"] == 1500
