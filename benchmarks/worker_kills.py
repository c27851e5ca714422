"""Worker kills: SIGKILL analysis workers at random moments (often halfway through writing a large
result) and check that the pool never hangs and returns every document exactly once.

    python benchmarks/worker_kills.py --kills 50

Uses the store tests' fake pipeline (no models), each result padded to --size characters so it
is far larger than a pipe buffer. Prints kills, restarts, torn results, hangs, lost, doubled.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--size", type=int, default=150_000, help="characters added to each result")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--timeout", type=float, default=600, help="seconds after which a run counts as hung")
    args = ap.parse_args()
    import os
    import threading
    os.environ.setdefault("LAGEBILD_FAKE_DELAY", "0.005")
    os.environ["LAGEBILD_FAKE_PAD"] = str(args.size)
    from test_store_workers import documents, run_with_kills

    from lagebild.store.analyzed import AnalysisJob, Analyzed
    job = AnalysisJob(pipeline="store_fakes:make_pipeline")
    total_kills = lost = doubled = hangs = rounds = torn = 0
    started = time.monotonic()
    while total_kills < args.kills:
        rounds += 1
        docs = documents(200, 2000)
        box: dict = {}

        def work() -> None:
            box["out"] = run_with_kills(job, docs, kills=10, seed=args.seed + rounds, workers=args.workers)

        t = threading.Thread(target=work, daemon=True)
        t.start()
        t.join(args.timeout)
        if t.is_alive():
            hangs += 1
            print(f"round {rounds}: HUNG", flush=True)
            break
        results, killed, n_torn = box["out"]
        torn += n_torn
        counts = Counter(r.doc_id for r in results if isinstance(r, Analyzed))
        lost += sum(1 for d in docs if counts[d.id] == 0)
        doubled += sum(1 for n in counts.values() if n > 1)
        total_kills += killed
        print(f"round {rounds}: {killed} kills, {len(counts)}/{len(docs)} documents back, "
              f"{total_kills} kills so far ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"kills {total_kills} ({torn} halfway through writing a result), rounds {rounds}, hangs {hangs}, documents lost {lost}, doubled {doubled}")
    return 1 if hangs or lost or doubled else 0


if __name__ == "__main__":
    raise SystemExit(main())
