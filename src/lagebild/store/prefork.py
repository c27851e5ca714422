"""Cheap ingest workers that the parent still watches one by one (issues 14 and 15).

A spawned worker imports everything and builds its own pipeline (~440 MB, ~3 CPU-s each). Here
one spawned process, the *zygote*, builds the analysis once and forks each worker on request,
so the workers share the built models copy-on-write (`gc.freeze()` keeps the collector from
touching, and so copying, them). The zygote is spawned, so it inherits neither the parent's
DuckDB connection nor its threads; it forks only while it is single-threaded (lingua's models
load on first use and numeric libraries are held to one thread), and says so when it is not,
and the pool then spawns its workers as before.

The liveness of `store/workers.py` needs a sentinel per worker, which a grandchild does not
give its grandparent. So the zygote opens a *pidfd* of each worker it forks (Linux 5.3: a file
descriptor that becomes readable when the process ends, whoever its parent is; opened by the
parent before it can reap the child, so it never names a reused pid) and hands it, with the
parent's ends of the worker's two pipes, to the parent over a Unix socket (SCM_RIGHTS). The
parent selects on the pidfd as on a child's sentinel and signals through it
(`pidfd_send_signal`, equally safe from pid reuse). Exit codes are the zygote's to know; the
parent's messages do without them.

A worker checks that its parent (the zygote) lives, and the zygote that the ingest lives, so
nothing lingers after a SIGKILL of either. A dead zygote is started again on the next fork.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import pickle
import select
import signal
import socket
import struct
import sys
import time
from collections.abc import Sequence
from typing import Any, Callable

from lagebild.errors import LagebildError

POLL_SECONDS = 0.5
START_SECONDS = 300.0     # building the analysis under load; past this the zygote counts as stuck
LENGTH = struct.Struct("!I")
# One clear article start per supported language: components load their models on first use,
# and the workers should inherit them loaded instead of each loading its own copy. Only the
# languages of the input's first documents are warmed up (all of them when there is no such
# sample): English's models cost the building process ~0.6 CPU-s and ~50 MB, a third of which
# counted in each of two workers' PSS, on a German corpus that never needs them (issue 14). A
# worker that meets a language not warmed up loads it itself, as a spawned worker would.
WARM_UP_TEXTS = {
    "de": "Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien "
          "beschlossen, teilte die Regierung in Berlin mit. Die Opposition kritisierte den Entwurf.",
    "en": "The parliament passed a new law on renewable energy on Thursday, the government said in "
          "a statement. The opposition criticised the draft as too weak.",
}
SAMPLE_CHARS = 600    # of each sample text: as much as language identification reads
# Numerical libraries start thread pools when imported; set in the zygote before anything is
# imported, they keep it single-threaded and so safe to fork.
SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def available() -> bool:
    """Forked workers need pidfds and fd passing (Linux); elsewhere workers are spawned."""
    return hasattr(os, "pidfd_open") and hasattr(signal, "pidfd_send_signal") and hasattr(socket, "send_fds")


def native_threads() -> int:
    """Threads of this process, native ones included (Linux /proc; 1 where unknown)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


class NoFork(Exception):
    """The zygote cannot fork safely (it has threads): spawn the workers instead."""


class ZygoteGone(LagebildError):
    """The building process ended before it answered."""


class ForkedProcess:
    """A forked worker as the pool sees a `multiprocessing` process: pid, sentinel (its pidfd),
    liveness, join, terminate, kill."""

    def __init__(self, pid: int, pidfd: int, name: str):
        self.pid = pid
        self.sentinel = pidfd
        self.name = name
        self.exitcode: int | None = None    # known to the zygote only; messages do without it
        self._ended = False
        self._closed = False

    def is_alive(self) -> bool:
        if not self._ended and select.select([self.sentinel], [], [], 0)[0]:
            self._ended = True
        return not self._ended

    def join(self, timeout: float | None = None) -> None:
        if not self._ended and select.select([self.sentinel], [], [], timeout)[0]:
            self._ended = True

    def _signal(self, sig: int) -> None:
        try:
            signal.pidfd_send_signal(self.sentinel, sig)
        except (ProcessLookupError, OSError):
            pass

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def close(self) -> None:
        """Once only: the number may name another file afterwards."""
        if self._closed:
            return
        self._closed = True
        self._ended = True
        try:
            os.close(self.sentinel)
        except OSError:
            pass


