"""Worker liveness: workers killed at random moments, also halfway through writing a result
larger than a pipe holds, never hang the parent, and every document comes back exactly once."""
from __future__ import annotations

import os
import random
import signal
import threading
import time

import pytest

from lagebild.formats.readers import Problem
from lagebild.model import Document
from lagebild.store.analyzed import Analyzed
from lagebild.store.workers import PoolAnalyzer

PAD = 150_000   # characters added to each result: a task of 8 is ~1 MB, far more than a pipe buffer


def documents(n: int, size: int) -> list[Document]:
    filler = " ".join(f"wort{k}" for k in range(size // 8))[:size]
    return [Document(text=f"Meldung {i}. FRA CONSULT DEU. {filler}", id=f"d{i}") for i in range(n)]


def run_with_kills(job, docs: list[Document], kills: int, seed: int, workers: int = 2,
                   pause: float = 0.2) -> tuple[list, int, int]:
    """Analyse `docs` on a pool while a thread SIGKILLs one worker at a time at random moments.
    The parent pauses between reads (as the ingest does while it commits), so workers wait
    halfway through writing their large results and many kills land there."""
    pool = PoolAnalyzer(job, workers)
    rng = random.Random(seed)
    done = threading.Event()
    killed = []

    def killer() -> None:
        seen = 0
        while len(killed) < kills and not done.is_set():
            # a kill while workers start up tests little: wait for a result since the last kill
            if pool.received <= seen:
                time.sleep(0.01)
                continue
            seen = pool.received
            time.sleep(rng.uniform(0.0, 0.6))
            pids = pool.pids()
            if pids:
                pid = rng.choice(pids)
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass

    t = threading.Thread(target=killer, daemon=True)
    t.start()
    results = []
    deadline = time.monotonic() + 300   # far beyond the run's time: reaching it is a hang

    def busy_then_deaf() -> None:
        """Read for a while, then read nothing for a while, as the ingest does around a commit:
        workers that finish meanwhile wait halfway through writing their result."""
        until = time.monotonic() + pause
        while time.monotonic() < until:
            results.extend(pool.ready())
            time.sleep(0.002)
        time.sleep(pause)

    try:
        for i in range(0, len(docs), 16):
            pool.submit(docs[i:i + 16])
            busy_then_deaf()
        while len(results) < len(docs) and time.monotonic() < deadline:
            busy_then_deaf()
        assert time.monotonic() < deadline, "the pool hung"
        results.extend(pool.drain())
    finally:
        done.set()
        t.join()
        pool.close()
    return results, len(killed), pool.torn_results   # torn: killed halfway through writing a result


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_killed_workers_never_hang_and_nothing_is_lost_or_doubled(fake_job, seed, monkeypatch):
    monkeypatch.setenv("LAGEBILD_FAKE_DELAY", "0.005")
    monkeypatch.setenv("LAGEBILD_FAKE_PAD", str(PAD))
    docs = documents(160, 2000)
    results, killed, _ = run_with_kills(fake_job, docs, kills=6, seed=seed)
    assert killed >= 3
    ids = [r.doc_id for r in results if isinstance(r, Analyzed)]
    assert sorted(ids) == sorted(d.id for d in docs), "a document lost or doubled"
    assert not [r for r in results if isinstance(r, Problem)]


def test_a_worker_killed_halfway_through_writing_a_result(fake_job, monkeypatch):
    """Deterministic: the worker's result is far larger than the pipe; once its first bytes are
    in the pipe it is blocked halfway through writing, and is killed there."""
    import select
    monkeypatch.setenv("LAGEBILD_FAKE_PAD", str(PAD))
    docs = documents(8, 500)
    pool = PoolAnalyzer(fake_job, 1)
    try:
        pool.submit(docs)
        w = pool._workers[0]
        assert select.select([w.result_fd], [], [], 120)[0], "no result started"
        time.sleep(0.2)
        os.kill(w.proc.pid, signal.SIGKILL)
        results = pool.drain()
    finally:
        pool.close()
    assert pool.torn_results == 1 and pool.restarts == 1
    assert sorted(r.doc_id for r in results if isinstance(r, Analyzed)) == sorted(d.id for d in docs)


def test_a_document_that_kills_every_worker_is_given_up_as_a_problem(fake_job, monkeypatch):
    monkeypatch.setenv("LAGEBILD_FAKE_KILL", "KILLME")
    docs = [Document(text=f"FRA CONSULT DEU {i}.", id=f"d{i}") for i in range(5)]
    docs.insert(2, Document(text="KILLME now.", id="killer"))
    pool = PoolAnalyzer(fake_job, 1)
    try:
        pool.submit(docs)
        results = pool.drain()
    finally:
        pool.close()
    problems = [r for r in results if isinstance(r, Problem)]
    assert [p.source for p in problems] == ["killer"]
    assert "analysis worker died" in problems[0].reason
    assert sorted(r.doc_id for r in results if isinstance(r, Analyzed)) == [f"d{i}" for i in range(5)]


def test_a_worker_that_cannot_start_is_a_clear_error():
    from lagebild.errors import StoreError
    from lagebild.store.analyzed import AnalysisJob
    with pytest.raises(StoreError, match="could not start"):
        pool = PoolAnalyzer(AnalysisJob(pipeline="no_such_module:make_pipeline"), 1)
        try:
            pool.submit([Document(text="FRA CONSULT DEU.", id="a")])
            pool.drain()
        finally:
            pool.close(abort=True)
