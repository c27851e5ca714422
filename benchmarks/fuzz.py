"""Soak test: the pipeline on N mutated German texts (our own sentences, tests/fuzzing.py).

    python benchmarks/fuzz.py --examples 10000 [--seed S] [--max-chars 200000]
    python benchmarks/fuzz.py --examples 5000 --offset 5000   # the second half of the same 10,000
    python benchmarks/fuzz.py --worst      # the issue-15 worst cases, timed one by one

Reports counts (analysed, refused with a one-line reason, over the time budget, uncaught
exceptions), the slowest input (CPU seconds, size, seconds per MB, its mutation seed) and peak
RSS. Time is CPU time (process time): on a shared machine wall time measures the load; an input
over --hang CPU seconds is a hang, and one over it in wall time only is printed and counted
apart. SIGINT or SIGTERM stops the run and still prints the summary of what was done.
Exit code 1 if any exception escaped or any input took longer than --hang CPU seconds.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--offset", type=int, default=0,
                    help="first example number: shards of one soak run side by side (same inputs as one run)")
    ap.add_argument("--max-chars", type=int, default=200_000)
    ap.add_argument("--time-budget", type=float, default=60.0)
    ap.add_argument("--hang", type=float, default=30.0, help="CPU seconds that count as a hang (the issue's bound)")
    ap.add_argument("--worst", action="store_true", help="time the issue-15 worst cases instead")
    args = ap.parse_args()
    from lagebild.analysis import make_pipeline
    from lagebild.settings import Settings

    pipeline = make_pipeline(Settings(lang="de", check_language=False, published=date(2024, 2, 10),
                                      max_chars=args.max_chars, time_budget=args.time_budget))
    if args.worst:
        return worst(pipeline)
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    soak = Soak(pipeline, args.seed, args.hang)
    started = time.monotonic()
    try:
        for i in range(args.offset, args.offset + args.examples):
            soak.one(i)
            if soak.done % 100 == 0:
                print(f"{soak.done}/{args.examples} ({time.monotonic() - started:.0f} s) {dict(soak.counts)}",
                      flush=True)
    except KeyboardInterrupt:
        print(f"stopped after {soak.done} examples", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"examples {soak.done} (from {args.offset}), {soak.bytes / 1e6:.1f} MB in "
          f"{time.monotonic() - started:.0f} s wall, {time.process_time():.0f} s CPU: {dict(soak.counts)}")
    if soak.reasons:
        print("refused: " + ", ".join(f"{r} {n}" for r, n in soak.reasons.most_common()))
    (el, size, seed), (rate, rsize, rseed) = soak.slowest, soak.worst_rate
    print(f"slowest input: {el:.2f} CPU-s, {size} bytes (seed {seed}); worst rate {rate:.1f} CPU-s/MB "
          f"({rsize} bytes, seed {rseed}); peak RSS {rss:.0f} MB")
    c = soak.counts
    return 1 if c["uncaught exceptions"] or c["hangs"] or c["invalid records"] else 0


class Soak:
    """Runs examples one by one and tallies their outcomes and CPU times."""

    def __init__(self, pipeline, seed: int, hang: float):
        self.pipeline, self.seed, self.hang = pipeline, seed, hang
        self.counts: Counter = Counter()
        self.reasons: Counter = Counter()
        self.slowest = (0.0, 0, -1)       # CPU seconds, bytes, seed
        self.worst_rate = (0.0, 0, -1)    # CPU seconds per MB, bytes, seed (inputs over 1 KB)
        self.done = 0
        self.bytes = 0

    def one(self, i: int) -> None:
        from fuzzing import mutate

        from lagebild.analysis import analyze_document
        from lagebild.errors import BudgetError, LagebildError
        from lagebild.formats.decoding import decode
        from lagebild.formats.schema import record_errors
        from lagebild.model import Document
        seed = self.seed * 1_000_003 + i
        raw = mutate(random.Random(seed))
        t, c = time.perf_counter(), time.process_time()
        try:
            records = analyze_document(Document(text=decode(raw).text, id=f"fuzz{i}"), self.pipeline)
            bad = [e for r in records for e in record_errors(r)]
            self.counts["invalid records" if bad else "analysed"] += 1
        except BudgetError:
            self.counts["over the time budget"] += 1
        except LagebildError as e:
            self.counts["refused"] += 1
            self.reasons[str(e).split(":")[0][:60]] += 1
        except Exception:
            self.counts["uncaught exceptions"] += 1
            print(f"seed {seed}: " + traceback.format_exc().splitlines()[-1], flush=True)
        wall, el = time.perf_counter() - t, time.process_time() - c
        if el > self.hang:
            self.counts["hangs"] += 1
            print(f"seed {seed}: {el:.1f} CPU-s ({wall:.1f} s wall), {len(raw)} bytes", flush=True)
        elif wall > self.hang:
            self.counts["over --hang in wall time only (load)"] += 1
        self.slowest = max(self.slowest, (el, len(raw), seed))
        if len(raw) > 1000:
            self.worst_rate = max(self.worst_rate, (el / len(raw) * 1e6, len(raw), seed))
        self.done += 1
        self.bytes += len(raw)


WORST = {
    "2,000-letter word": "Die Regierung teilte mit, " + "a" * 2000 + " sei wichtig.",
    "1,500-character URL": "Merz sagte, https://example.org/" + "x/y-z" * 300 + " sei wichtig.",
    "e + 800 combining accents": "Merz sagte, e" + "\u0301" * 800 + " sei wichtig.",
    "2,000 x 'Putin sagte, '": "Putin sagte, " * 2000,
    "100,000 x 'Putin sagte, '": "Putin sagte, " * 100_000,
}


def worst(pipeline) -> int:
    from lagebild.analysis import analyze_document
    from lagebild.model import Document
    analyze_document(Document(text="Putin telefonierte am Freitag mit Xi.", id="warm"), pipeline)  # load models
    for name, text in WORST.items():
        doc = Document(text=text, id="worst")
        t = time.perf_counter()
        analyze_document(doc, pipeline)
        cut = " (truncated to --max-chars)" if any("truncated" in w for w in doc.warnings) else ""
        print(f"{name}: {time.perf_counter() - t:.2f} s, {len(text):,} characters{cut}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
