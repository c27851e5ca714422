"""Analysis in worker processes (or inline), feeding the single writer.

Each worker builds its analysis function once (`AnalysisJob.build`: pipeline, lexicons, tagger
models) and then analyses documents sent to it in small tasks. The parent holds a DuckDB
connection and threads, which must not be forked, so workers are forked from a spawned process
that has built the analysis once (`store/prefork.py`): they share its models.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
from collections.abc import Sequence

from lagebild.errors import LagebildError, StoreError
from lagebild.formats.readers import Problem
from lagebild.model import Document
from lagebild.store.analyzed import AnalysisJob, Analyzed
from lagebild.store.prefork import start_workers

Result = Analyzed | Problem
TASK_SIZE = 8              # documents per message: amortises pickling and queue overhead
INFLIGHT_PER_WORKER = 64   # documents in flight per worker: bounds memory, keeps workers busy
POLL_SECONDS = 0.5


def worker_main(job: AnalysisJob, tasks, results, parent_pid: int) -> None:
    """Worker process: build the analysis once, then analyse tasks until told to stop."""
    # Ctrl-C reaches the whole process group; the parent rolls back and stops us, quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        analyze = job.build()
    except LagebildError as e:
        results.put(("fatal", os.getpid(), str(e)))
        return
    except Exception as e:  # report, do not hang the parent waiting for results
        results.put(("fatal", os.getpid(), f"{type(e).__name__}: {e}"))
        return
    while True:
        if os.getppid() != parent_pid:   # the parent was killed: do not linger as an orphan
            # nobody reads our results any more; waiting to flush them would block exit forever
            results.cancel_join_thread()
            return
        try:
            task = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            continue
        if task is None:
            return
        task_id, docs = task
        results.put(("done", task_id, [analyze(d) for d in docs]))


class InlineAnalyzer:
    """Analysis in this process (`--workers 0`): no start-up cost, for tests and small inputs."""

    def __init__(self, job: AnalysisJob):
        self._analyze = job.build()
        self._ready: list[Result] = []

    def submit(self, docs: Sequence[Document]) -> None:
        self._ready.extend(self._analyze(d) for d in docs)

    def ready(self) -> list[Result]:
        out, self._ready = self._ready, []
        return out

    def drain(self) -> list[Result]:
        return self.ready()

    def close(self, abort: bool = False) -> None:
        pass


class PoolAnalyzer:
    """N worker processes; `submit` blocks while too many documents are in flight."""

    def __init__(self, job: AnalysisJob, workers: int):
        ctx = mp.get_context("spawn")
        self._tasks = ctx.Queue(maxsize=workers * 4)
        self._results = ctx.Queue()
        # forked from one process that built the analysis once (store/prefork.py)
        self._procs = start_workers(ctx, worker_main, job, workers, self._tasks, self._results, os.getpid())
        self._max_inflight = workers * INFLIGHT_PER_WORKER
        self._inflight = 0
        self._next_task = 0
        self._ready: list[Result] = []

    def submit(self, docs: Sequence[Document]) -> None:
        for i in range(0, len(docs), TASK_SIZE):
            chunk = list(docs[i:i + TASK_SIZE])
            while self._inflight + len(chunk) > self._max_inflight:
                self._collect(block=True)
            self._tasks.put((self._next_task, chunk))
            self._next_task += 1
            self._inflight += len(chunk)

    def ready(self) -> list[Result]:
        self._collect(block=False)
        out, self._ready = self._ready, []
        return out

    def drain(self) -> list[Result]:
        while self._inflight:
            self._collect(block=True)
        out, self._ready = self._ready, []
        return out

    def _collect(self, block: bool) -> None:
        while True:
            try:
                msg = self._results.get(timeout=POLL_SECONDS) if block else self._results.get_nowait()
            except queue.Empty:
                if block:
                    self._check_alive()
                    continue
                return
            self._handle(msg)
            block = False   # got something; take whatever else is there without waiting

    def _handle(self, msg: tuple) -> None:
        kind = msg[0]
        if kind == "fatal":
            raise StoreError(f"analysis worker {msg[1]} could not start: {msg[2]}")
        _, _, results = msg
        self._inflight -= len(results)
        self._ready.extend(results)

    def _check_alive(self) -> None:
        dead = [p for p in self._procs if not p.is_alive()]
        if dead and self._inflight:
            codes = ", ".join(f"{p.name} exit code {p.exitcode}" for p in dead)
            raise StoreError(f"an analysis worker died ({codes}); what was committed is kept, "
                             "run the same ingest again to resume")

    def close(self, abort: bool = False) -> None:
        """Stop the workers: politely after a finished run, at once after an error."""
        if not abort:
            for _ in self._procs:
                try:
                    self._tasks.put_nowait(None)
                except queue.Full:
                    break
        for p in self._procs:
            p.join(timeout=0 if abort else 5)
            if p.is_alive():
                p.terminate()
                p.join(timeout=1)
        self._tasks.cancel_join_thread()   # never block exit on undelivered tasks
        self._tasks.close()
        self._results.close()


def make_analyzer(job: AnalysisJob, workers: int) -> InlineAnalyzer | PoolAnalyzer:
    return InlineAnalyzer(job) if workers <= 0 else PoolAnalyzer(job, workers)
