"""Crash safety: SIGKILL the ingest at many points, run it again, and every document is stored
exactly once with all its records, and the store opens cleanly (DuckDB replays its WAL).

Kill points: 6 chained fault points inside the writer's transaction life cycle (in-process
analysis), plus 3 timer kills at arbitrary moments (0-300 ms after a batch commit) with two analysis worker processes.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from store_fakes import write_jsonl

from lagebild.errors import EXIT_PARTIAL, StoreError
from lagebild.store import open_store
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.ingest import IngestOptions, ingest

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
# writer phases (see writer.fault_hook); each run resumes from what the previous one left
FAULT_CHAIN = ["insert:1", "committed:1", "links:2", "commit:1", "committed:2", "insert:3"]
TIMER_KILLS = [0.0, 0.06, 0.3]  # seconds after the run's first batch commit, with 2 worker processes


def corpus(tmp: Path, n: int) -> Path:
    rows = []
    for i in range(n):
        rows.append({"text": f"Bulletin {i}. FRA CONSULT DEU on item {i}. CHN/GOV ACCUSE USA of step {i * 7}. "
                             f'DEU said "agreed on {i}". ' + " ".join(f"filler{i}x{k}" for k in range(30)),
                     "published": f"2024-0{1 + i % 6}-{10 + i % 18}", "url": f"https://example.org/{i}"})
        if i % 10 == 3:   # a syndicated copy with a new ending: a near-duplicate
            rows.append(dict(rows[-1], text=rows[-1]["text"] + " Copied by another outlet.",
                             url=f"https://mirror.example.net/{i}"))
        if i % 25 == 7:
            rows.append("{broken line")
    return write_jsonl(tmp / "news.jsonl", rows)


def run(db: Path, src: Path, workers: int = 0, fault: str = "", timeout: float = 60,
        kill_after: float | None = None) -> int:
    """Run `lagebild ingest` in a subprocess; `kill_after`: SIGKILL it that long after its first commit."""
    commits = db.parent / "commits.txt"
    if kill_after is not None:
        commits.unlink(missing_ok=True)
        fault = f"notify:{commits}"
    env = dict(os.environ, LAGEBILD_FAULT=fault,
               PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    if kill_after is not None:
        env["LAGEBILD_FAKE_DELAY"] = "0.02"
    cmd = [sys.executable, "-m", "lagebild", "ingest", str(src), "--db", str(db), "--workers", str(workers),
           "--pipeline", "store_fakes:make_pipeline", "--batch-size", "5", "--quiet"]
    log = db.parent / "stderr.txt"
    with open(log, "wb") as err:   # a file, not a pipe: orphaned workers must not keep us waiting
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        if kill_after is not None and wait_for_commit(commits, p, timeout):
            time.sleep(kill_after)
            workers = descendants(p.pid)
            os.kill(p.pid, signal.SIGKILL)
            assert wait_gone(workers, 10), "analysis workers outlived the killed ingest"
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            raise
    # the corpus has broken lines on purpose: a finished run is a partial success (EXIT_PARTIAL)
    assert p.returncode in (EXIT_PARTIAL, -signal.SIGKILL), log.read_text()
    return p.returncode


def descendants(pid: int) -> list[int]:
    """Child processes (Linux /proc; empty elsewhere)."""
    out = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return out


def wait_gone(pids: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if os.path.exists(f"/proc/{p}")]
        if not alive:
            return True
        time.sleep(0.1)
    return False


def wait_for_commit(commits: Path, p: subprocess.Popen, timeout: float) -> bool:
    """True once the ingest has committed a batch (the writer's notify hook wrote a line), False if
    it ended first."""
    deadline = time.monotonic() + timeout
    while p.poll() is None and time.monotonic() < deadline:
        if commits.exists() and commits.stat().st_size > 0:
            return True
        time.sleep(0.002)
    return False


def reference(tmp: Path, src: Path) -> tuple[dict[str, list], set]:
    db = tmp / "reference.duckdb"
    ingest(db, [str(src)], IngestOptions(workers=0, job=AnalysisJob(pipeline="store_fakes:make_pipeline")))
    return snapshot(db)


def snapshot(db: Path) -> tuple[dict[str, list], set]:
    """Records per document, and near-duplicate pairs (unordered), of a store that must open cleanly."""
    if not db.exists():
        return {}, set()
    try:
        st = open_store(db, read_only=True)
    except StoreError as e:   # killed while creating the store: it is empty, and says so
        assert "holds no data yet" in str(e)
        return {}, set()
    with st:
        by_doc: dict[str, list] = {}
        for r in st.records():
            by_doc.setdefault(r["doc_id"], []).append(r)
        ids = [r["doc_id"] for r in st.sql("SELECT doc_id FROM documents").to_pylist()]
        assert not [d for d, n in Counter(ids).items() if n > 1], "a document stored twice"
        pairs = {frozenset((r["doc_id"], r["near_doc_id"])) for r in st.near_duplicates().to_pylist()}
    return by_doc, pairs


def assert_consistent(db: Path, ref_docs: dict[str, list], ref_pairs: set, complete: bool) -> int:
    docs, pairs = snapshot(db)
    for doc_id, recs in docs.items():
        assert recs == ref_docs[doc_id], f"{doc_id}: records differ from an uninterrupted run"
    assert all(p <= set(docs) for p in pairs), "a near-duplicate link to a document that is not stored"
    if complete:
        assert set(docs) == set(ref_docs)
        assert pairs == ref_pairs
    return len(docs)


def test_sigkill_at_writer_fault_points_then_resume(tmp_path):
    src = corpus(tmp_path, 50)
    ref_docs, ref_pairs = reference(tmp_path, src)
    assert len(ref_pairs) >= 5
    db = tmp_path / "store.duckdb"
    stored = []
    for fault in FAULT_CHAIN:
        assert run(db, src, fault=fault) == -signal.SIGKILL, f"{fault} did not fire"
        stored.append(assert_consistent(db, ref_docs, ref_pairs, complete=False))
    assert stored == sorted(stored) and stored[-1] > 0
    assert run(db, src) == EXIT_PARTIAL
    assert_consistent(db, ref_docs, ref_pairs, complete=True)
    with open_store(db) as st:      # and it opens for writing too
        assert st.stats()["documents"] == len(ref_docs)


def test_sigkill_at_arbitrary_moments_with_worker_processes(tmp_path):
    src = corpus(tmp_path, 120)
    ref_docs, ref_pairs = reference(tmp_path, src)
    db = tmp_path / "store.duckdb"
    killed, stored = 0, [0]
    for after in TIMER_KILLS:
        if run(db, src, workers=2, kill_after=after) == -signal.SIGKILL:
            killed += 1
        stored.append(assert_consistent(db, ref_docs, ref_pairs, complete=False))
    # how far a timer kill gets depends on the machine's load: a late kill may land after the last
    # commit, so only demand that some kill left the store part-way and consistent
    assert killed >= 2 and stored == sorted(stored) and stored[-1] > 0
    assert any(0 < n < len(ref_docs) for n in stored), stored
    assert run(db, src, workers=2) == EXIT_PARTIAL
    assert_consistent(db, ref_docs, ref_pairs, complete=True)
