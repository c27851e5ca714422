"""The gazetteer: coverage of the gold place names, memory and load time (issue 12).

    python benchmarks/geo.py [--gold ../shared/gold/de/dev ../shared/gold/de/train] [--verbose]

Coverage: of the place names in the gold events' `location` fields (the form in the text, the
first of `names`), the share the resolver (the gazetteer with the language's own names, no
article context) resolves to the gold's country; for a gold place with no country (a sea), the
share it resolves at all. The blind third of train (benchmarks/score_dev.py) is left out: it
is looked at in totals of the scorer only. Memory and load time are measured in a fresh
process (targets: < 50 MB RSS, < 0.5 s). Reads ../shared, never copies it; exits 0 with a
note when it is absent.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "benchmarks"))

from score_dev import is_blind  # noqa: E402

MEASURE = r"""
import gc, json, resource, time
def rss(): return int(open("/proc/self/statm").read().split()[1]) * 4096 / 2**20
from lagebild.geo.gazetteer import Gazetteer
gc.collect(); before, peak0 = rss(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter(); g = Gazetteer.load(); dt = time.perf_counter() - t
gc.collect()
print(json.dumps({"load_s": dt, "rss_mb": rss() - before,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - peak0,
                  "names": g.names, "countries": len(g.countries)}))
"""


def measure(runs: int = 5) -> dict:
    out = [json.loads(subprocess.run([sys.executable, "-c", MEASURE], check=True, capture_output=True,
                                     text=True).stdout) for _ in range(runs)]
    return {"load_s": round(statistics.median(r["load_s"] for r in out), 3),
            "rss_mb": round(statistics.median(r["rss_mb"] for r in out), 1),
            "peak_mb": round(statistics.median(r["peak_mb"] for r in out), 1),
            "names": out[0]["names"], "countries": out[0]["countries"]}


def coverage(golds: list[Path], verbose: bool = False) -> dict:
    from lagebild.geo.gazetteer import Gazetteer
    from lagebild.geo.resolve import PlaceWords, Resolver
    from lagebild.lang import load_language
    data = load_language("de")
    resolver = Resolver(Gazetteer.load(), PlaceWords.build(data.entries("geo")), data.entries("actors"))
    total = right = 0
    for gold in golds:
        for f in sorted(gold.glob("*.gold.json")):
            doc_id = f.name[: -len(".gold.json")]
            if is_blind(doc_id) and gold.name == "train":
                continue
            for ev in json.loads(f.read_text(encoding="utf-8"))["events"]:
                loc = ev.get("location")
                if not loc or not loc.get("names"):
                    continue
                total += 1
                p = resolver.resolve(loc["names"][0])
                got = resolver.iso3(p) if p else None
                ok = p is not None and (loc.get("country") is None or got == loc["country"])
                right += ok
                if verbose and not ok:
                    print(f"  {doc_id} {loc['names'][0]!r} ({loc.get('country')}): got {p and p.name} {got}")
    return {"gold_places": total, "resolved_right_country": right,
            "coverage": round(right / total, 3) if total else 0.0}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", nargs="*", default=[str(SHARED / "gold/de/dev"), str(SHARED / "gold/de/train")])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    out = measure()
    golds = [Path(g) for g in a.gold if Path(g).exists()]
    if golds:
        out.update(coverage(golds, a.verbose))
    else:
        print("gold not found: coverage not measured", file=sys.stderr)
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:24s} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
