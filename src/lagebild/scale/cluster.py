"""`lagebild ingest INPUTS --cluster ADDRESS --out DATASET`: the driver, on Dask distributed.

    driver: plan partitions -> submit one task each -> collect reports (progress) -> finalise
    worker: AnalysisPlugin builds the analysis once per process -> run_partition writes Parquet

ADDRESS is a scheduler (`tcp://host:8786`, started with `dask scheduler`, workers with
`dask worker tcp://host:8786 --nthreads 1`) or `local:N` for a LocalCluster of N processes on
this machine (`inline` runs the same tasks one after another in this process, without Dask:
for debugging, and for the tests of everything but the engine). Workers must see the inputs and the output directory under the same paths (a
shared file system, or one machine). Dask is an optional extra (`pip install lagebild[dask]`):
only this module imports it.

A worker that dies (even SIGKILL) loses its running tasks; the scheduler runs them again on
another worker, and since a partition's files are named by their content and its manifest is
written last, the rerun replaces what the lost attempt left, so nothing is lost or doubled.
A driver that dies leaves finished partitions in place: the same command again skips them.
"""
from __future__ import annotations

import hashlib
import threading
from collections import Counter
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lagebild.errors import ClusterError, InputError
from lagebild.formats.readers import ReadOptions
from lagebild.scale.dataset import begin_run, manifests
from lagebild.scale.finalise import FinaliseReport, finalise
from lagebild.scale.partitions import DEFAULT_SIZE, Partition, plan, take
from lagebild.scale.tasks import PartitionReport, run_partition, warm_up
from lagebild.store.analyzed import AnalysisJob
from lagebild.store.ingest import IngestSummary, Progress
from lagebild.store.writer import NEAR_DUPLICATE_THRESHOLD

PLUGIN = "lagebild-analysis"
CONNECT_TIMEOUT = "30s"


@dataclass(frozen=True)
class ClusterOptions:
    cluster: str                          # tcp://host:port, or local:N
    partition_size: int = DEFAULT_SIZE    # documents (JSON Lines lines, files) per task
    job: AnalysisJob = field(default_factory=AnalysisJob)
    read: ReadOptions = field(default_factory=ReadOptions)
    near_threshold: float = NEAR_DUPLICATE_THRESHOLD
    retries: int = 1                      # a task that fails (not one whose worker died) is tried again
    limit: int = 0                        # read about this many documents at most (whole partitions; 0 = all)
    eager: bool = True                    # build the pipeline when a worker joins, not in its first task


@dataclass
class ClusterSummary(IngestSummary):
    partitions: int = 0
    partitions_done_before: int = 0       # finished by an earlier run: not analysed again
    workers: int = 0
    finalise: FinaliseReport | None = None
    first_result: float | None = None     # seconds from submitting to the first partition written
    analysis_seconds: float = 0.0         # from submitting to the last partition written
    finalise_seconds: float = 0.0
    worker_seconds: float = 0.0           # analysis + writing, summed over tasks
    rows: Counter = field(default_factory=Counter)   # table -> rows written (before finalising)
    build_seconds: dict[str, float] = field(default_factory=dict)   # worker -> pipeline build time


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError("Dask is not installed: pip install 'lagebild[dask]'") from None
    return distributed


def make_plugin(job: AnalysisJob, eager: bool = True):
    """A Dask worker plugin holding the worker's analysis function (built once per worker process)."""
    distributed = _import_distributed()

    class AnalysisPlugin(distributed.WorkerPlugin):
        name = PLUGIN

        def __init__(self, job: AnalysisJob, eager: bool):
            self.job = job
            self.eager = eager
            self.analyze = None
            self.build_seconds = 0.0
            self.lock = None      # made on the worker: the plugin travels pickled, a lock cannot

        def setup(self, worker) -> None:
            self.lock = threading.Lock()
            if self.eager:
                self.get()

        def get(self):
            # one pipeline per process, shared by the worker's threads one at a time (the
            # pipeline's caches are not made for threads; run workers with --nthreads 1)
            if self.analyze is None:
                started = time.monotonic()
                self.analyze = self.job.build()
                warm_up(self.analyze)
                self.build_seconds = time.monotonic() - started
            return self.analyze

    return AnalysisPlugin(job, eager)


def analyze_task(part: Partition, key: str, run: int, read: ReadOptions, root: str) -> PartitionReport:
    """The Dask task: the worker's analysis function from its plugin, then `run_partition`."""
    from distributed import get_worker
    plugin = get_worker().plugins[PLUGIN]
    with plugin.lock:
        return run_partition(part, key, run, plugin.get(), read, root)


def _build_times(dask_worker) -> float:
    return dask_worker.plugins[PLUGIN].build_seconds


def open_client(address: str):
    """A Client for `address` (tcp://... or local:N) and a function that closes what was opened."""
    distributed = _import_distributed()
    if address.startswith("local:"):
        try:
            n = int(address.partition(":")[2])
        except ValueError:
            n = 0
        if n < 1:
            raise InputError(f"--cluster {address}: local:N needs a number of workers N >= 1")
        # processes, one thread each: the pipeline is pure Python (the GIL) and loads once per process
        cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
        client = distributed.Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()
        return client, close
    if "://" not in address:
        raise InputError(f"--cluster {address}: give a scheduler address (tcp://HOST:8786) or local:N")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({_one_line(e)})") from None
    return client, client.close


def job_salt(job: AnalysisJob, read: ReadOptions) -> str:
    """What, besides its inputs, decides a partition's output."""
    return hashlib.sha256(f"{job.pipeline}|{job.pipeline_version}|{job.settings!r}|{job.hasher.params}|{read!r}"
                          .encode()).hexdigest()


