"""Scale-out on Dask: the German corpus through `ingest --cluster` with 1 and 2 workers.

    python benchmarks/scale.py                         # 600 tagesschau articles, 1 and 2 workers
    python benchmarks/scale.py --limit 0 --workers 1 2 --partition-size 50 --json out.json

Each run starts a LocalCluster of N worker processes (one thread each, as `local:N` does),
hands its address to the library's `ingest_cluster` (so the workers can be asked afterwards
for their peak memory and CPU time) and writes a fresh dataset in a temporary directory. The
corpus is read where it lies in ../shared (never copied). Reported per run:

- articles/s over the whole run (plan, pipeline build, analysis, finalise) and over the
  analysis phase, and the speed-up from 1 to N workers (target >= 1.7x with 2 on 2 idle cores);
- time to the first written partition, and the pipeline build time per worker (the plugin
  builds it when the worker joins; `--lazy` builds it in the first task instead, to compare);
- peak RSS per worker (VmHWM) and CPU seconds per worker and of the driver, with the load
  average: on a shared machine the wall clock says less than the CPU time;
- the scheduler's overhead per task: a run of empty tasks on the same cluster.

Exits cleanly (status 0, a message) when ../shared is absent or Dask is not installed.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "de" / "tagesschau-zeit-2025-2026.jsonl"


def _worker_stats() -> dict:
    """Run on a worker: its peak resident memory and CPU time so far."""
    peak_kb = 0
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                peak_kb = int(line.split()[1])
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"peak_rss_mb": round(peak_kb / 1024), "cpu_seconds": round(ru.ru_utime + ru.ru_stime, 1)}


def _noop(x: int) -> int:
    return x


def scheduler_overhead(client, n: int = 400) -> float:
    """Milliseconds per task of empty tasks, submitted together and gathered: what partitioning adds."""
    client.gather(client.map(_noop, range(20), pure=False))     # warm
    t0 = time.perf_counter()
    client.gather(client.map(_noop, range(n), pure=False))
    return 1000 * (time.perf_counter() - t0) / n


def run(workers: int, args, tmp: Path) -> dict:
    from distributed import Client, LocalCluster

    from lagebild.scale.cluster import ClusterOptions, ingest_cluster
    load_before = os.getloadavg()
    cpu0 = time.process_time()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        overhead = scheduler_overhead(client)
        t0 = time.perf_counter()
        s = ingest_cluster([str(CORPUS)], tmp / f"ds-{workers}",
                           ClusterOptions(cluster.scheduler_address, partition_size=args.partition_size,
                                          limit=args.limit, eager=not args.lazy))
        wall = time.perf_counter() - t0
        stats = client.run(_worker_stats)
    steady = s.stored / (s.analysis_seconds - s.first_result) if s.first_result and s.analysis_seconds > s.first_result else None
    return {
        "workers": workers, "partition_size": args.partition_size, "partitions": s.partitions,
        "stored": s.stored, "errors": s.n_errors, "duplicates": s.n_duplicates,
        "near_duplicate_links": s.near_duplicates, "rows_written": dict(s.rows),
        "wall_seconds": round(wall, 1), "articles_per_second": round(s.stored / wall, 2),
        "analysis_seconds": round(s.analysis_seconds, 1),
        "analysis_articles_per_second": round(s.stored / s.analysis_seconds, 2) if s.analysis_seconds else None,
        "steady_articles_per_second": round(steady, 2) if steady else None,
        "first_result_seconds": round(s.first_result or 0, 2),
        "pipeline_build_seconds": sorted(round(v, 2) for v in s.build_seconds.values()),
        "finalise_seconds": round(s.finalise_seconds, 2),
        "task_seconds_mean": round(s.worker_seconds / max(s.batches, 1), 2),
        "scheduler_overhead_ms_per_task": round(overhead, 2),
        "workers_peak_rss_mb": sorted(v["peak_rss_mb"] for v in stats.values()),
        "workers_cpu_seconds": sorted(v["cpu_seconds"] for v in stats.values()),
        "driver_cpu_seconds": round(time.process_time() - cpu0, 1),
        "cpu_ms_per_article_workers": round(1000 * sum(v["cpu_seconds"] for v in stats.values()) / max(s.stored, 1), 1),
        "load_average_before": [round(x, 1) for x in load_before],
        "load_average_after": [round(x, 1) for x in os.getloadavg()],
        "cores": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--limit", type=int, default=600, help="Articles (0 = the whole file).")
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--lazy", action="store_true", help="Build the pipeline in each worker's first task.")
    ap.add_argument("--json", type=Path, help="Also write the results as JSON here.")
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}; nothing to measure")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("Dask is not installed (pip install 'lagebild[dask]'); nothing to measure")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="lagebild-scale-") as tmp:
        for n in args.workers:
            r = run(n, args, Path(tmp))
            results.append(r)
            print(json.dumps(r), flush=True)
    base = next((r for r in results if r["workers"] == 1), None)
    if base:
        for r in results:
            if r["workers"] > 1:
                print(f"speed-up 1 -> {r['workers']} workers: whole run "
                      f"{r['articles_per_second'] / base['articles_per_second']:.2f}x, analysis "
                      f"{r['analysis_articles_per_second'] / base['analysis_articles_per_second']:.2f}x "
                      f"(load average {r['load_average_before'][0]} on {r['cores']} cores)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
