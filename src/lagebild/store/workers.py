"""Analysis in worker processes (or inline), feeding the single writer.

Each worker builds its analysis function once (`AnalysisJob.build`: pipeline, lexicons, tagger
models) and then analyses documents sent to it in small tasks.

Transport and liveness. Every worker has two pipes of its own: tasks in, results out. The
parent never blocks on either: it sets its ends non-blocking and waits with a selector on the
result pipes, the task pipes it has bytes for, and the process sentinels. Messages are framed
(8-byte length + pickle) and reassembled in a per-worker buffer, so a worker killed halfway
through writing a large result leaves a partial frame that is simply dropped; a shared
`multiprocessing.Queue` cannot do that (its reader blocks inside `os.read` until the rest of
a message arrives, which never happens: issue 15). The sentinel reports the death even when
another process still holds a copy of the dead worker's pipe (as after a fork).

A dead worker is replaced and its unanswered tasks are sent again, so a killed worker costs
time, not documents. A task that was being analysed on three deaths is split into single
documents, and a single document on whose analysis three workers died is reported as a Problem (and so
counted as skipped), never retried for ever.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import selectors
import signal
import struct
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lagebild.errors import LagebildError, StoreError
from lagebild.formats.readers import Problem
from lagebild.model import Document
from lagebild.pipeline import release_free_memory
from lagebild.store.analyzed import AnalysisJob, Analyzed, problem_for
from lagebild.store.rowdata import document_columns

Result = Analyzed | Problem
TASK_SIZE = 8              # documents per message: amortises pickling and pipe overhead
INFLIGHT_PER_WORKER = 64   # documents in flight per worker: bounds memory, keeps workers busy
POLL_SECONDS = 0.5         # how often a waiting worker checks that its parent still lives
HEADER = struct.Struct("!Q")
READ_CHUNK = 1 << 20
MAX_DEATHS_PER_TASK = 3    # deaths with a task in flight before it is split / its document given up
MAX_IDLE_DEATHS = 10       # deaths in a row with no result in between: something kills every worker


def start_context():
    """How worker processes are spawned when they are not forked (`forked_workers`).

    `spawn`: the parent holds a DuckDB connection and threads, which must not be forked. The
    transport below does not depend on the start method (liveness comes from sentinels, not
    from end-of-file on the pipes).
    """
    return mp.get_context("spawn")


def forked_workers() -> bool:
    """Workers forked from one process that built the analysis (`store/prefork.py`: ~30 MB and
    no start-up each instead of ~440 MB and ~3 CPU-s), where the system gives pidfds (Linux);
    LAGEBILD_WORKERS=spawn spawns each one (the way to compare, or to avoid a fork)."""
    from lagebild.store import prefork
    return prefork.available() and os.environ.get("LAGEBILD_WORKERS", "fork") != "spawn"


# --- the worker side ------------------------------------------------------------------------------
def _write_frame(fd: int, payload: bytes, parent_pid: int) -> bool:
    """Write one frame, blocking but never for ever: False when the parent is gone."""
    data = memoryview(HEADER.pack(len(payload)) + payload)
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_WRITE)
    try:
        while data:
            if not sel.select(POLL_SECONDS):
                if os.getppid() != parent_pid:
                    return False
                continue
            try:
                n = os.write(fd, data)
            except BlockingIOError:
                continue
            data = data[n:]
        return True
    except (BrokenPipeError, OSError):
        return False
    finally:
        sel.close()


def _read_exact(fd: int, n: int, parent_pid: int) -> bytes | None:
    """Read n bytes; None at end of file or when the parent is gone (an orphan must not linger)."""
    buf = bytearray()
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    try:
        while len(buf) < n:
            if not sel.select(POLL_SECONDS):
                if os.getppid() != parent_pid:
                    return None
                continue
            try:
                chunk = os.read(fd, min(n - len(buf), READ_CHUNK))
            except BlockingIOError:   # woken without data (another reader took it): wait again
                continue
            if not chunk:
                return None
            buf += chunk
        return bytes(buf)
    except OSError:
        return None
    finally:
        sel.close()


def worker_main(job: AnalysisJob, task_fd: int, result_fd: int, parent_pid: int) -> None:
    """Worker process: build the analysis once, then analyse tasks until told to stop."""
    # Ctrl-C reaches the whole process group; the parent rolls back and stops us, quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM to the process group (a service manager stopping the ingest) is the parent's to
    # handle: it finishes its transaction and then stops us
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        analyze = job.build()
    except LagebildError as e:
        _write_frame(result_fd, pickle.dumps(("fatal", str(e))), parent_pid)
        return
    except Exception as e:  # report, do not leave the parent waiting for results
        _write_frame(result_fd, pickle.dumps(("fatal", f"{type(e).__name__}: {e}")), parent_pid)
        return
    while True:
        head = _read_exact(task_fd, HEADER.size, parent_pid)
        if head is None:
            return
        body = _read_exact(task_fd, HEADER.unpack(head)[0], parent_pid)
        if body is None:
            return
        task = pickle.loads(body)
        if task is None:
            return
        task_id, docs = task
        if not _write_frame(result_fd, pickle.dumps(("done", task_id, [_prepared(analyze(d), analyze) for d in docs]),
                                                    protocol=pickle.HIGHEST_PROTOCOL), parent_pid):
            return
        # A task's scratch memory (texts, tokens, results) is freed, but glibc keeps the pages:
        # handed back, a forked worker held ~5 MB less of its own; ~0.2 ms per task (issue 14)
        release_free_memory()


def _prepared(result: Result, analyze) -> Result:
    """The result with its table columns (`rowdata.document_columns`) and its MinHash bands
    computed here, in parallel, rather than in the single writer (issue 14)."""
    if isinstance(result, Analyzed):
        result.columns = document_columns(result)
        hasher = getattr(analyze, "hasher", None)
        if hasher is not None and result.minhash:
            result.bands = (hasher.params, hasher.buckets(result.minhash))
    return result


# --- the parent side ------------------------------------------------------------------------------
@dataclass
class Task:
    id: int
    docs: list[Document]
    deaths: int = 0


@dataclass
class Worker:
    """One process and the parent's ends of its two pipes."""
    proc: mp.process.BaseProcess
    task_fd: int                                  # parent writes tasks here (non-blocking)
    result_fd: int                                # parent reads results here (non-blocking)
    out: bytearray = field(default_factory=bytearray)     # framed tasks not yet written
    inbuf: bytearray = field(default_factory=bytearray)   # result bytes not yet a whole frame
    tasks: dict[int, Task] = field(default_factory=dict)  # sent, not answered
    dead: bool = False

    @property
    def load(self) -> int:
        return sum(len(t.docs) for t in self.tasks.values())


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

    def draining(self) -> Iterator[list[Result]]:
        yield self.ready()

    def close(self, abort: bool = False) -> None:
        pass


