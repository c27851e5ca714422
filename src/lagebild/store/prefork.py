"""How ingest workers are started: forked from one process that has built the analysis.

A spawned worker imports everything and builds its own pipeline: ~440 MB and ~3 CPU-seconds
each. Instead the pool spawns one clean process, the *zygote* (spawned, so it inherits neither
the parent's DuckDB connection nor its threads), which builds the analysis once and forks the
workers from itself: they share the built models and lexicons copy-on-write, so a further
worker costs its own working memory only. `gc.freeze()` before the fork keeps the collector
from touching (and so copying) the shared objects.

Safe with every default component: nothing in the built pipeline holds a connection, a file
or a lock, and no component starts a thread (lingua would if its models were preloaded: its
thread pool does not survive a fork, and a forked worker hung in its first fallback; they are
loaded on first use instead). The zygote analyses a warm-up article per supported language
first, since components load their models on first use, and forks only if it is still
single-threaded; otherwise (an optional component with threads) it spawns each worker, which
builds its own. A forked worker analyses exactly as a spawned one (tests/store/test_prefork.py).

The parent sees the workers through `WorkerHandle`s that stand for the zygote: it is alive
while all its workers are, it exits with a worker's failure code, and terminating it stops
them all. The zygote also stops its workers when the parent goes away.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
import sys
import time
from typing import Any, Callable

ZYGOTE_POLL_SECONDS = 0.5
# One clear article start per supported language (no quotes, numbers, dates: the point is to
# load each language's tokenizer, tagger, lexicons and detector models, not to test them).
WARM_UP_TEXTS = (
    "Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien "
    "beschlossen, teilte die Regierung in Berlin mit. Die Opposition kritisierte den Entwurf.",
    "The parliament passed a new law on renewable energy on Thursday, the government said in "
    "a statement. The opposition criticised the draft as too weak.",
)


def native_threads() -> int:
    """Threads of this process, native ones included (Linux /proc; 1 where unknown)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


class PrebuiltJob:
    """An analysis job that is already built: `build()` hands out the built function, so
    `worker_main` runs unchanged in a forked worker."""

    def __init__(self, analyze: Callable[..., Any]):
        self._analyze = analyze

    def build(self) -> Callable[..., Any]:
        return self._analyze


class WorkerHandle:
    """What the pool needs of a worker process (name, liveness, exit code, join, terminate),
    answered by the zygote that forked it."""

    def __init__(self, zygote, name: str):
        self._zygote = zygote
        self.name = name

    def is_alive(self) -> bool:
        return self._zygote.is_alive()

    @property
    def exitcode(self) -> int | None:
        return self._zygote.exitcode

    def join(self, timeout: float | None = None) -> None:
        self._zygote.join(timeout)

    def terminate(self) -> None:
        self._zygote.terminate()


def start_workers(ctx, target: Callable[..., None], job, workers: int, tasks, results,
                  parent_pid: int) -> list[WorkerHandle]:
    """Start `workers` processes running `target(job, tasks, results, parent_pid)`, forked from
    a zygote (started with `ctx`, spawn) that has built `job` once."""
    # The job and the target travel as a pickle and a name, unpickled and imported only after
    # the zygote has set SINGLE_THREAD_ENV (spawn would import them first, and numpy with them).
    import pickle
    zygote = ctx.Process(target=_zygote_main,
                         args=(f"{target.__module__}:{target.__qualname__}", pickle.dumps(job), workers,
                               tasks, results, parent_pid),
                         daemon=False,   # a daemonic process may not fork workers of its own
                         name="lagebild-analysis-zygote")
    zygote.start()
    # multiprocessing joins non-daemonic children at exit: a caller that never closed the pool
    # would wait forever on a zygote whose workers wait for tasks; stop it first (as Pool does)
    from multiprocessing import util
    util.Finalize(zygote, _terminate_if_alive, args=(zygote,), exitpriority=10)
    return [WorkerHandle(zygote, f"lagebild-analysis-{i}") for i in range(workers)]


def _terminate_if_alive(zygote) -> None:
    if zygote.is_alive():
        zygote.terminate()
        zygote.join(timeout=2)


# Numerical libraries start thread pools when imported (HanTa imports numpy, whose OpenBLAS
# starts one thread per core). Workers are processes and get no use of them; set in the zygote
# only, before anything is imported, they keep it single-threaded and so safe to fork.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _zygote_main(target_name: str, job_pickle: bytes, workers: int, tasks, results, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent handles Ctrl-C and stops us
    for k, v in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(k, v)
    import importlib
    import pickle
    try:
        module, _, name = target_name.partition(":")
        target = getattr(importlib.import_module(module), name)
        job = pickle.loads(job_pickle)
        analyze = job.build()
    except Exception as e:  # report, as a worker would, rather than leave the parent waiting
        from lagebild.errors import LagebildError
        msg = str(e) if isinstance(e, LagebildError) else f"{type(e).__name__}: {e}"
        results.put(("fatal", os.getpid(), msg))
        results.close()
        results.join_thread()
        return
    # Components load their models and lexicons on first use: analyse a few documents here, so
    # the workers inherit them loaded instead of each loading its own copy.
    from lagebild.model import Document
    for i, text in enumerate(WARM_UP_TEXTS):
        analyze(Document(text=text, id=f"warm-up-{i}"))
    me = os.getpid()
    if native_threads() > 1:
        # a thread may hold a lock at the fork, which the child then waits on forever: only a
        # single-threaded process is forked; otherwise each worker is spawned and builds its own
        start, job_for_child = mp.get_context("spawn"), job
    else:
        gc.collect()
        gc.freeze()     # the built objects stay out of the children's collections: no copy-on-write
        start, job_for_child = mp.get_context("fork"), PrebuiltJob(analyze)
    children = [start.Process(target=target, args=(job_for_child, tasks, results, me),
                              daemon=True, name=f"lagebild-analysis-{i}") for i in range(workers)]
    for c in children:
        c.start()

    def stop(signum=None, frame=None):
        for c in children:
            if c.is_alive():
                c.terminate()
        for c in children:
            c.join(timeout=1)
        if signum is not None:
            sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    while True:
        if os.getppid() != parent_pid:      # the parent was killed: take the workers with us
            stop()
            return
        failed = [c.exitcode for c in children if c.exitcode not in (None, 0)]
        if failed:
            stop()
            sys.exit(failed[0] if failed[0] > 0 else 128 - failed[0])
        if all(c.exitcode == 0 for c in children):
            return
        time.sleep(ZYGOTE_POLL_SECONDS)