class Zygote:
    """The parent's handle on the process that builds the analysis and forks workers from it."""

    def __init__(self, job: Any, target: Callable[..., None], sample: Sequence[tuple[str, str | None]] = ()):
        self._job = job
        self._target = target
        # (text, language given by the input) of the first documents: which languages to warm up
        self._sample = [(text[:SAMPLE_CHARS], lang) for text, lang in sample]
        self._sock: socket.socket | None = None
        self._proc: mp.process.BaseProcess | None = None
        self.forked = 0

    def _start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        target = f"{self._target.__module__}:{self._target.__qualname__}"
        self._proc = mp.get_context("spawn").Process(
            target=_zygote_main, name="lagebild-analysis-zygote", daemon=True,
            args=(pickle.dumps(self._job), target, theirs, os.getpid(), self._sample))
        self._proc.start()
        theirs.close()
        self._sock = ours

    def fork(self, name: str) -> tuple[ForkedProcess, int, int]:
        """A new worker: (its process, the parent's task-pipe end, the parent's result-pipe end)."""
        try:
            return self._fork(name)
        except ZygoteGone:      # killed since we last looked: once more, from a new one
            return self._fork(name)

    def _fork(self, name: str) -> tuple[ForkedProcess, int, int]:
        if self._proc is None or not self._proc.is_alive():
            self.close()
            self._start()
        assert self._sock is not None and self._proc is not None
        try:
            self._sock.sendall(b"f")
        except OSError:
            raise ZygoteGone("the process building the analysis ended") from None
        deadline = time.monotonic() + START_SECONDS
        while not select.select([self._sock, self._proc.sentinel], [], [], POLL_SECONDS)[0]:
            if time.monotonic() > deadline:
                raise LagebildError(f"the analysis did not build in {START_SECONDS:.0f} s")
        try:
            msg, fds, _, _ = socket.recv_fds(self._sock, 1 << 16, 3)
        except OSError:
            msg, fds = b"", []
        if not msg:
            raise ZygoteGone(f"the process building the analysis ended (exit code {self._proc.exitcode})")
        kind, payload = pickle.loads(msg)
        if kind == "nofork":
            raise NoFork(payload)
        if kind == "fatal":
            raise LagebildError(payload)
        task_w, result_r, pidfd = fds
        self.forked += 1
        return ForkedProcess(payload, pidfd, name), task_w, result_r

    def close(self) -> None:
        """Closing the socket ends the zygote (its workers stop on their own stop message)."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            self._proc.join(timeout=2)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(timeout=1)
            self._proc = None


# --- the zygote's side ----------------------------------------------------------------------------
def _reply(sock: socket.socket, what: tuple, fds: list[int] = ()) -> None:
    socket.send_fds(sock, [pickle.dumps(what)], list(fds))


def _zygote_main(job_pickle: bytes, target_name: str, sock: socket.socket, parent_pid: int,
                 sample: Sequence[tuple[str, str | None]] = ()) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # the parent handles Ctrl-C and SIGTERM
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for k, v in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(k, v)
    import importlib
    try:
        module, _, name = target_name.partition(":")
        target = getattr(importlib.import_module(module), name)
        analyze = pickle.loads(job_pickle).build()
        from lagebild.model import Document
        languages = _sample_languages(analyze, sample) or set(WARM_UP_TEXTS)
        for lang, text in WARM_UP_TEXTS.items():
            if lang in languages:
                analyze(Document(text=text, id=f"warm-up-{lang}"))
    except LagebildError as e:
        return _serve_failure(sock, ("fatal", str(e)))
    except Exception as e:  # report, do not leave the parent waiting for a worker
        return _serve_failure(sock, ("fatal", f"{type(e).__name__}: {e}"))
    if native_threads() > 1:
        # a thread may hold a lock at the fork, which the child then waits on for ever
        return _serve_failure(sock, ("nofork", f"{native_threads()} threads in the building process"))
    gc.collect()
    gc.freeze()      # the built objects stay out of the children's collections: no copy-on-write
    # the warm-up's freed pages go back to the system rather than into every worker's map
    from lagebild.pipeline import release_free_memory
    release_free_memory()
    _serve(sock, parent_pid, lambda: _fork_one(target, analyze, sock))
    # Nothing of ours needs finalising, and tearing down the built objects took ~0.08 s that
    # the parent waited for at the end of every ingest (issue 14).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _sample_languages(analyze: Any, sample: Sequence[tuple[str, str | None]]) -> set[str]:
    """The languages the analysis's own language step finds in the sample; empty when it cannot
    tell (no sample, no such step: a custom pipeline), and then every language is warmed up."""
    from lagebild.model import Document
    steps = getattr(getattr(analyze, "pipeline", None), "components", ())
    step = next((c for c in steps if getattr(c, "name", None) == "language"), None)
    found: set[str] = set()
    for text, lang in sample if step is not None else ():
        try:
            found.add(step(Document(text=text, lang=lang)).lang)
        except Exception:   # refused (an unsupported language), or odd: only a hint; the
            continue        # document's own analysis reports what is wrong with it
    return found & set(WARM_UP_TEXTS)


def _serve_failure(sock: socket.socket, reply: tuple) -> None:
    _serve(sock, None, lambda: _reply(sock, reply))


def _serve(sock: socket.socket, parent_pid: int | None, on_request: Callable[[], None]) -> None:
    """Answer fork requests until the parent closes the socket or goes away; reap workers."""
    while True:
        ready = select.select([sock], [], [], POLL_SECONDS)[0]
        _reap()
        if parent_pid is not None and os.getppid() != parent_pid:
            return
        if not ready:
            continue
        try:
            req = sock.recv(64)
        except OSError:
            return
        if not req:
            return
        for _ in req:
            on_request()


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _fork_one(target: Callable[..., None], analyze: Any, sock: socket.socket) -> None:
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    me = os.getpid()
    pid = os.fork()
    if pid == 0:   # the worker: the built analysis, its own pipe ends, nothing of the zygote's
        code = 0
        try:
            sock.close()
            os.close(task_w)
            os.close(result_r)
            target(_Prebuilt(analyze), task_r, result_w, me)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    pidfd = os.pidfd_open(pid)     # before any reaping: the pid cannot have been reused yet
    os.close(task_r)
    os.close(result_w)
    try:
        _reply(sock, ("forked", pid), [task_w, result_r, pidfd])
    finally:
        for fd in (task_w, result_r, pidfd):
            os.close(fd)


class _Prebuilt:
    """A job that is already built: `worker_main` runs unchanged in a forked worker."""

    def __init__(self, analyze: Any):
        self._analyze = analyze

    def build(self) -> Any:
        return self._analyze
