"""Language identification: the shipped detector against lingua's high-accuracy mode on every
German and English article in ../shared (never copied), and what each costs.

    python benchmarks/language_id.py [--json]

The shipped detector (`components/language.py`: lingua's low-accuracy mode, high accuracy
between its two best candidates only when it is unsure) must name the same language as high
accuracy over all candidates (the detector shipped before) on every article; any article that
changes language is listed, and the run exits 1. Also counted: articles whose confidence
crosses `MIN_CONFIDENCE` (which decides whether a forced --lang that does not fit is refused)
and how many the shipped detector calls something other than the collection's language. Also reported: how often the fallback ran, CPU
seconds of each detector, and the memory (RSS growth) and CPU time of building each.
Exits cleanly when ../shared is absent.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def articles() -> list[tuple[str, str, str]]:
    """(collection, expected language, text) of every German and English article we have."""
    out: list[tuple[str, str, str]] = []
    de = SHARED / "corpora" / "de"
    with open(de / "tagesschau-zeit-2025-2026.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append(("tagesschau", "de", rec.get("content") or rec.get("text") or ""))
    with open(de / "10kgnad-test.csv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                out.append(("10kgnad", "de", row[1]))
    for path in sorted((de / "wikinews-quotes").glob("*/*.json")):
        out.append(("wikinews-quotes", "de", json.loads(path.read_text(encoding="utf-8")).get("originalText") or ""))
    for lang in ("de", "en"):
        for path in sorted((SHARED / "gold" / lang).glob("*/*.txt")):
            out.append((f"gold-{lang}", lang, path.read_text(encoding="utf-8")))
    for path in sorted((SHARED / "corpora" / "en" / "bbc").glob("*/*.txt")):
        out.append(("bbc", "en", path.read_text(encoding="utf-8", errors="replace")))
    return [a for a in out if len(a[2].strip()) >= 20]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not (SHARED / "corpora" / "de").exists():
        print("../shared/corpora not found: nothing to measure", file=sys.stderr)
        return 0
    from lagebild.components.language import MIN_CONFIDENCE, LanguageDetector, high_accuracy_detector, lingua_decision
    texts = articles()
    out: dict = {"articles": len(texts)}

    # The shipped detector first, in a process that has loaded nothing else: its memory.
    r0, c0 = rss_mb(), time.process_time()
    shipped = LanguageDetector()
    shipped.detect("Die Bundesregierung beschloss am Mittwoch neue Hilfen.")
    out["shipped_build_mb"], out["shipped_build_cpu_s"] = round(rss_mb() - r0), round(time.process_time() - c0, 2)
    r0, c0 = rss_mb(), time.process_time()
    new = [shipped.detect(t) for _, _, t in texts]
    out["shipped_cpu_s"] = round(time.process_time() - c0, 2)
    out["fallbacks"] = shipped.fallbacks
    # what the fallbacks' high-accuracy models added while detecting every article
    out["shipped_run_growth_mb"] = round(rss_mb() - r0)

    r0, c0 = rss_mb(), time.process_time()
    high = high_accuracy_detector()
    out["high_build_mb"], out["high_build_cpu_s"] = round(rss_mb() - r0), round(time.process_time() - c0, 2)
    c0 = time.process_time()
    old = [lingua_decision(high, t) for _, _, t in texts]
    out["high_cpu_s"] = round(time.process_time() - c0, 2)

    changed, crossed = [], []
    by_collection: dict[str, dict[str, int]] = {}
    for (coll, lang, text), (l1, c1), (l2, c2) in zip(texts, old, new):
        stats = by_collection.setdefault(coll, {"articles": 0, "not_own_language": 0, "changed_language": 0})
        stats["articles"] += 1
        stats["not_own_language"] += l2 != lang
        row = {"collection": coll, "high": [l1, round(c1, 3)], "shipped": [l2, round(c2, 3)], "text": text[:80]}
        if l1 != l2:
            stats["changed_language"] += 1
            changed.append(row)
        elif (c1 >= MIN_CONFIDENCE) != (c2 >= MIN_CONFIDENCE):
            crossed.append(row)
    out["by_collection"] = by_collection
    out["changed_language"] = changed
    out["crossed_min_confidence"] = crossed
    if a.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        for k, v in out.items():
            print(f"{k:22s} {v}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