class PoolAnalyzer:
    """N worker processes; `submit` blocks while too many documents are in flight."""

    def __init__(self, job: AnalysisJob, workers: int, sample: Sequence[tuple[str, str | None]] = ()):
        """`sample`: (text, given language) of the input's first documents, so that forked
        workers share the models of the languages they will meet (`prefork.Zygote`)."""
        from lagebild.store.prefork import Zygote
        self._ctx = start_context()
        self._job = job
        self._zygote = Zygote(job, _spawned_main, sample) if forked_workers() else None
        self._workers: list[Worker] = []
        self._sel = selectors.DefaultSelector()
        self._max_inflight = workers * INFLIGHT_PER_WORKER
        self._next_task = 0
        self._ready: list[Result] = []
        self._retry: deque[Task] = deque()
        self._idle_deaths = 0
        self.restarts = 0            # workers replaced after dying (reported by benchmarks)
        self.torn_results = 0        # ... of which died halfway through writing a result
        self.received = 0            # results received (tests kill workers between them)
        for i in range(workers):
            self._workers.append(self._start(i))

    # -- processes
    def _start(self, index: int) -> Worker:
        if self._zygote is not None:
            from lagebild.store.prefork import NoFork
            try:
                proc, task_w, result_r = self._zygote.fork(f"lagebild-analysis-{index}")
                return self._watch(proc, task_w, result_r)
            except NoFork:          # the building process has threads: spawn instead
                self._zygote.close()
                self._zygote = None
            except LagebildError as e:
                raise StoreError(f"analysis worker could not start: {e}") from None
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        proc = self._ctx.Process(target=_spawned_main, name=f"lagebild-analysis-{index}", daemon=True,
                                 args=(self._job, _Fd(task_r), _Fd(result_w), os.getpid()))
        try:
            proc.start()
        finally:
            # the child has its own copies now; ours would keep the pipes open after it dies
            os.close(task_r)
            os.close(result_w)
        return self._watch(proc, task_w, result_r)

    def _watch(self, proc, task_w: int, result_r: int) -> Worker:
        os.set_blocking(task_w, False)
        os.set_blocking(result_r, False)
        w = Worker(proc, task_w, result_r)
        self._sel.register(result_r, selectors.EVENT_READ, ("result", w))
        self._sel.register(proc.sentinel, selectors.EVENT_READ, ("sentinel", w))
        return w

    def _bury(self, w: Worker) -> None:
        """A worker died: keep what it finished, send the rest again on a new worker."""
        w.dead = True
        self._drain_pipe(w)          # complete frames written before death are good results
        if w.inbuf:                  # died halfway through writing one: the partial frame is dropped
            self.torn_results += 1
        for fd in (w.result_fd, w.proc.sentinel):
            try:
                self._sel.unregister(fd)
            except (KeyError, ValueError):
                pass
        self._unwatch_writes(w)
        for fd in (w.task_fd, w.result_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        w.proc.join(timeout=1)
        code = w.proc.exitcode
        _release(w.proc)
        lost = sorted(w.tasks.values(), key=lambda t: t.id)
        if not lost:
            self._idle_deaths += 1
        if self._idle_deaths > MAX_IDLE_DEATHS:
            raise StoreError(f"analysis workers keep dying{_exit_code(code, 'last: ')} before analysing "
                             "anything; what was committed is kept, run the same ingest again to resume")
        for i, t in enumerate(lost):
            # a worker takes its tasks in order: only the first unanswered one was being analysed
            # when it died; the others are sent again without blame
            t.deaths += i == 0
            if t.deaths < MAX_DEATHS_PER_TASK:
                self._retry.append(t)
            elif len(t.docs) > 1:       # find the document that kills workers: one at a time
                for d in t.docs:
                    self._retry.append(Task(self._new_id(), [d], deaths=MAX_DEATHS_PER_TASK - 1))
            else:   # given up as a Problem: counted and reported, not retried for ever
                self._ready.append(problem_for(t.docs[0], f"analysis worker died on it {t.deaths} times{_exit_code(code)}"))
        index = self._workers.index(w)
        self._workers[index] = self._start(index)
        self.restarts += 1

    # -- framing
    def _new_id(self) -> int:
        self._next_task += 1
        return self._next_task

    def _send(self, w: Worker, task: Task) -> None:
        payload = pickle.dumps((task.id, task.docs), protocol=pickle.HIGHEST_PROTOCOL)
        was_empty = not w.out
        w.out += HEADER.pack(len(payload)) + payload
        w.tasks[task.id] = task
        self._write(w)
        if was_empty and w.out:   # the rest goes out when the pipe has room (see _poll)
            self._sel.register(w.task_fd, selectors.EVENT_WRITE, ("task", w))

    def _write(self, w: Worker) -> None:
        try:
            while w.out:
                n = os.write(w.task_fd, w.out[:READ_CHUNK])
                del w.out[:n]
        except BlockingIOError:
            return
        except (BrokenPipeError, OSError):
            w.out.clear()            # the worker is gone; its sentinel will tell, its tasks go again
        if not w.out:
            self._unwatch_writes(w)

    def _unwatch_writes(self, w: Worker) -> None:
        try:
            self._sel.unregister(w.task_fd)
        except (KeyError, ValueError):
            pass

    def _drain_pipe(self, w: Worker) -> None:
        while True:
            try:
                chunk = os.read(w.result_fd, READ_CHUNK)
            except (BlockingIOError, OSError):
                break
            if not chunk:
                break
            w.inbuf += chunk
        self._frames(w)

    def _frames(self, w: Worker) -> None:
        while len(w.inbuf) >= HEADER.size:
            n = HEADER.unpack_from(w.inbuf)[0]
            if len(w.inbuf) < HEADER.size + n:
                return
            msg = pickle.loads(bytes(w.inbuf[HEADER.size:HEADER.size + n]))
            del w.inbuf[:HEADER.size + n]
            self._handle(w, msg)

    def _handle(self, w: Worker, msg: tuple) -> None:
        if msg[0] == "fatal":
            raise StoreError(f"analysis worker {w.proc.pid} could not start: {msg[1]}")
        _, task_id, results = msg
        self.received += 1
        if w.tasks.pop(task_id, None) is not None:
            self._idle_deaths = 0
            self._ready.extend(results)

    # -- the loop
    @property
    def _inflight(self) -> int:
        return sum(w.load for w in self._workers) + sum(len(t.docs) for t in self._retry)

    def _dispatch_retries(self) -> None:
        while self._retry:
            w = min(self._workers, key=lambda x: x.load)
            self._send(w, self._retry.popleft())

    def _poll(self, timeout: float) -> None:
        """Wait up to `timeout` for results, writable task pipes or deaths, and handle them."""
        for key, _ in self._sel.select(timeout):
            what, w = key.data
            if w.dead:
                continue
            if what == "task":
                self._write(w)
            elif what == "result":
                try:
                    chunk = os.read(w.result_fd, READ_CHUNK)
                except BlockingIOError:
                    continue
                except OSError:
                    chunk = b""
                if chunk:
                    w.inbuf += chunk
                    self._frames(w)
                else:   # end of file: every copy of the write end is closed, the worker is ending
                    self._bury(w)
            else:  # the sentinel: the process has ended
                self._bury(w)
        self._dispatch_retries()

    def submit(self, docs: Sequence[Document]) -> None:
        for i in range(0, len(docs), TASK_SIZE):
            chunk = list(docs[i:i + TASK_SIZE])
            while self._inflight + len(chunk) > self._max_inflight:
                self._poll(POLL_SECONDS)
            w = min(self._workers, key=lambda x: x.load)
            self._send(w, Task(self._new_id(), chunk))

    def ready(self) -> list[Result]:
        self._poll(0)
        out, self._ready = self._ready, []
        return out

    def drain(self) -> list[Result]:
        return [r for results in self.draining() for r in results]

    def draining(self) -> Iterator[list[Result]]:
        """The results still to come, as they arrive: the writer commits the first of them
        while the workers finish the last (collected first, the final batches were committed
        with every worker idle; issue 14)."""
        while self._inflight:
            self._poll(POLL_SECONDS)
            if self._ready:
                out, self._ready = self._ready, []
                yield out
        if self._ready:
            out, self._ready = self._ready, []
            yield out

    def close(self, abort: bool = False) -> None:
        """Stop the workers: politely after a finished run, at once after an error."""
        if not abort:
            stop = pickle.dumps(None)
            for w in self._workers:
                if not w.dead:
                    w.out += HEADER.pack(len(stop)) + stop
                    self._write(w)
        deadline = time.monotonic() + (0 if abort else 5)
        for w in self._workers:
            w.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive() and not abort:
                w.proc.terminate()
                w.proc.join(timeout=1)
            if w.proc.is_alive():   # workers ignore SIGTERM (it is the parent's to handle): kill
                w.proc.kill()
                w.proc.join(timeout=1)
            if not w.dead:
                for fd in (w.task_fd, w.result_fd):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
                w.dead = True
            _release(w.proc)
        if self._zygote is not None:
            self._zygote.close()
        self._sel.close()

    def pids(self) -> list[int]:
        """The live workers' process ids (for tests that kill them)."""
        return [w.proc.pid for w in self._workers if not w.dead and w.proc.pid]


def _exit_code(code: int | None, prefix: str = "") -> str:
    """' (exit code N)', or nothing for a forked worker (its exit code is its zygote's to know)."""
    return f" ({prefix}exit code {code})" if code is not None else ""


def _release(proc) -> None:
    """A forked worker's pidfd is ours to close (a spawned one's sentinel is multiprocessing's)."""
    from lagebild.store.prefork import ForkedProcess
    if isinstance(proc, ForkedProcess):
        proc.close()


class _Fd:
    """A pipe end passed to a spawned child: duplicated into it like a Connection's handle."""

    def __init__(self, fd: int):
        self.fd = fd

    def __reduce__(self):
        from multiprocessing.reduction import DupFd
        return (_Fd._rebuild, (DupFd(self.fd),))

    @staticmethod
    def _rebuild(dupfd) -> int:
        return dupfd.detach()


def _spawned_main(job: AnalysisJob, task_fd, result_fd, parent_pid: int) -> None:
    # under spawn the pipe ends arrive as duplicated descriptors; under fork as the _Fd objects
    task = task_fd.fd if isinstance(task_fd, _Fd) else task_fd
    result = result_fd.fd if isinstance(result_fd, _Fd) else result_fd
    os.set_blocking(task, False)
    os.set_blocking(result, False)
    worker_main(job, task, result, parent_pid)


def make_analyzer(job: AnalysisJob, workers: int,
                  sample: Sequence[tuple[str, str | None]] = ()) -> InlineAnalyzer | PoolAnalyzer:
    return InlineAnalyzer(job) if workers <= 0 else PoolAnalyzer(job, workers, sample)
