"""Ingest throughput: the German corpora in ../shared/corpora/de with 1 and 2 analysis workers.

    python benchmarks/ingest.py                       # both corpora, 1 and 2 workers
    python benchmarks/ingest.py --limit 500 --corpus tagesschau --workers 1 2 4

Each run is a real `lagebild ingest` (subprocess) into a fresh temporary store, reading the
corpus where it lies (never copied). Reported per run: articles stored per second (including
worker start-up, i.e. loading the models), the start-up time and the steady rate after the
first commit, CPU per article in the writer and in the workers, peak resident memory of the
whole process tree (writer + workers, sampled from /proc every 0.1 s) and of its largest
process, peak PSS (shared pages split between the processes sharing them: what a forked worker
really adds) of the tree and of each process, the sampler's own CPU, the load average, and the
store size. PSS and the process tree are read every 0.1 s until the first commit (the building
process peaks before it forks) and every second after: reading PSS walks each process's page
tables, ~7 ms of kernel CPU for the tree, and the tree is a walk of /proc (~1 ms), which every
0.1 s took ~8-12% of a core from the workers of a two-worker run and nothing from a one-worker
run (it had an idle core). Target: >= 1.8x from 1 to 2 workers
(needs 2 idle cores: the writer also needs some CPU).

Exits cleanly (status 0, a message) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora" / "de"
BATCH = 50     # documents per transaction: fine-grained enough to time the steady state
PSS_EVERY = 10  # samples (of 0.1 s) between readings of PSS and of the process tree after start-up
RUNS = {
    "tagesschau": ("tagesschau-zeit-2025-2026.jsonl", ["--source", "tagesschau-zeit"]),
    # no header, ';'-separated, "'"-quoted, first column a category label
    "gnad": ("10kgnad-test.csv", ["--delimiter", ";", "--quotechar", "'", "--columns", "label,text",
                                  "--source", "10kGNAD"]),
}


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n to each, so the PSS of
    forked workers shows what each really adds (Linux /proc/PID/smaps_rollup)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def tree(root: int) -> list[int]:
    """The pid and all its descendants (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def run(corpus: str, workers: int, limit: int, tmp: Path) -> dict:
    name, extra = RUNS[corpus]
    db = tmp / f"{corpus}-{workers}.duckdb"
    summary = tmp / f"{corpus}-{workers}.json"
    commits = tmp / f"{corpus}-{workers}.commits"
    cmd = [sys.executable, "-m", "lagebild", "ingest", str(CORPORA / name), "--db", str(db),
           "--workers", str(workers), "--quiet", "--summary-json", str(summary), "--batch-size", str(BATCH), *extra]
    if limit:
        cmd += ["--limit", str(limit)]
    t0 = time.perf_counter()
    # the writer's notify hook appends a line per committed batch: start-up vs steady state
    env = dict(os.environ, LAGEBILD_FAULT=f"notify:{commits}")
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    seen: list[float] = []       # when each commit was first seen
    peak_total = peak_single = peak_pss = 0
    pss_peak: dict[int, int] = {}   # peak PSS per process
    cpu: dict[int, float] = {}     # last seen CPU seconds per process (workers exit before the end)
    sampler_cpu = time.process_time()
    tick = 0
    pids: list[int] = []
    while p.poll() is None:
        # every sample until the first commit (the workers start, the building process peaks
        # before it forks), then every second: the walk of /proc and PSS are the dear parts
        full = not seen or tick % PSS_EVERY == 0
        if full:
            pids = tree(p.pid)
        sizes = [rss_kb(pid) for pid in pids]
        peak_total = max(peak_total, sum(sizes))
        peak_single = max([peak_single, *sizes])
        if full:
            pss = {pid: pss_kb(pid) for pid in pids}
            peak_pss = max(peak_pss, sum(pss.values()))
            for pid, v in pss.items():
                pss_peak[pid] = max(pss_peak.get(pid, 0), v)
        tick += 1
        for pid in pids:
            cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
        n = len(commits.read_text().splitlines()) if commits.exists() else 0
        seen += [time.perf_counter() - t0] * (n - len(seen))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    sampler_cpu = time.process_time() - sampler_cpu
    err = p.stderr.read() if p.stderr else ""
    # 5 is partial success: some records were skipped (the summary counts them), the rest stored
    if p.returncode not in (0, 5):
        raise SystemExit(f"ingest failed ({p.returncode}): {err.strip()[-500:]}")
    s = json.loads(summary.read_text())
    size = sum(f.stat().st_size for f in (db, db.with_name(db.name + ".wal")) if f.exists())
    # steady state: documents committed after the first batch, over the time since it
    steady = None
    if len(seen) >= 3 and seen[-2] > seen[0]:
        steady = round((len(seen) - 2) * BATCH / (seen[-2] - seen[0]), 2)
    return {"corpus": corpus, "workers": workers, "read": s["read"], "stored": s["stored"],
            "skipped": s["skipped"], "errors": s["errors"], "duplicates": s["duplicates"],
            "near_duplicate_links": s["near_duplicate_links"], "ingest_seconds": s["seconds"],
            "wall_seconds": round(wall, 1), "articles_per_second": round(s["stored"] / s["seconds"], 2),
            "startup_seconds": round(seen[0], 1) if seen else None, "steady_articles_per_second": steady,
            "peak_rss_mb_total": round(peak_total / 1024), "peak_rss_mb_largest_process": round(peak_single / 1024),
            "store_mb": round(size / 1e6, 1),
            # PSS: the whole tree at its peak, and each process's own peak (main first)
            "peak_pss_mb_total": round(peak_pss / 1024),
            "peak_pss_mb_per_process": [round(pss_peak.get(p.pid, 0) / 1024)]
                                       + sorted((round(v / 1024) for k, v in pss_peak.items() if k != p.pid), reverse=True),
            # CPU per stored article: the main process (reading, writing) vs the analysis workers.
            # Load-independent; the 1 -> 2 worker speed-up on 2 free cores is at most
            # 2 * workers / (workers + main) of these.
            "cpu_ms_per_article_main": round(1000 * cpu.get(p.pid, 0.0) / max(s["stored"], 1), 1),
            "cpu_ms_per_article_workers": round(1000 * sum(v for k, v in cpu.items() if k != p.pid)
                                                / max(s["stored"], 1), 1),
            # what measuring cost (user + system CPU of this script during the run)
            "sampler_cpu_share_of_a_core": round(sampler_cpu / wall, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", nargs="+", choices=sorted(RUNS), default=sorted(RUNS, reverse=True))
    ap.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    ap.add_argument("--limit", type=int, default=0, help="Articles per corpus (0 = all).")
    ap.add_argument("--json", type=Path, help="Also write the results as JSON here.")
    args = ap.parse_args(argv)
    if not CORPORA.exists():
        print(f"skipped: {CORPORA} is not present (the shared corpora are not distributed)")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="lagebild-ingest-bench-") as tmp:
        for corpus in args.corpus:
            for w in args.workers:
                r = run(corpus, w, args.limit, Path(tmp))
                r["load_average"] = round(os.getloadavg()[0], 2)
                results.append(r)
                print(json.dumps(r), flush=True)
    for corpus in args.corpus:
        for key in ("articles_per_second", "steady_articles_per_second"):
            rates = {r["workers"]: r[key] for r in results if r["corpus"] == corpus}
            if rates.get(1) and rates.get(2):
                print(f"{corpus}: {rates[2] / rates[1]:.2f}x from 1 to 2 workers in {key} (target >= 1.8x)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