def ingest_cluster(inputs: list[str], out: str | Path, options: ClusterOptions,
                   progress: Progress | None = None, step: Callable[[str], None] | None = None) -> ClusterSummary:
    """Analyse `inputs` on the cluster into the dataset `out`, then finalise it.

    `progress` wraps the stream of finished partitions (a progress bar); `step` is told the
    phases of finalising, which follow."""
    started = time.monotonic()
    root = Path(out).resolve()
    summary = ClusterSummary()
    parts = plan(inputs, options.partition_size) if inputs else []
    if options.limit:
        parts = take(parts, options.limit)
    run = begin_run(root, options.job.hasher.params)
    salt = job_salt(options.job, options.read)
    done = set(manifests(root))
    todo = [(p, k) for p in parts if (k := p.key(salt)) not in done]
    summary.partitions = len(parts)
    summary.partitions_done_before = len(parts) - len(todo)
    if todo and options.cluster == "inline":
        _run_inline(todo, run, root, options, summary, progress)
    elif todo:
        client, close = open_client(options.cluster)
        try:
            _run(client, todo, run, root, options, summary, progress)
        finally:
            close()
    finalising = time.monotonic()
    summary.finalise = finalise(root, options.near_threshold, step)
    summary.finalise_seconds = time.monotonic() - finalising
    summary.stored -= sum(summary.finalise.duplicates.values())
    for reason, n in summary.finalise.duplicates.items():
        summary.duplicates[reason] += n
    summary.renamed += summary.finalise.renamed
    summary.near_duplicates = summary.finalise.near_duplicate_links
    summary.elapsed = time.monotonic() - started
    return summary


def _run(client, todo: list[tuple[Partition, str]], run: int, root: Path, options: ClusterOptions,
         summary: ClusterSummary, progress: Progress | None) -> None:
    distributed = _import_distributed()
    summary.workers = len(client.scheduler_info().get("workers", {}))
    if not summary.workers:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (TimeoutError, OSError):
            raise ClusterError(f"no worker joined the scheduler at {options.cluster} within {CONNECT_TIMEOUT}; "
                               "start workers with `dask worker ADDRESS --nthreads 1`") from None
        summary.workers = len(client.scheduler_info().get("workers", {}))
    client.register_plugin(make_plugin(options.job, options.eager), name=PLUGIN)
    summary.build_seconds = {str(k): float(v) for k, v in client.run(_build_times).items()}
    submitted = time.monotonic()
    futures = [client.submit(analyze_task, part, key, run, options.read, str(root),
                             key=f"lagebild-{key}-{run}", pure=False, retries=options.retries)
               for part, key in todo]

    def stream() -> Iterator[None]:
        for fut in distributed.as_completed(futures):
            try:
                report: PartitionReport = fut.result()
            except Exception as e:   # a task that failed every try, or a worker killed too often
                for f in futures:
                    f.cancel()
                raise ClusterError(f"a partition failed on the cluster ({_one_line(e)}); finished "
                                   "partitions are kept, run the same command again to resume") from None
            if summary.first_result is None:
                summary.first_result = time.monotonic() - submitted
            _add(summary, report)
            yield
    for _ in (progress(stream(), len(futures)) if progress is not None else stream()):
        pass
    summary.analysis_seconds = time.monotonic() - submitted


def _run_inline(todo: list[tuple[Partition, str]], run: int, root: Path, options: ClusterOptions,
                summary: ClusterSummary, progress: Progress | None) -> None:
    started = time.monotonic()
    analyze = options.job.build()
    warm_up(analyze)
    summary.workers = 1
    summary.build_seconds = {"inline": time.monotonic() - started}
    submitted = time.monotonic()

    def stream() -> Iterator[None]:
        for part, key in todo:
            _add(summary, run_partition(part, key, run, analyze, options.read, root))
            if summary.first_result is None:
                summary.first_result = time.monotonic() - submitted
            yield
    for _ in (progress(stream(), len(todo)) if progress is not None else stream()):
        pass
    summary.analysis_seconds = time.monotonic() - submitted


def _add(summary: ClusterSummary, r: PartitionReport) -> None:
    summary.batches += 1
    summary.read += r.read
    summary.stored += r.stored
    summary.truncated += r.truncated
    summary.renamed += r.renamed
    summary.duplicates.update(r.duplicates)
    summary.skipped.update(r.skipped)
    summary.errors.update(r.errors)
    summary.worker_seconds += r.seconds
    for g in r.groups:
        summary.rows.update(g.rows)
    for ex in r.examples:
        if len(summary.examples) < 200:
            summary.examples.append(ex)


def _one_line(e: BaseException) -> str:
    msg = " ".join(str(e).split()) or type(e).__name__
    return f"{type(e).__name__}: {msg}"[:240]


def describe(summary: ClusterSummary) -> dict[str, Any]:
    """The cluster-specific part of a summary, for --summary-json and the benchmark."""
    f = summary.finalise
    return {"partitions": summary.partitions, "partitions_done_before": summary.partitions_done_before,
            "workers": summary.workers, "first_result_seconds": summary.first_result,
            "analysis_seconds": round(summary.analysis_seconds, 3), "finalise_seconds": round(summary.finalise_seconds, 3),
            "worker_seconds": round(summary.worker_seconds, 3), "rows_written": dict(summary.rows),
            "pipeline_build_seconds": summary.build_seconds,
            "finalise": None if f is None else {"orphans_removed": f.orphans_removed,
                                                 "duplicates": f.duplicates, "renamed": f.renamed,
                                                 "groups_rewritten": f.groups_rewritten,
                                                 "near_duplicate_links": f.near_duplicate_links,
                                                 "documents": f.documents}}
