"""A real Dask cluster on this machine: `dask scheduler` and two `dask worker` processes.

The corpus is German articles generated from our own templates (tests/scale/articles.py);
the workers run the real pipeline. Every article must be stored exactly once, with the same
records as the single-process analysis gives, also when a worker is killed (SIGKILL) mid-run.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install 'lagebild[dask]')")

import lagebild  # noqa: E402
from articles import write_corpus  # noqa: E402
from lagebild.formats.readers import ReadOptions, iter_inputs  # noqa: E402
from lagebild.scale.cluster import ClusterOptions, ingest_cluster  # noqa: E402
from lagebild.scale.dataset import PARTS  # noqa: E402
from lagebild.store.analyzed import AnalysisJob  # noqa: E402

pytestmark = pytest.mark.slow
ARTICLES = 240
REPEATED = 5            # the last file repeats this many articles under other ids and URLs
PARTITION = 20
DASK = str(Path(sys.executable).parent / "dask")
START_TIMEOUT = 90      # seconds for the scheduler and a worker to come up on a busy machine


class Cluster:
    """A scheduler and workers as subprocesses (their own process groups, so teardown reaches
    everything they start), on ports they choose free themselves (port 0; the address is read
    back from the scheduler file)."""

    def __init__(self, tmp: Path, workers: int):
        self.tmp = tmp
        self.file = tmp / "scheduler.json"
        self.procs: list[subprocess.Popen] = []
        self.log = open(tmp / "cluster.log", "wb")
        self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(self.file)])
        self.address = self._wait(lambda: json.loads(self.file.read_text())["address"] if self.file.exists() else None)
        self.workers = [self._start([DASK, "worker", "--scheduler-file", str(self.file), "--host", "127.0.0.1",
                                     "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}",
                                     "--death-timeout", "60"]) for i in range(workers)]
        self._wait(lambda: self.count() >= workers or None)

    def _start(self, argv: list[str]) -> subprocess.Popen:
        p = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.procs.append(p)
        return p

    def _wait(self, probe):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                got = probe()
            except (OSError, ValueError, KeyError):
                got = None
            if got:
                return got
            if any(p.poll() is not None for p in self.procs):
                break
            time.sleep(0.3)
        self.close()
        raise RuntimeError(f"the Dask cluster did not come up; see {self.tmp / 'cluster.log'}")

    def count(self) -> int:
        from distributed import Client
        with Client(self.address, timeout="10s") as c:
            return len(c.scheduler_info()["workers"])

    def close(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)   # (a worker closes its connections)
                except ProcessLookupError:
                    pass
        for p in self.procs:
            try:
                p.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("articles")
    write_corpus(folder, ARTICLES, files=3, duplicates=REPEATED)
    return [str(folder)]


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, list[dict]]:
    """doc_id -> records, from the single-process analysis of the same inputs."""
    analyze = AnalysisJob().build()
    out: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for doc in iter_inputs(corpus, ReadOptions()):
        a = analyze(doc)
        if a.content_hash in seen:      # the repeated articles: stored once, under the first id
            continue
        seen.add(a.content_hash)
        out[a.doc_id] = json.loads(json.dumps(a.records))
    assert len(out) == ARTICLES
    return out


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path, workers=2)
    try:
        yield c
    finally:
        c.close()


def _check(dataset: Path, expected: dict[str, list[dict]]) -> None:
    with lagebild.open(str(dataset)) as d:
        ids = d.sql("SELECT doc_id FROM documents").column("doc_id").to_pylist()
        assert sorted(ids) == sorted(expected)                    # every article, exactly once
        for doc_id, records in expected.items():
            assert list(d.records(doc_id)) == records, doc_id     # the same records as `analyze`
        n_events = d.sql("SELECT count(*) AS n FROM events").column("n")[0].as_py()
    assert n_events == sum(1 for recs in expected.values() for r in recs if r["kind"] == "event") > 0


def test_a_cluster_stores_every_article_once_as_analyze_does(cluster, corpus, expected, tmp_path):
    out = tmp_path / "ds"
    summary = ingest_cluster(corpus, out, ClusterOptions(cluster.address, partition_size=PARTITION))
    assert summary.workers == 2 and summary.n_errors == 0
    assert summary.stored == ARTICLES and sum(summary.duplicates.values()) == REPEATED
    assert len(summary.build_seconds) == 2                         # the pipeline, built once per worker
    _check(out, expected)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster, corpus, expected, tmp_path):
    out = tmp_path / "ds"
    victim = cluster.workers[0]
    killed = threading.Event()

    def kill_when_under_way() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed.is_set():
            if len(list((out / PARTS).glob("*.json"))) >= 2:     # partitions are being written
                os.kill(victim.pid, signal.SIGKILL)
                killed.set()
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_when_under_way, daemon=True)
    killer.start()
    summary = ingest_cluster(corpus, out, ClusterOptions(cluster.address, partition_size=PARTITION))
    killer.join(timeout=5)
    assert killed.is_set() and victim.wait(timeout=10) == -signal.SIGKILL
    done = len(list((out / PARTS).glob("*.json")))
    assert done == summary.partitions and summary.partitions_done_before == 0
    assert summary.stored == ARTICLES
    _check(out, expected)
