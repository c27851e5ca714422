"""Soak test: the pipeline on N mutated German texts (our own sentences, tests/fuzzing.py).

    python benchmarks/fuzz.py --examples 10000 [--seed S] [--max-chars 200000]
    python benchmarks/fuzz.py --examples 5000 --offset 5000   # the second half of the same 10,000
    python benchmarks/fuzz.py --worst      # the issue-15 worst cases, timed one by one

Reports counts (analysed, refused with a one-line reason, over the time budget, uncaught
exceptions), the slowest input (seconds, size, seconds per MB, its mutation seed) and peak RSS.
Exit code 1 if any exception escaped or any input took longer than --hang seconds.
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
    ap.add_argument("--hang", type=float, default=30.0, help="seconds that count as a hang (the issue's bound)")
    ap.add_argument("--worst", action="store_true", help="time the issue-15 worst cases instead")
    args = ap.parse_args()
    from fuzzing import mutate

    from lagebild.analysis import analyze_document, make_pipeline
    from lagebild.errors import BudgetError, LagebildError
    from lagebild.formats.decoding import decode
    from lagebild.formats.schema import record_errors
    from lagebild.model import Document
    from lagebild.settings import Settings

    pipeline = make_pipeline(Settings(lang="de", check_language=False, published=date(2024, 2, 10),
                                      max_chars=args.max_chars, time_budget=args.time_budget))
    if args.worst:
        return worst(pipeline)
    counts: Counter = Counter()
    reasons: Counter = Counter()
    slowest = (0.0, 0, -1)
    worst_rate = (0.0, 0, -1)
    total_bytes = 0
    started = time.monotonic()
    for i in range(args.offset, args.offset + args.examples):
        seed = args.seed * 1_000_003 + i
        raw = mutate(random.Random(seed))
        total_bytes += len(raw)
        t = time.perf_counter()
        try:
            records = analyze_document(Document(text=decode(raw).text, id=f"fuzz{i}"), pipeline)
            bad = [e for r in records for e in record_errors(r)]
            counts["invalid records" if bad else "analysed"] += 1
        except BudgetError:
            counts["over the time budget"] += 1
        except LagebildError as e:
            counts["refused"] += 1
            reasons[str(e).split(":")[0][:60]] += 1
        except Exception:
            counts["uncaught exceptions"] += 1
            print(f"seed {seed}: " + traceback.format_exc().splitlines()[-1], flush=True)
        el = time.perf_counter() - t
        if el > args.hang:
            counts["hangs"] += 1
        if el > slowest[0]:
            slowest = (el, len(raw), seed)
        rate = el / max(len(raw), 1) * 1e6
        if rate > worst_rate[0] and len(raw) > 1000:
            worst_rate = (rate, len(raw), seed)
        if (i + 1 - args.offset) % 100 == 0:
            print(f"{i + 1 - args.offset}/{args.examples} ({time.monotonic() - started:.0f} s) {dict(counts)}", flush=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"examples {args.examples}, {total_bytes / 1e6:.1f} MB in {time.monotonic() - started:.0f} s: {dict(counts)}")
    if reasons:
        print("refused: " + ", ".join(f"{r} {n}" for r, n in reasons.most_common()))
    print(f"slowest input: {slowest[0]:.2f} s, {slowest[1]} bytes (seed {slowest[2]}); "
          f"worst rate {worst_rate[0]:.1f} s/MB ({worst_rate[1]} bytes, seed {worst_rate[2]}); peak RSS {rss:.0f} MB")
    return 1 if counts["uncaught exceptions"] or counts["hangs"] or counts["invalid records"] else 0


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
