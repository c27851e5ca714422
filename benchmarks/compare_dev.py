"""Account comparison on the compare-dev gold: story grouping and who reports / leaves out what.

    python benchmarks/compare_dev.py [--gold DIR] [--out PRED.json] [--json] [--verbose]

Ingests the gold's items.jsonl into a temporary store (in this process, no workers), asks the
store for `compare()` (every story of two or more articles), writes the prediction and hands
it to ../shared/eval/score_compare.py, whose figures are printed unchanged (--json: its JSON
summary as the last line). Reads ../shared, never copies it; exits 0 with a note when it is
absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold" / "de" / "compare-dev"
SCORER = SHARED / "eval" / "score_compare.py"


def predict(items: Path, out: Path) -> float:
    """Ingest the items into a fresh store and write its comparison; returns the seconds taken."""
    from lagebild.store import open_store
    from lagebild.store.ingest import IngestOptions, ingest
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lagebild-compare-") as tmp:
        db = Path(tmp) / "compare.duckdb"
        ingest(db, [str(items)], IngestOptions(workers=0))
        with open_store(db) as st:
            result = st.compare()
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD, help="folder with compare_gold.json and items.jsonl")
    ap.add_argument("--out", type=Path, help="keep the prediction here (default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON summary as the last line")
    ap.add_argument("--verbose", action="store_true", help="the scorer's per-fact report")
    args = ap.parse_args(argv)
    gold = args.gold / "compare_gold.json"
    if not gold.exists() or not SCORER.exists():
        print(f"no compare gold at {args.gold} (or no scorer at {SCORER}): nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="lagebild-pred-") as tmp:
        pred = args.out or Path(tmp) / "pred.json"
        seconds = predict(args.gold / "items.jsonl", pred)
        cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred)]
        if args.verbose:
            cmd.append("--verbose")
        r = subprocess.run(cmd, capture_output=True, text=True)
        print(r.stdout, end="")
        print(f"ingest + compare: {seconds:.1f} s", file=sys.stderr)
        if r.returncode:
            print(r.stderr, file=sys.stderr, end="")
            return r.returncode
        if args.json:
            r = subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True)
            print(json.dumps(json.loads(r.stdout)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
